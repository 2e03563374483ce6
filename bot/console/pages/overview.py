"""/ (Přehled) and the index status fragments (/stav)."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from bot.console.web import Req, page, redirect, render, safe_next


@page()
def overview(req: Req) -> Response:
    return render(req, "overview.html", title="Přehled")


@page()
def status_fragment(req: Req) -> Response:
    return render(req, "_build.html", build=req.console.build_status())


@page()
def rebuild_now(req: Req) -> Response:
    req.console.rebuilder.request()
    return redirect(safe_next(req.field("next")))


ROUTES = [
    Route("/", overview, methods=["GET"]),
    Route("/stav", status_fragment, methods=["GET"]),
    Route("/stav/sestavit", rebuild_now, methods=["POST"]),
]
