"""The staff console as a Starlette application: state, security headers, routes."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.config import Settings
from bot.console import backend
from bot.console.auth import Sessions, load_secret
from bot.console.backend import Problem
from bot.console.changes import Writer
from bot.console.live import ChangeState, change_state, read_bot_status
from bot.console.rebuild import Rebuilder
from bot.storage import Change, Storage

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
MAX_BODY = 2_000_000  # a document may have 200 kB; forms never need more than this


class SecurityHeaders:
    """No framing, no sniffing, no referrer (sign-in tokens stay out of other sites' logs), own scripts only."""

    HEADERS = (
        (
            b"content-security-policy",
            # Scripts only from our own files; inline style attributes are allowed (progress bars).
            b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            b"frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"no-referrer"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope.get("path", "").startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += self.HEADERS
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


@dataclass
class BuildStatus:
    running: bool
    pending: bool
    index: backend.IndexInfo | None
    last_error: str | None
    bot_build: str | None
    bot_fresh: bool


class Console:
    """Everything the pages share: settings, storage, sessions, engine, writer, rebuild worker."""

    def __init__(self, settings: Settings, storage: Storage, *, start_worker: bool = True) -> None:
        self.settings = settings
        self.storage = storage
        self.sessions = Sessions(storage, load_secret(settings))
        self.engines = backend.EngineHolder(settings)
        self.rebuilder = Rebuilder(settings, storage, self._after_build)
        self.writer = Writer(settings, storage, self.rebuilder.request)
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.templates.env.filters["date_cs"] = backend.date_cs
        self.templates.env.filters["when"] = _when
        self.templates.env.filters["plural"] = _plural
        self.start_worker = start_worker
        self.gap_cache: dict[Any, Any] = {}

    def _after_build(self, outcome: backend.BuildOutcome) -> None:
        if outcome.ok:
            self.engines.reload()

    def build_status(self) -> BuildStatus:
        last = self.rebuilder.last
        bot = read_bot_status(self.settings.data_dir)
        return BuildStatus(
            running=not self.rebuilder.idle(),
            pending=self.storage.pending_change_id() is not None,
            index=backend.index_info(self.settings),
            last_error=last.message if last is not None and not last.ok else None,
            bot_build=bot.build_id if bot else None,
            bot_fresh=bool(bot and bot.fresh(self.settings.index_poll_seconds)),
        )

    def change_state(self, change: Change, index: backend.IndexInfo | None = None) -> ChangeState:
        """Where a logged change is: waiting, building, failed, in the index, or live in the bot."""
        index = index or backend.index_info(self.settings)
        relative = change.file.split("/", 1)[1] if "/" in change.file else change.file
        return change_state(
            build_status=change.build_status,
            build_error=change.build_error,
            relative=relative,
            new_hash=change.new_hash,
            deleted=change.action == "delete",
            index_files=index.files if index else None,
            index_build=index.build_id if index else None,
            building=self.rebuilder.running,
            bot=read_bot_status(self.settings.data_dir),
            poll_seconds=self.settings.index_poll_seconds,
        )

    def check(self) -> list[Problem]:
        """`index check` of the knowledge folder, recomputed only when a file in it changed."""
        return backend.check_knowledge_cached(Path(self.settings.knowledge_dir))

    def startup(self) -> None:
        removed = self.storage.purge()
        if removed:
            log.info("Deleted %d question texts past their retention period", removed)
        if self.start_worker:
            self.rebuilder.start()
            threading.Thread(target=self._warm_up, name="console-warm-up", daemon=True).start()

    def _warm_up(self) -> None:
        """Load the engine and group the gaps once, so the first page view is quick."""
        from bot.console.gaps import open_groups

        try:
            open_groups(self)
        except Exception:
            log.exception("Warm-up failed")

    def shutdown(self) -> None:
        if self.start_worker:
            self.rebuilder.stop()


def _plural(count: int, one: str, few: str, many: str) -> str:
    """Czech plural: 1 chyba, 2–4 chyby, 0 and 5+ chyb."""
    word = one if count == 1 else few if 2 <= count <= 4 else many
    return f"{count} {word}"


def _when(value: str | None) -> str:
    """Stored UTC timestamp → local "26. 11. 2026 14:05"."""
    from datetime import datetime

    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value).astimezone()
    except ValueError:
        return value
    return f"{moment.day}. {moment.month}. {moment.year} {moment:%H:%M}"


def routes() -> list[Any]:
    from bot.console.pages import answers, calls, changes, documents, gaps, overview, places, signin, trying

    return [
        *signin.ROUTES,
        *overview.ROUTES,
        *trying.ROUTES,
        *documents.ROUTES,
        *answers.ROUTES,
        *calls.ROUTES,
        *places.ROUTES,
        *gaps.ROUTES,
        *changes.ROUTES,
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]


def create_app(settings: Settings, *, storage: Storage | None = None, start_worker: bool = True) -> Starlette:
    """The console app; `storage` defaults to DATA_DIR/bot.sqlite3 (shared with the bot)."""
    own_storage = storage is None
    store = storage or Storage.open(settings.database_path)
    console = Console(settings, store, start_worker=start_worker)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        console.startup()
        try:
            yield
        finally:
            console.shutdown()
            if own_storage:
                store.close()

    app = Starlette(
        routes=routes(),
        middleware=[Middleware(SecurityHeaders)],
        lifespan=lifespan,
        max_body_size=MAX_BODY,
    )
    app.state.console = console
    return app


__all__ = ["Console", "Route", "create_app"]
