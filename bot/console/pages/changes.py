"""/zmeny — the change log: who changed which file when, the diff, the git commit and the way into the index."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from bot.console import backend
from bot.console.web import Req, page, render

PAGE_SIZE = 30


@page()
def list_changes(req: Req) -> Response:
    storage = req.console.storage
    page_no = int(req.query("strana")) if req.query("strana").isdigit() else 1
    page_no = max(1, min(page_no, 10_000))
    file = req.query("soubor") or None
    changes = storage.changes(limit=PAGE_SIZE + 1, offset=(page_no - 1) * PAGE_SIZE, file=file)
    more = len(changes) > PAGE_SIZE
    changes = changes[:PAGE_SIZE]
    index = backend.index_info(req.console.settings)
    states = {c.id: req.console.change_state(c, index) for c in changes}
    return render(
        req, "changes.html", title="Historie změn", changes=changes, states=states, page_no=page_no, more=more,
        file=file, total=storage.change_count(),
    )  # fmt: skip


@page()
def show_change(req: Req) -> Response:
    change = req.console.storage.change(int(req.request.path_params["change_id"]))
    if change is None:
        message = "Taková změna v historii není."
        return render(req, "error.html", status=404, title="Změna nenalezena", message=message, back="/zmeny")
    return render(
        req, "change.html", title=f"Změna č. {change.id}", change=change, state=req.console.change_state(change)
    )


ROUTES = [
    Route("/zmeny", list_changes, methods=["GET"]),
    Route("/zmeny/{change_id:int}", show_change, methods=["GET"]),
]
