"""Request plumbing shared by all pages: sign-in check, CSRF check, rendering.

Every route is wrapped by `page`: anonymous page requests get 303 to /prihlaseni, anonymous or
non-admin POSTs get 403, POSTs without the session's CSRF token get 403, and the handler itself
runs in a worker thread (it reads files, SQLite and the engine, all blocking).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.console.auth import COOKIE, Admin, csrf_ok

if TYPE_CHECKING:
    from bot.console.app import Console

NAV = (
    ("/", "Přehled"),
    ("/mezery", "Mezery"),
    ("/odpovedi", "Odpovědi"),
    ("/dokumenty", "Dokumenty"),
    ("/vyzvy", "Výzvy"),
    ("/obce", "Obce"),
    ("/vyzkouset", "Vyzkoušet"),
    ("/zmeny", "Změny"),
)
MAX_FORM_FIELDS = 2000


@dataclass
class Req:
    """What a page handler gets: the request, the console, the signed-in admin and the form."""

    request: Request
    console: Console
    admin: Admin | None
    form: dict[str, list[str]] = field(default_factory=dict)

    def field(self, name: str, default: str = "") -> str:
        values = self.form.get(name)
        return values[0] if values else default

    def fields(self, name: str) -> list[str]:
        return list(self.form.get(name, []))

    def query(self, name: str, default: str = "") -> str:
        return self.request.query_params.get(name, default)

    @property
    def htmx(self) -> bool:
        return self.request.headers.get("hx-request") == "true"


def render(
    req: Req, template: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any
) -> Response:
    """Render a template with the layout's context (admin, CSRF token, navigation, index status)."""
    path = req.request.url.path
    base: dict[str, Any] = {
        "admin": req.admin,
        "csrf": req.admin.csrf if req.admin else "",
        "nav": NAV,
        "path": path,
        "section": "/" + path.strip("/").split("/")[0] if path != "/" else "/",
        "poll_seconds": int(req.console.settings.index_poll_seconds),
    }
    if req.admin is not None and not template.startswith("_"):
        base["build"] = req.console.build_status()
        raw = req.query("zmena")
        change = req.console.storage.change(int(raw)) if raw.isdigit() and len(raw) < 12 else None
        if change is not None:
            base["saved_change"], base["saved_state"] = change, req.console.change_state(change)
        base["unchanged"] = req.query("beze_zmeny") == "1"
    return req.console.templates.TemplateResponse(
        req.request, template, {**base, **context}, status_code=status, headers=headers
    )


def safe_next(value: str, default: str = "/") -> str:
    """A local path to go back to (never another site: no scheme, no "//", no backslashes)."""
    if value.startswith("/") and not value.startswith("//") and "\\" not in value and "://" not in value:
        return value
    return default


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def forbidden(req: Req, message: str) -> Response:
    return render(req, "error.html", status=403, title="Přístup odepřen", message=message)


def page(public: bool = False) -> Callable[[Callable[[Req], Response]], Callable[[Request], Any]]:
    """Wrap a synchronous handler `(Req) -> Response` into a checked async endpoint."""

    def wrap(handler: Callable[[Req], Response]) -> Callable[[Request], Any]:
        @functools.wraps(handler)
        async def endpoint(request: Request) -> Response:
            console: Console = request.app.state.console
            admin = await run_in_threadpool(
                console.sessions.admin, request.cookies.get(COOKIE), console.settings.admin_ids
            )
            req = Req(request, console, admin)
            if request.method == "POST":
                if admin is None:
                    return await run_in_threadpool(
                        forbidden,
                        req,
                        "Tuto akci smějí provést jen přihlášení správci. Přihlaste se odkazem z Telegramu (/konzole).",
                    )
                form = await request.form(max_fields=MAX_FORM_FIELDS)
                req.form = {key: [str(v) for v in form.getlist(key) if isinstance(v, str)] for key in form}
                await form.close()
                sent = req.field("csrf") or request.headers.get("x-csrf-token")
                if not csrf_ok(admin, sent):
                    return await run_in_threadpool(
                        forbidden,
                        req,
                        "Formulář nemá platný bezpečnostní kód (CSRF). Načtěte stránku znovu a akci zopakujte.",
                    )
            elif admin is None and not public:
                if req.htmx:
                    return Response(status_code=401, headers={"HX-Redirect": "/prihlaseni"})
                return redirect("/prihlaseni")
            return await run_in_threadpool(handler, req)

        return endpoint

    return wrap
