"""A fake Telegram Bot API server for end-to-end tests and the load benchmark (127.0.0.1 only).

It speaks enough of the Bot API for python-telegram-bot to run a real ``Application`` against it:
``getMe``, ``getUpdates`` (long polling over an update queue with correct ``offset`` semantics),
``sendMessage``, ``editMessageText``, ``editMessageReplyMarkup``, ``answerCallbackQuery``,
``sendChatAction``, ``setMyCommands``/``getMyCommands``, ``deleteWebhook``/``setWebhook``,
``getWebhookInfo``, ``deleteMessage``, ``close``, ``logOut``. Bodies may be form-encoded (what PTB
sends; JSON-typed values such as ``reply_markup`` arrive JSON-encoded) or JSON.

Like Telegram, it answers ``400 Bad Request`` for HTML that does not parse (checked with
``tg_html.check_telegram_html``), texts over 4096 characters and callback data over 64 bytes; every
such rejection is also kept in ``errors`` so a test fails loudly. ``fault_rate`` makes that share of
calls fail with ``429 retry_after`` or ``502 Bad Gateway`` *without* performing the call;
``fail(method, status, description, times)`` makes the next calls of one method fail
(``{token}`` in the description is replaced by the token of the request, as some real errors echo
the URL). ``inject_raw`` queues an update exactly as given (e.g. one the library cannot read).

Usage::

    api = FakeBotApi()
    await api.start()                      # api.base_url == "http://127.0.0.1:PORT/bot"
    api.inject(message_update(user(1), "ahoj"))
    msgs = await api.wait_for_messages(1, chat_id=1)
    await api.stop()
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.telegram.tg_html import TelegramHtmlError, check_telegram_html, visible_text

BOT_ID = 5_000_000_001
BOT_USERNAME = "pruvodce_test_bot"
_JSON_PARAMS = {
    "reply_markup", "entities", "commands", "allowed_updates", "scope", "link_preview_options",
    "reply_parameters", "caption_entities",
}  # fmt: skip
_INT_PARAMS = {"chat_id", "message_id", "offset", "limit", "timeout", "user_id", "reply_to_message_id"}


@dataclass
class Call:
    """One HTTP request the bot made: method, decoded parameters, HTTP status, time."""

    method: str
    params: dict[str, Any]
    status: int
    at: float = field(default_factory=time.monotonic)


# --- update builders -------------------------------------------------------------------------


def user(user_id: int, first_name: str = "Jana", username: str | None = None, **extra: Any) -> dict:
    """A Telegram User object (never a bot)."""
    out = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "cs", **extra}
    if username:
        out["username"] = username
    return out


def private_chat(user_id: int) -> dict:
    return {"id": user_id, "type": "private", "first_name": "Jana"}


def group_chat(chat_id: int = -100123, title: str = "Obecní skupina") -> dict:
    return {"id": chat_id, "type": "supergroup", "title": title}


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _entities(text: str) -> list[dict]:
    """bot_command at the start and @mentions, with UTF-16 offsets like Telegram."""
    import re

    out = []
    m = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
    if m:
        out.append({"type": "bot_command", "offset": 0, "length": _utf16_len(m.group(0))})
    for m in re.finditer(r"(?<![\w/])@[A-Za-z0-9_]{3,}", text):
        out.append({"type": "mention", "offset": _utf16_len(text[: m.start()]), "length": _utf16_len(m.group(0))})
    return out


_message_ids = itertools.count(1)


def message(
    from_user: dict | None,
    text: str | None = None,
    chat: dict | None = None,
    *,
    reply_to: dict | None = None,
    **extra: Any,
) -> dict:
    """A Message object; ``extra`` adds e.g. ``sticker=…``, ``photo=[…]``, ``forward_origin=…``."""
    chat = chat or private_chat(from_user["id"] if from_user else 1)
    msg: dict[str, Any] = {"message_id": next(_message_ids) + 1_000_000, "date": int(time.time()), "chat": chat}
    if from_user is not None:
        msg["from"] = from_user
    if text is not None:
        msg["text"] = text
        ents = _entities(text)
        if ents:
            msg["entities"] = ents
    if reply_to is not None:
        msg["reply_to_message"] = reply_to
    msg.update(extra)
    return msg


def message_update(from_user: dict, text: str | None = None, chat: dict | None = None, **extra: Any) -> dict:
    """``{"message": …}`` — pass to ``FakeBotApi.inject`` (it assigns ``update_id``)."""
    return {"message": message(from_user, text, chat, **extra)}


def edited_message_update(from_user: dict, text: str, chat: dict | None = None) -> dict:
    msg = message(from_user, text, chat)
    msg["edit_date"] = msg["date"] + 5
    return {"edited_message": msg}


def channel_post_update(text: str, chat_id: int = -100777) -> dict:
    chat = {"id": chat_id, "type": "channel", "title": "Kanál"}
    return {"channel_post": message(None, text, chat, sender_chat=chat)}


def callback_update(from_user: dict, bot_message: dict, data: str) -> dict:
    """A button press on ``bot_message`` (a message dict as returned by the fake server)."""
    return {
        "callback_query": {
            "id": str(next(_message_ids) + 9_000_000),
            "from": from_user,
            "chat_instance": f"ci{bot_message['chat']['id']}",
            "message": bot_message,
            "data": data,
        }
    }


def buttons(msg: dict) -> list[dict]:
    """All inline buttons of a sent message (flattened)."""
    markup = msg.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


# --- the server --------------------------------------------------------------------------------


class FakeBotApi:
    """The fake server; see the module docstring."""

    def __init__(self, *, fault_rate: float = 0.0, retry_after: int = 1, seed: int = 1234) -> None:
        self.fault_rate = fault_rate
        self.retry_after = retry_after
        self.fault_exempt: set[str] = {"getMe"}
        self._rng = random.Random(seed)
        self.calls: list[Call] = []
        self.errors: list[str] = []  # requests Telegram would have rejected (bad HTML, too long, …)
        self.faults = 0
        self.messages: dict[tuple[int, int], dict] = {}  # (chat_id, message_id) → current message
        self.sent: list[dict] = []  # bot messages in the order they were delivered
        self.commands: list[dict] = []
        self.commands_by_language: dict[str, list[dict]] = {}  # setMyCommands with a language_code
        self.chats: dict[int, dict] = {}
        self._updates: list[dict] = []
        self._next_update_id = 1
        self._acked = 0  # highest update_id confirmed by an offset
        self._changed = asyncio.Event()
        self._new_update = asyncio.Event()
        self._next_msg_id: dict[int, int] = {}
        self._runner: web.AppRunner | None = None
        self._stopping = False  # wakes pending long polls for good (cleanup waits for every open handler)
        self.port = 0
        self.bot_user = {
            "id": BOT_ID, "is_bot": True, "first_name": "Průvodce transformací", "username": BOT_USERNAME,
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False,
        }  # fmt: skip
        self.delivered_at: dict[tuple[int, int], float] = {}  # (chat_id, message_id) → when delivered
        self._failures: dict[str, list[tuple[int, str]]] = {}

    # lifecycle

    async def start(self, port: int = 0) -> FakeBotApi:
        app = web.Application(client_max_size=4 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        self._stopping = True
        self._new_update.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # test side

    def inject(self, update: dict) -> int:
        """Queue an update for getUpdates; returns its update_id."""
        update = dict(update)
        update["update_id"] = self._next_update_id
        self._next_update_id += 1
        for key in ("message", "edited_message", "channel_post", "callback_query"):
            obj = update.get(key)
            chat = (obj or {}).get("chat") or ((obj or {}).get("message") or {}).get("chat")
            if chat:
                self.chats.setdefault(chat["id"], chat)
        self._updates.append(update)
        self._new_update.set()
        return update["update_id"]

    def inject_raw(self, body: dict) -> int:
        """Queue ``body`` as an update without looking into it; returns its update_id."""
        update = {**body, "update_id": self._next_update_id}
        self._next_update_id += 1
        self._updates.append(update)
        self._new_update.set()
        return update["update_id"]

    def fail(self, method: str, status: int, description: str, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` fail with ``status`` and ``description``."""
        self._failures.setdefault(method, []).extend([(status, description)] * times)

    def add_chat(self, chat: dict) -> None:
        """Make a chat known without queueing an update (for updates delivered by webhook)."""
        self.chats.setdefault(chat["id"], chat)

    @property
    def pending_updates(self) -> int:
        """Updates not yet confirmed by the bot (via the next getUpdates offset)."""
        return sum(1 for u in self._updates if u["update_id"] > self._acked)

    def sent_to(self, chat_id: int) -> list[dict]:
        return [m for m in self.sent if m["chat"]["id"] == chat_id]

    def calls_of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and c.status == 200]

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 30.0) -> Any:
        """Wait until ``predicate()`` is truthy (re-checked after every call); return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                last = [(c.method, c.status, str(c.params.get("text", ""))[:40]) for c in self.calls[-8:]]
                raise TimeoutError(f"condition not met within {timeout}s; last calls: {last}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), min(remaining, 0.5))

    async def wait_for_messages(self, n: int, chat_id: int | None = None, timeout: float = 30.0) -> list[dict]:
        """Wait until at least ``n`` bot messages were delivered (to ``chat_id``); return them all."""

        def ready() -> list[dict] | None:
            msgs = self.sent if chat_id is None else self.sent_to(chat_id)
            return msgs if len(msgs) >= n else None

        return await self.wait_for(ready, timeout)

    # HTTP side

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            raw = await request.json() if request.can_read_body else {}
        else:
            raw = dict(await request.post())
        params: dict[str, Any] = {}
        for key, value in raw.items():
            if isinstance(value, str) and key in _JSON_PARAMS:
                value = json.loads(value)
            elif isinstance(value, str) and key in _INT_PARAMS:
                with contextlib.suppress(ValueError):
                    value = int(value)
            elif isinstance(value, str) and value in ("true", "false"):
                value = value == "true"
            params[key] = value
        params.update({k: v for k, v in request.query.items() if k not in params})
        return params

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        if self.fault_rate and method not in self.fault_exempt and self._rng.random() < self.fault_rate:
            self.faults += 1
            if self._rng.random() < 0.5:
                self._record(method, params, 429)
                return web.json_response(
                    {
                        "ok": False,
                        "error_code": 429,
                        "description": f"Too Many Requests: retry after {self.retry_after}",
                        "parameters": {"retry_after": self.retry_after},
                    },
                    status=429,
                )
            self._record(method, params, 502)
            return web.Response(status=502, text="<html><body>502 Bad Gateway</body></html>")
        planned = self._failures.get(method)
        if planned:
            status, description = planned.pop(0)
            self._record(method, params, status)
            return self._error(status, description.replace("{token}", request.match_info["token"]))
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            self._record(method, params, 404)
            return self._error(404, "Not Found")
        try:
            result = await handler(params)
        except _ApiError as exc:
            self._record(method, params, exc.code)
            if exc.code == 400:
                self.errors.append(f"{method}: {exc.description}")
            return self._error(exc.code, exc.description)
        self._record(method, params, 200)
        return web.json_response({"ok": True, "result": result})

    def _record(self, method: str, params: dict, status: int) -> None:
        self.calls.append(Call(method, params, status))
        self._changed.set()

    @staticmethod
    def _error(code: int, description: str) -> web.Response:
        return web.json_response({"ok": False, "error_code": code, "description": description}, status=code)

    def _check_text(self, params: dict) -> str:
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _ApiError(400, "Bad Request: message text is empty")
        if params.get("parse_mode") == "HTML":
            try:
                check_telegram_html(text)
            except TelegramHtmlError as exc:
                raise _ApiError(400, f"Bad Request: can't parse entities: {exc}") from None
            shown = visible_text(text)
        else:
            shown = text
        if len(shown) > 4096:
            raise _ApiError(400, "Bad Request: message is too long")
        self._check_markup(params.get("reply_markup"))
        return shown

    @staticmethod
    def _check_markup(markup: Any) -> None:
        for row in (markup or {}).get("inline_keyboard", []):
            for b in row:
                data = b.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= 64:
                    raise _ApiError(400, "Bad Request: BUTTON_DATA_INVALID")

    def _chat(self, chat_id: int) -> dict:
        if chat_id not in self.chats:
            raise _ApiError(400, "Bad Request: chat not found")
        return self.chats[chat_id]

    # Bot API methods

    async def _m_getMe(self, params: dict) -> dict:
        return self.bot_user

    async def _m_getUpdates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if offset:
            self._acked = max(self._acked, offset - 1)
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        deadline = time.monotonic() + timeout
        while True:
            ready = [u for u in self._updates if u["update_id"] >= offset][:limit]
            remaining = deadline - time.monotonic()
            if ready or remaining <= 0 or self._stopping:
                return ready
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), remaining)

    async def _m_sendMessage(self, params: dict) -> dict:
        chat_id = int(params["chat_id"])
        chat = self._chat(chat_id)
        shown = self._check_text(params)
        msg_id = self._next_msg_id.get(chat_id, 0) + 1
        self._next_msg_id[chat_id] = msg_id
        msg = {
            "message_id": msg_id,
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user,
            "text": shown,
            "html": params["text"],  # not a Bot API field: the raw text as sent, for assertions
        }
        if params.get("reply_markup"):
            msg["reply_markup"] = params["reply_markup"]
        self.messages[(chat_id, msg_id)] = msg
        self.sent.append(msg)
        self.delivered_at[(chat_id, msg_id)] = time.monotonic()
        return msg

    def _find(self, params: dict) -> dict:
        key = (int(params.get("chat_id", 0)), int(params.get("message_id", 0)))
        if key not in self.messages:
            raise _ApiError(400, "Bad Request: message to edit not found")
        return self.messages[key]

    async def _m_editMessageText(self, params: dict) -> dict:
        msg = self._find(params)
        shown = self._check_text(params)
        if params["text"] == msg["html"] and params.get("reply_markup") == msg.get("reply_markup"):
            raise _ApiError(400, "Bad Request: message is not modified")
        msg.update(text=shown, html=params["text"], edit_date=int(time.time()))
        if params.get("reply_markup"):
            msg["reply_markup"] = params["reply_markup"]
        else:
            msg.pop("reply_markup", None)
        return msg

    async def _m_editMessageReplyMarkup(self, params: dict) -> dict:
        msg = self._find(params)
        self._check_markup(params.get("reply_markup"))
        if params.get("reply_markup") == msg.get("reply_markup"):
            raise _ApiError(400, "Bad Request: message is not modified")
        if params.get("reply_markup"):
            msg["reply_markup"] = params["reply_markup"]
        else:
            msg.pop("reply_markup", None)
        return msg

    async def _m_answerCallbackQuery(self, params: dict) -> bool:
        if len(params.get("text") or "") > 200:
            raise _ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    async def _m_sendChatAction(self, params: dict) -> bool:
        self._chat(int(params["chat_id"]))
        return True

    async def _m_setMyCommands(self, params: dict) -> bool:
        for cmd in params.get("commands", []):
            name, description = cmd["command"], cmd["description"]
            if not (1 <= len(name) <= 32 and name.islower() and 1 <= len(description) <= 256):
                raise _ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        language = params.get("language_code")
        if language:
            if not (len(language) == 2 and language.islower()):
                raise _ApiError(400, "Bad Request: invalid language code specified")
            self.commands_by_language[language] = params.get("commands", [])
        else:
            self.commands = params.get("commands", [])
        return True

    async def _m_getMyCommands(self, params: dict) -> list[dict]:
        return self.commands

    async def _m_deleteMyCommands(self, params: dict) -> bool:
        self.commands = []
        return True

    async def _m_deleteWebhook(self, params: dict) -> bool:
        return True

    async def _m_setWebhook(self, params: dict) -> bool:
        return True

    async def _m_getWebhookInfo(self, params: dict) -> dict:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": self.pending_updates}

    async def _m_deleteMessage(self, params: dict) -> bool:
        self.messages.pop((int(params.get("chat_id", 0)), int(params.get("message_id", 0))), None)
        return True

    async def _m_close(self, params: dict) -> bool:
        return True

    async def _m_logOut(self, params: dict) -> bool:
        return True


class _ApiError(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
