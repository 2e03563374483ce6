"""Webhook mode: a small tornado server that hands Telegram's updates to the Application.

Why not PTB's built-in webhook server: it answers a body that is not JSON with 500 (an exception),
puts a replayed update (same ``update_id``) into the queue again — the user gets two answers — and
answers an update it cannot read with 400, which makes Telegram re-deliver it and hold back every
later update. Here:

* wrong or missing ``X-Telegram-Bot-Api-Secret-Token`` → 403 (compared in constant time);
* a body that is not a JSON object with an integer ``update_id`` → 400 (whatever its Content-Type);
* an ``update_id`` seen among the last ``DEDUPE_SIZE`` → 200, not processed again;
* an update the library cannot read → 200 and one log line (Telegram forgets it; the rest flow);
* otherwise the update goes to ``application.update_queue`` → 200.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections import deque
from typing import Any

import tornado.httpserver
import tornado.web
from telegram import Bot, Update
from telegram.ext import ExtBot

from bot.config import Settings
from bot.telegram.handlers import with_retry
from bot.telegram.services import BotApplication

log = logging.getLogger(__name__)

DEDUPE_SIZE = 10_000
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class RecentIds:
    """The last ``size`` update ids, for replay detection in bounded memory."""

    def __init__(self, size: int = DEDUPE_SIZE) -> None:
        self.size = size
        self._order: deque[int] = deque()
        self._seen: set[int] = set()

    def add(self, update_id: int) -> bool:
        """True when ``update_id`` is new (and remember it)."""
        if update_id in self._seen:
            return False
        self._seen.add(update_id)
        self._order.append(update_id)
        while len(self._order) > self.size:
            self._seen.discard(self._order.popleft())
        return True

    def __len__(self) -> int:
        return len(self._seen)


class WebhookReceiver:
    """Decides what one webhook request means (HTTP status) and queues its update."""

    def __init__(self, bot: Bot, queue: asyncio.Queue[object], secret: str) -> None:
        self.bot = bot
        self.queue = queue
        self.secret = secret
        self.recent = RecentIds()
        self.skipped = 0

    async def receive(self, secret: str | None, body: bytes) -> int:
        if self.secret and not hmac.compare_digest((secret or "").encode(), self.secret.encode()):
            return 403
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return 400
        update_id = data.get("update_id") if isinstance(data, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            return 400
        if not self.recent.add(update_id):
            log.info("Update %s was delivered again; not processed twice", update_id)
            return 200
        try:
            update = Update.de_json(data, self.bot)
        except Exception as exc:
            self.skipped += 1
            log.error("Skipped update %s: it could not be read (%s: %s)", update_id, type(exc).__name__, str(exc)[:200])
            return 200
        if isinstance(self.bot, ExtBot):
            self.bot.insert_callback_data(update)
        await self.queue.put(update)
        return 200


class _Handler(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("POST",)

    def initialize(self, receiver: WebhookReceiver) -> None:
        self.receiver = receiver

    async def post(self) -> None:
        status = await self.receiver.receive(self.request.headers.get(SECRET_HEADER), self.request.body)
        self.set_status(status)
        self.finish()

    def log_exception(self, *args: Any) -> None:  # requests never carry anything worth a traceback
        log.debug("webhook request failed", exc_info=True)


class WebhookServer:
    """Serve ``settings.webhook_url``'s path on ``WEBHOOK_LISTEN:WEBHOOK_PORT`` and register the URL with Telegram."""

    def __init__(self, app: BotApplication, settings: Settings, secret: str) -> None:
        assert settings.webhook_url
        from urllib.parse import urlparse

        self.settings = settings
        self.path = "/" + urlparse(settings.webhook_url).path.strip("/")
        self.receiver = WebhookReceiver(app.bot, app.update_queue, secret)
        self.app = app
        self._server: tornado.httpserver.HTTPServer | None = None

    async def start(self) -> None:
        web = tornado.web.Application([(rf"{self.path}/?", _Handler, {"receiver": self.receiver})])
        self._server = tornado.httpserver.HTTPServer(web, xheaders=True)
        self._server.listen(self.settings.webhook_port, address=self.settings.webhook_listen)
        await with_retry(
            lambda: self.app.bot.set_webhook(
                url=self.settings.webhook_url or "",
                secret_token=self.receiver.secret or None,
                allowed_updates=Update.ALL_TYPES,
                drop_pending_updates=False,
            )
        )

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None
