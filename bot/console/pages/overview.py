"""/ (Přehled) and the index status fragments (/stav, /stav/zmena/{id})."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from bot.console.backend import Severity
from bot.console.gaps import open_groups
from bot.console.web import Req, page, redirect, render, safe_next


def _share(confident: int, total: int) -> int | None:
    return round(100 * confident / total) if total else None


@page()
def overview(req: Req) -> Response:
    console = req.console
    storage = console.storage
    problems = console.check()
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    periods = []
    for days in (7, 30):
        stats = storage.daily_stats(days=days)
        total = sum(d.questions for d in stats)
        confident = sum(d.confident for d in stats)
        up, down = storage.feedback_counts_since(days)
        periods.append({"days": days, "questions": total, "share": _share(confident, total), "up": up, "down": down})
    view = open_groups(console, limit=5)
    changes = storage.changes(limit=5)
    index = console.build_status().index
    states = {c.id: console.change_state(c, index) for c in changes}
    return render(
        req,
        "overview.html",
        title="Přehled",
        errors=errors,
        warnings=warnings,
        periods=periods,
        all_votes=storage.feedback_counts(),
        groups=view.groups,
        gaps_note=view.note,
        changes=changes,
        states=states,
    )


@page()
def status_fragment(req: Req) -> Response:
    return render(req, "_build.html", build=req.console.build_status())


@page()
def change_status_fragment(req: Req) -> Response:
    try:
        change = req.console.storage.change(int(req.request.path_params["change_id"]))
    except ValueError:
        change = None
    if change is None:
        return Response("", status_code=404)
    return render(req, "_change_state.html", change=change, state=req.console.change_state(change))


@page()
def rebuild_now(req: Req) -> Response:
    req.console.rebuilder.request()
    return redirect(safe_next(req.field("next")))


ROUTES = [
    Route("/", overview, methods=["GET"]),
    Route("/stav", status_fragment, methods=["GET"]),
    Route("/stav/zmena/{change_id:int}", change_status_fragment, methods=["GET"]),
    Route("/stav/sestavit", rebuild_now, methods=["POST"]),
]
