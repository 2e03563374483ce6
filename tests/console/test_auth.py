"""Sign-in links, sessions, CSRF and access rules of the console (HTTP through Starlette's TestClient)."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from bot.config import Settings
from bot.console.auth import COOKIE, load_secret
from bot.console.web import safe_next
from tests.console.conftest import ADMIN, BASE, ROOT, ConsoleClient, bot_env, run_bot

PAGES = ["/", "/mezery", "/odpovedi", "/dokumenty", "/vyzvy", "/obce", "/vyzkouset", "/zmeny"]


def test_anonymous_page_request_is_sent_to_the_sign_in_page(client: ConsoleClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/prihlaseni"
    page = client.get("/prihlaseni")
    assert page.status_code == 200 and "/konzole" in page.text and "10 minut" in page.text


def test_anonymous_htmx_request_is_told_to_go_to_the_sign_in_page(client: ConsoleClient) -> None:
    response = client.get("/stav", headers={"HX-Request": "true"}, follow_redirects=False)
    assert response.status_code == 401 and response.headers["hx-redirect"] == "/prihlaseni"


def test_valid_link_signs_in_with_a_safe_cookie_and_redirects_home(client: ConsoleClient) -> None:
    response = client.get(client.link(), follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Max-Age=43200" in cookie
    home = client.get("/")
    assert home.status_code == 200 and "Jana Nováková" in home.text


def test_used_link_is_refused_with_a_czech_explanation(client: ConsoleClient) -> None:
    link = client.link()
    assert client.get(link, follow_redirects=False).status_code == 303
    client.http.cookies.clear()
    again = client.get(link, follow_redirects=False)
    assert again.status_code == 410 and "už byl použit" in again.text
    assert client.get("/", follow_redirects=False).status_code == 303


def test_expired_link_is_refused(client: ConsoleClient) -> None:
    token = "expired-token-for-the-test-0123456789"
    past = datetime.now(UTC) - timedelta(minutes=1)
    client.console.storage.add_signin_token(hashlib.sha256(token.encode()).hexdigest(), ADMIN, "Jana", past)
    response = client.get(f"/prihlaseni?token={token}", follow_redirects=False)
    assert response.status_code == 410 and "vypršela" in response.text
    assert COOKIE not in response.headers.get("set-cookie", "")


@pytest.mark.parametrize("token", ["forged", "x" * 43, "' OR 1=1 --", "y" * 500])
def test_forged_link_is_refused(client: ConsoleClient, token: str) -> None:
    response = client.get("/prihlaseni", params={"token": token}, follow_redirects=False)
    assert response.status_code == 400 and "neplatí" in response.text
    assert client.get("/", follow_redirects=False).status_code == 303


def test_link_preview_fetchers_do_not_use_up_the_link(client: ConsoleClient) -> None:
    link = client.link()
    preview = client.get(link, headers={"user-agent": "TelegramBot (like TwitterBot)"}, follow_redirects=False)
    assert preview.status_code == 200 and COOKIE not in preview.headers.get("set-cookie", "")
    assert client.get(link, follow_redirects=False).status_code == 303


def test_link_of_someone_removed_from_admins_is_refused(client: ConsoleClient) -> None:
    link = client.link(admin=999)  # issued, but 999 is not in ADMIN_IDS
    response = client.get(link, follow_redirects=False)
    assert response.status_code == 403 and "správce" in response.text


def test_session_ends_when_the_admin_is_removed_from_admin_ids(admin_client: ConsoleClient) -> None:
    assert admin_client.get("/", follow_redirects=False).status_code == 200
    csrf = admin_client.csrf()
    admin_client.console.settings.admin_ids = frozenset({999})
    assert admin_client.get("/", follow_redirects=False).status_code == 303
    response = admin_client.post("/stav/sestavit", {"csrf": csrf}, csrf=False, follow_redirects=False)
    assert response.status_code == 403


def test_forged_or_tampered_cookie_is_anonymous(admin_client: ConsoleClient) -> None:
    value = admin_client.http.cookies.get(COOKIE)
    assert value
    admin_client.http.cookies.clear()
    admin_client.http.cookies.set(COOKIE, value[:-2] + ("AA" if not value.endswith("AA") else "BB"))
    assert admin_client.get("/", follow_redirects=False).status_code == 303
    admin_client.http.cookies.clear()
    admin_client.http.cookies.set(COOKIE, "nonsense")
    assert admin_client.get("/", follow_redirects=False).status_code == 303


def test_anonymous_post_is_forbidden(client: ConsoleClient) -> None:
    response = client.post("/stav/sestavit", {"csrf": "anything"}, csrf=False, follow_redirects=False)
    assert response.status_code == 403 and "přihlášení správci" in response.text


def test_post_without_csrf_token_is_forbidden(admin_client: ConsoleClient) -> None:
    response = admin_client.post("/stav/sestavit", {}, csrf=False, follow_redirects=False)
    assert response.status_code == 403 and "CSRF" in response.text


def test_post_with_wrong_csrf_token_is_forbidden(admin_client: ConsoleClient) -> None:
    response = admin_client.post("/stav/sestavit", {"csrf": "wrong"}, csrf=False, follow_redirects=False)
    assert response.status_code == 403
    other = admin_client.post(
        "/stav/sestavit", {}, csrf=False, headers={"X-CSRF-Token": "wrong"}, follow_redirects=False
    )
    assert other.status_code == 403


def test_csrf_token_in_the_htmx_header_is_accepted(admin_client: ConsoleClient) -> None:
    token = admin_client.csrf()
    response = admin_client.post(
        "/stav/sestavit", {"next": "/"}, csrf=False, headers={"X-CSRF-Token": token}, follow_redirects=False
    )
    assert response.status_code == 303


def test_csrf_token_of_another_session_is_refused(client: ConsoleClient) -> None:
    client.sign_in()
    first = client.csrf()
    client.http.cookies.clear()
    client.sign_in(name="Petr")
    response = client.post("/stav/sestavit", {"csrf": first}, csrf=False, follow_redirects=False)
    assert response.status_code == 403


def test_sign_out_ends_the_session(admin_client: ConsoleClient) -> None:
    cookie = admin_client.http.cookies.get(COOKIE)
    response = admin_client.post("/odhlaseni", {}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/prihlaseni?odhlaseno=1"
    assert admin_client.get("/", follow_redirects=False).status_code == 303
    admin_client.http.cookies.clear()
    admin_client.http.cookies.set(COOKIE, cookie)  # the old cookie is dead on the server too
    assert admin_client.get("/", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("path", PAGES)
def test_every_page_needs_sign_in(client: ConsoleClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/prihlaseni"


def test_pages_carry_security_headers(admin_client: ConsoleClient) -> None:
    response = admin_client.get("/")
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"


def test_generated_secret_is_kept_in_data_dir_with_owner_only_permissions(console_settings: Settings) -> None:
    settings = console_settings.model_copy(update={"console_secret": None})
    first = load_secret(settings)
    path = settings.data_dir / "console_secret"
    assert len(first) >= 32 and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    os.chmod(path, 0o644)
    assert load_secret(settings) == first
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


@pytest.mark.parametrize(
    ("value", "expected"),
    [("/obce?okres=Most", "/obce?okres=Most"), ("//evil.example", "/"), ("https://evil.example/", "/"), ("", "/")],
)
def test_return_paths_stay_on_the_console(value: str, expected: str) -> None:
    assert safe_next(value) == expected


def test_console_link_command_prints_a_working_link(client: ConsoleClient, console_settings: Settings) -> None:
    done = run_bot(console_settings, "console-link", "--admin", str(ADMIN), "--name", "Jana", "--port", "8080")
    assert done.returncode == 0, done.stderr
    link = done.stdout.strip()
    assert link.startswith(f"{BASE}/prihlaseni?token=")
    assert client.get(link.removeprefix(BASE), follow_redirects=False).status_code == 303


def test_console_link_command_refuses_non_admins(console_settings: Settings) -> None:
    done = run_bot(console_settings, "console-link", "--admin", "999")
    assert done.returncode == 2 and "ADMIN_IDS" in done.stderr


def test_console_link_uses_the_public_url_behind_a_proxy(console_settings: Settings) -> None:
    env = {**bot_env(console_settings), "CONSOLE_PUBLIC_URL": "https://konzole.example.cz/"}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "console-link", "--admin", str(ADMIN)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout.startswith("https://konzole.example.cz/prihlaseni?token=")
