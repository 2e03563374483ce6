"""/mezery — questions the bot could not answer well, grouped by meaning, with actions for staff."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from bot.console.gaps import open_groups
from bot.console.web import Req, page, redirect, render
from bot.storage import QUESTION_RETENTION_DAYS

ACTIONS = {"vyreseno": ("resolved", "Označeno jako vyřešené."), "nepatri": ("ignored", "Označeno: nepatří sem.")}
MAX_KEYS = 200


@page()
def list_gaps(req: Req) -> Response:
    view = open_groups(req.console)
    return render(req, "gaps.html", title="Mezery", view=view, retention=QUESTION_RETENTION_DAYS)


@page()
def mark_gaps(req: Req) -> Response:
    admin = req.admin
    assert admin is not None
    action = ACTIONS.get(req.field("akce"))
    keys = [k for k in req.fields("mezera") if k][:MAX_KEYS]
    if action is None or not keys:
        return render(
            req, "error.html", status=422, title="Nic neoznačeno", message="Chybí otázky nebo akce.", back="/mezery"
        )
    status, message = action
    req.console.storage.set_gap_status(keys, status, admin.name)
    if req.htmx:
        return render(req, "_gap_done.html", message=message, count=len(keys))
    return redirect("/mezery")


ROUTES = [
    Route("/mezery", list_gaps, methods=["GET"]),
    Route("/mezery/stav", mark_gaps, methods=["POST"]),
]
