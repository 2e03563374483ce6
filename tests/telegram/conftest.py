"""Fixtures for Telegram tests: a fake Bot API server and the real bot running against it.

Reusable by every Telegram test (e.g. ``test_overit_flow.py``):

``fake_api``
    A started :class:`fake_bot_api.FakeBotApi` on 127.0.0.1 (random port). It records every call
    (``fake_api.calls``, ``fake_api.sent``), rejects what Telegram would reject (invalid HTML, texts
    over 4096, callback data over 64 bytes → ``fake_api.errors``), can inject updates
    (``fake_api.inject(update)``) and faults (``fake_api.fault_rate = 0.1``).

``start_bot``
    Async factory ``await start_bot(engine=None, storage=None, **settings_overrides) -> BotHarness``:
    builds the real Application with ``bot.telegram.app.build_application`` (real Engine, real SQLite in
    ``tmp_path``) and runs it with long polling against ``fake_api``. Stopped at teardown.

``running_bot``
    ``await start_bot()`` with defaults: engine over the real knowledge base, admin id ``ADMIN``.

``BotHarness`` helpers: ``send_text(user, text, chat=None, **extra)`` (user is an id or a user
dict; returns the injected message), ``ask(user, text)`` (send, wait for the next bot message in
that chat, return it), ``press(callback_data, user)`` (press a button of the latest bot message in
the user's chat that has it), ``press_on(user, message, data)`` (arbitrary data, e.g. stale),
``wait_for_messages(n, chat_id)``, ``messages(chat_id)``, ``sync(user)`` (round-trip a /pomoc to
be sure every earlier update of that chat was processed), ``settle()`` (wait until the database
writes the bot made so far are done: they run in the background, after the replies). Update builders live in
``fake_bot_api`` (``user``, ``private_chat``, ``group_chat``, ``message_update``, ``callback_update``…).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.config import Settings
from bot.storage import Storage
from bot.telegram.app import build_application, post_init, post_shutdown
from bot.telegram.services import app_services
from tests.telegram.fake_bot_api import FakeBotApi, buttons, callback_update, message_update, private_chat, user

TOKEN = "123456:TEST-token-for-the-fake-api"
ADMIN = 4242


class BotHarness:
    """A running bot plus helpers to talk to it through the fake server."""

    def __init__(self, app: Any, api: FakeBotApi, settings: Settings, storage: Storage, engine: Any) -> None:
        self.app = app
        self.api = api
        self.settings = settings
        self.storage = storage
        self.engine = engine

    @staticmethod
    def _user(u: int | dict) -> dict:
        return user(u) if isinstance(u, int) else u

    def send_text(self, u: int | dict, text: str, chat: dict | None = None, **extra: Any) -> dict:
        """Inject a text message from user ``u`` (private chat unless ``chat`` is given)."""
        who = self._user(u)
        update = message_update(who, text, chat or private_chat(who["id"]), **extra)
        self.api.inject(update)
        return update["message"]

    def send(self, update: dict) -> int:
        return self.api.inject(update)

    def messages(self, chat_id: int) -> list[dict]:
        return self.api.sent_to(chat_id)

    async def wait_for_messages(self, n: int, chat_id: int | None = None, timeout: float = 30.0) -> list[dict]:
        return await self.api.wait_for_messages(n, chat_id, timeout)

    async def ask(
        self, u: int | dict, text: str, chat: dict | None = None, timeout: float = 30.0, **extra: Any
    ) -> dict:
        """Send a message (``extra`` as in ``send_text``) and return the next bot message in that chat."""
        who = self._user(u)
        chat_id = (chat or private_chat(who["id"]))["id"]
        before = len(self.messages(chat_id))
        self.send_text(who, text, chat, **extra)
        msgs = await self.wait_for_messages(before + 1, chat_id, timeout)
        return msgs[before]

    def _find_button_message(self, chat_id: int, data: str) -> dict:
        for msg in reversed(self.messages(chat_id)):
            current = self.api.messages.get((chat_id, msg["message_id"]), msg)
            if any(b.get("callback_data") == data for b in buttons(current)):
                return current
        raise AssertionError(f"no message in chat {chat_id} has a button {data!r}")

    def press(self, data: str, u: int | dict, chat_id: int | None = None) -> dict:
        """Press the button with ``data`` on the latest bot message that has it; returns the message."""
        who = self._user(u)
        msg = self._find_button_message(chat_id or who["id"], data)
        self.api.inject(callback_update(who, msg, data))
        return msg

    def press_on(self, u: int | dict, message: dict, data: str) -> None:
        """Press a button with arbitrary (e.g. outdated) ``data`` on ``message``."""
        self.api.inject(callback_update(self._user(u), message, data))

    async def wait_for_call(self, method: str, n: int = 1, timeout: float = 30.0) -> list:
        return await self.api.wait_for(lambda: (c := self.api.calls_of(method)) and len(c) >= n and c, timeout)

    async def sync(self, u: int | dict) -> dict:
        """Round-trip a /pomoc: every update sent before it in this chat has been handled."""
        return await self.ask(u, "/pomoc")

    async def settle(self) -> None:
        """Wait for the database writes made so far (they run in the background, after the replies)."""
        await app_services(self.app).store.settle()


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeBotApi]:
    """The fake Telegram Bot API server on 127.0.0.1 (random port)."""
    api = await FakeBotApi().start()
    yield api
    await api.stop()


@pytest.fixture
async def start_bot(
    fake_api: FakeBotApi, engine: Any, built_index: Settings, tmp_path: Path
) -> AsyncIterator[Callable[..., Awaitable[BotHarness]]]:
    """Factory that starts the real bot against ``fake_api``; every bot is stopped at teardown."""
    started: list[tuple[Any, Storage]] = []

    async def factory(engine_: Any = None, *, storage: Storage | None = None, **overrides: Any) -> BotHarness:
        eng = engine_ or engine
        values: dict[str, Any] = {
            "telegram_bot_token": TOKEN,
            "telegram_base_url": fake_api.base_url,
            "admin_ids": frozenset({ADMIN}),
            "knowledge_dir": eng.settings.knowledge_dir,
            "data_dir": tmp_path / f"bot{len(started)}",
            "index_poll_seconds": 3600,
        }
        values.update(overrides)
        settings = Settings(_env_file=None, **values)
        storage = storage or Storage.open(settings.database_path)
        app = build_application(settings, eng, storage)
        await app.initialize()
        await post_init(app)
        await app.updater.start_polling(
            poll_interval=0.0,
            timeout=1,
            allowed_updates=Update.ALL_TYPES,
            # what Application.run_polling does: polling errors go to the error handler
            error_callback=lambda exc, app=app: app.create_task(app.process_error(error=exc, update=None)),
        )
        await app.start()
        started.append((app, storage))
        return BotHarness(app, fake_api, settings, storage, eng)

    yield factory
    for app, storage in reversed(started):
        with contextlib.suppress(Exception):
            await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await post_shutdown(app)
        storage.close()


@pytest.fixture
async def running_bot(start_bot: Callable[..., Awaitable[BotHarness]]) -> BotHarness:
    """The bot with default test settings (real knowledge base, admin id ``ADMIN``)."""
    return await start_bot()
