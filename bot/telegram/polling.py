"""The bot object: ``getUpdates`` read update by update, so one unreadable update never stalls polling.

python-telegram-bot de-serialises a whole ``getUpdates`` batch at once. One update it cannot read
(a field of an unexpected shape, a Bot API change) makes the batch fail; the ``Updater`` logs the
whole batch as CRITICAL and asks for the same batch again at once, forever — no answers for anyone
and a log growing by megabytes a second. ``ResilientBot.get_updates`` reads each update on its own,
drops the ones it cannot read with one English log line (the update id and the error, no content),
and moves the next ``offset`` past them, so Telegram forgets them.

Repeated network errors while polling are retried by PTB's retry loop with a growing pause (1 s,
1.5×, up to 30 s); the error handler logs each as one line (``handlers.error_handler``).
"""

from __future__ import annotations

import datetime as dtm
import logging
from collections.abc import Sequence
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseRateLimiter, ExtBot
from telegram.request import HTTPXRequest

log = logging.getLogger(__name__)


class ResilientBot(ExtBot[Any]):
    """``ExtBot`` whose ``get_updates`` skips updates it cannot read (module docstring)."""

    def __init__(self, token: str, base_url: str, rate_limiter: BaseRateLimiter[Any] | None) -> None:
        super().__init__(
            token=token,
            base_url=base_url,
            request=_request(256),
            get_updates_request=_request(1),
            rate_limiter=rate_limiter,
        )
        self._skip_to = 0  # the next offset must be at least this (past the last unreadable update)
        self._skipped = 0

    @property
    def skipped(self) -> int:
        """How many updates were dropped because they could not be read."""
        return self._skipped

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: int | float | dtm.timedelta | None = None,
        allowed_updates: Sequence[str] | None = None,
        *,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
        api_kwargs: dict[str, Any] | None = None,
    ) -> tuple[Update, ...]:
        if self._skip_to and (offset is None or 0 <= offset < self._skip_to):
            offset = self._skip_to
        seconds = timeout.total_seconds() if isinstance(timeout, dtm.timedelta) else float(timeout or 0)
        # Like Bot.get_updates: the HTTP read may take the long-poll timeout plus the usual read timeout.
        base = read_timeout if isinstance(read_timeout, int | float) else self._request[0].read_timeout
        data: dict[str, Any] = {
            "timeout": timeout,
            "offset": offset,
            "limit": limit,
            "allowed_updates": allowed_updates,
        }
        given = {"write_timeout": write_timeout, "connect_timeout": connect_timeout, "pool_timeout": pool_timeout}
        result = await self._post(
            "getUpdates",
            data,
            read_timeout=(base or 0) + seconds,
            api_kwargs=api_kwargs,
            **{name: value for name, value in given.items() if value is not None},
        )
        if not isinstance(result, list):
            raise TelegramError("getUpdates returned something other than a list")
        updates: list[Update] = []
        for raw in result:
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            try:
                update = Update.de_json(raw, self)
            except Exception as exc:
                self._skip(update_id, exc)
                continue
            self.insert_callback_data(update)
            updates.append(update)
        return tuple(updates)

    def _skip(self, update_id: object, exc: Exception) -> None:
        self._skipped += 1
        if isinstance(update_id, int):
            self._skip_to = max(self._skip_to, update_id + 1)
        log.error("Skipped update %s: it could not be read (%s: %s)", update_id, type(exc).__name__, str(exc)[:200])


def _request(pool_size: int) -> HTTPXRequest:
    return HTTPXRequest(
        connection_pool_size=pool_size, connect_timeout=10.0, read_timeout=15.0, write_timeout=15.0, pool_timeout=30.0
    )
