"""/prihlaseni (one-time link → session cookie) and /odhlaseni."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from bot.console.auth import COOKIE, SESSION_HOURS, redeem
from bot.console.web import Req, page, redirect, render

# Link-preview fetchers must not use up a one-time link (Telegram's preview is also disabled).
PREVIEW_AGENTS = ("TelegramBot", "facebookexternalhit", "Slackbot", "WhatsApp", "Discordbot", "Twitterbot")

PROBLEMS = {
    "unknown": (
        400,
        "Tento přihlašovací odkaz neplatí. Zkopírujte ho celý, nebo si v Telegramu pošlete /konzole znovu.",
    ),
    "used": (410, "Tento odkaz už byl použit. Každý odkaz platí jen jednou – pošlete botovi /konzole a otevřete nový."),
    "expired": (410, "Platnost odkazu vypršela (platí 10 minut). Pošlete botovi /konzole a otevřete nový odkaz hned."),
    "not_admin": (
        403,
        "Tento účet v Telegramu už nepatří mezi správce bota (ADMIN_IDS). Obraťte se na správce serveru.",
    ),
}


@page(public=True)
def signin(req: Req) -> Response:
    token = req.query("token")
    if not token:
        return render(req, "signin.html", title="Přihlášení", signed_out=req.query("odhlaseno") == "1")
    agent = req.request.headers.get("user-agent", "")
    if any(name in agent for name in PREVIEW_AGENTS):
        return render(req, "signin.html", title="Přihlášení", heading="Odkaz pro přihlášení do konzole")
    settings = req.console.settings
    status, admin_id, name = redeem(req.console.storage, token, settings.admin_ids)
    if status != "ok" or admin_id is None:
        code, message = PROBLEMS.get(status, PROBLEMS["unknown"])
        return render(req, "signin.html", status=code, title="Přihlášení", problem=message)
    cookie = req.console.sessions.create(admin_id, name or f"Správce {admin_id}")
    response = redirect("/")
    secure = req.request.url.scheme == "https" or (settings.console_public_url or "").startswith("https://")
    response.set_cookie(
        COOKIE, cookie, max_age=SESSION_HOURS * 3600, path="/", httponly=True, samesite="lax", secure=secure
    )
    return response


@page()
def signout(req: Req) -> Response:
    assert req.admin is not None
    req.console.sessions.end(req.admin)
    response = redirect("/prihlaseni?odhlaseno=1")
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax")
    return response


ROUTES = [
    Route("/prihlaseni", signin, methods=["GET"]),
    Route("/odhlaseni", signout, methods=["POST"]),
]
