"""Fixtures for the staff console: a knowledge folder and index per test, a signed-in HTTP client,
and for the browser tests a real uvicorn server (`python -m bot console`) plus Debian's Chromium."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from bot.config import Settings
from bot.console.app import create_app
from bot.console.auth import issue_link
from index.build import build_index

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ADMIN = 4242
OTHER_ADMIN = 5151
SECRET = "test-console-secret-0123456789abcdefghijklmnopqrstuvwxyz"
BASE = "http://127.0.0.1:8080"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def console_settings(small_knowledge: Path, make_settings: Callable[..., Settings]) -> Settings:
    """Settings over a writable copy of the small fixture knowledge (3 documents + real tables), index built."""
    settings = make_settings(
        knowledge_dir=small_knowledge,
        admin_ids=frozenset({ADMIN, OTHER_ADMIN}),
        console_secret=SECRET,
        index_poll_seconds=1,
    )
    build_index(settings.index_config)
    return settings


class ConsoleClient:
    """A TestClient plus helpers: sign in, read the CSRF token, post forms with it."""

    def __init__(self, client: TestClient, settings: Settings) -> None:
        self.http = client
        self.settings = settings

    @property
    def console(self):  # type: ignore[no-untyped-def]
        return self.http.app.state.console  # type: ignore[attr-defined]

    def link(self, admin: int = ADMIN, name: str = "Jana Nováková") -> str:
        return issue_link(self.console.storage, admin, name, BASE).removeprefix(BASE)

    def sign_in(self, admin: int = ADMIN, name: str = "Jana Nováková") -> None:
        response = self.http.get(self.link(admin, name), follow_redirects=False)
        assert response.status_code == 303, response.text

    def csrf(self, path: str = "/") -> str:
        page = self.http.get(path)
        match = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def post(self, path: str, data: dict | list | None = None, *, csrf: bool = True, **kwargs):  # type: ignore[no-untyped-def]
        items = list(data.items()) if isinstance(data, dict) else list(data or [])
        if csrf:
            items.append(("csrf", self.csrf()))
        body = "&".join(f"{_q(k)}={_q(str(v))}" for k, v in items)
        headers = {"content-type": "application/x-www-form-urlencoded", **kwargs.pop("headers", {})}
        return self.http.post(path, content=body.encode(), headers=headers, **kwargs)

    def get(self, path: str, **kwargs):  # type: ignore[no-untyped-def]
        return self.http.get(path, **kwargs)

    def wait_built(self, timeout: float = 120.0) -> None:
        assert self.console.rebuilder.wait_idle(timeout), "index rebuild did not finish"


def _q(value: str) -> str:
    from urllib.parse import quote_plus

    return quote_plus(value)


@pytest.fixture
def client(console_settings: Settings) -> Iterator[ConsoleClient]:
    """The console app (rebuild worker running) and a not-yet-signed-in client."""
    app = create_app(console_settings)
    with TestClient(app, base_url=BASE) as http:
        yield ConsoleClient(http, console_settings)


@pytest.fixture
def admin_client(client: ConsoleClient) -> ConsoleClient:
    client.sign_in()
    return client


# --- a real server and a real browser ------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bot_env(settings: Settings) -> dict[str, str]:
    """Environment for `python -m bot …` subprocesses sharing the test's folders."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(
        KNOWLEDGE_DIR=str(settings.knowledge_dir),
        DATA_DIR=str(settings.data_dir),
        EMBEDDING_CACHE_DIR=str(settings.embedding_cache_dir),
        ADMIN_IDS=",".join(str(a) for a in sorted(settings.admin_ids)),
        CONSOLE_SECRET=SECRET,
        INDEX_POLL_SECONDS="1",
        PYTHONUNBUFFERED="1",
    )
    return env


def run_bot(settings: Settings, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        env=bot_env(settings),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


class Server:
    def __init__(self, settings: Settings, port: int, process: subprocess.Popen[str]) -> None:
        self.settings = settings
        self.port = port
        self.process = process
        self.url = f"http://127.0.0.1:{port}"

    def link(self, admin: int = ADMIN, name: str = "Jana Nováková") -> str:
        done = run_bot(self.settings, "console-link", "--admin", str(admin), "--name", name, "--port", str(self.port))
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()


@contextlib.contextmanager
def serve_console(settings: Settings) -> Iterator[Server]:
    """`python -m bot console` as a real uvicorn server on a free 127.0.0.1 port."""
    port = free_port()
    log = settings.data_dir / "console.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "console", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=bot_env(settings),
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"console exited: {log.read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail(f"console did not start: {log.read_text()}")
        yield Server(settings, port, process)
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def console_server(console_settings: Settings) -> Iterator[Server]:
    with serve_console(console_settings) as server:
        yield server


@pytest.fixture(scope="module")
def chromium():  # type: ignore[no-untyped-def]
    """Debian's Chromium driven by Playwright (the Playwright browser download is not used).

    Module scope: Playwright's sync API keeps an event loop running in the main thread until it
    exits, which would break every asyncio test collected after the browser tests.
    """
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed: run scripts/test.sh as root (it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="cs-CZ")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def screenshot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Save a full-page screenshot into tests/console/artifacts/ (git-ignored) for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def hidden(page_text: str, name: str) -> str:
    """The value of a hidden form field on a page."""
    import html as html_lib

    match = re.search(rf'<input type="hidden" name="{re.escape(name)}" value="([^"]*)"', page_text)
    assert match, f"no hidden field {name!r}"
    return html_lib.unescape(match.group(1))


def textarea(page_text: str, name: str) -> str:
    import html as html_lib

    match = re.search(rf'<textarea[^>]*name="{re.escape(name)}"[^>]*>(.*?)</textarea>', page_text, re.S)
    assert match, f"no textarea {name!r}"
    return html_lib.unescape(match.group(1))


def files_outside(root: Path, allowed: list[Path]) -> list[Path]:
    """Files under `root` that are not inside one of the `allowed` folders."""
    out = []
    for path in root.rglob("*"):
        if path.is_file() and not any(path.is_relative_to(a) for a in allowed):
            out.append(path)
    return out
