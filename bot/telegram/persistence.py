"""Persistence of ``user_data`` (an /overit dialog, the last answer's id) as one JSON file, written atomically.

Why not PTB's ``PicklePersistence``: it rewrites its pickle in place, so a full disk or a crash in the
middle of a write leaves a truncated file that stops the next start-up with a traceback; and unpickling
a file runs whatever it says. Here the file is plain JSON, written to a temporary file, fsynced and
renamed over the old one (readers see the old or the new file, never half). A file that cannot be
parsed is moved aside (``<name>.corrupt-<timestamp>``) and the bot starts with empty state. A failed
write (read-only folder, full disk) is logged once a minute and retried on the next update; the bot
keeps its state in memory meanwhile.

Only ``user_data`` is stored; values must be JSON (strings, numbers, lists, dicts), which is all the
Telegram layer puts there. Entries that are not are skipped with a log line.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import tempfile
import time
from copy import deepcopy
from pathlib import Path
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput

from bot.telegram.recovery import move_aside

log = logging.getLogger(__name__)

FORMAT = 1
SAVE_DELAY_S = 0.5  # one write after a batch of updates, not one per user

UserData = dict[Any, Any]


class JsonUserDataPersistence(BasePersistence[UserData, dict[Any, Any], dict[Any, Any]]):
    """``user_data`` in one JSON file (see the module docstring)."""

    def __init__(self, path: Path, update_interval: float = 30) -> None:
        super().__init__(
            store_data=PersistenceInput(bot_data=False, chat_data=False, user_data=True, callback_data=False),
            update_interval=update_interval,
        )
        self.path = path
        self._users: dict[int, UserData] | None = None
        self._save_task: asyncio.Task[None] | None = None
        self._last_error_log = 0.0
        self._write_lock = asyncio.Lock()

    # --- file ---------------------------------------------------------------------------------

    def _load(self) -> dict[int, UserData]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            log.error("Cannot read the Telegram state %s (%s); starting with empty state", self.path, exc)
            return {}
        try:
            data = json.loads(raw.decode("utf-8"))
            users = data["user_data"] if isinstance(data, dict) and data.get("format") == FORMAT else None
            if not isinstance(users, dict) or not all(isinstance(v, dict) for v in users.values()):
                raise ValueError("not a state file of this bot")
            return {int(uid): value for uid, value in users.items()}
        except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            moved = move_aside(self.path)
            log.error(
                "The Telegram state %s is damaged (%s); moved it to %s and starting with empty state",
                self.path,
                exc,
                moved,
            )
            return {}

    def _encode(self) -> bytes:
        users: dict[str, UserData] = {}
        for uid, value in (self._users or {}).items():
            try:
                json.dumps(value)
            except (TypeError, ValueError) as exc:
                log.error("user_data of one user is not JSON (%s); not persisted", exc)
                continue
            users[str(uid)] = value
        return json.dumps({"format": FORMAT, "user_data": users}, ensure_ascii=False).encode("utf-8")

    def _write(self, payload: bytes) -> None:
        """Write to a temporary file in the same folder, fsync, rename over the old file."""
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    async def _save(self) -> None:
        try:
            async with self._write_lock:  # one writer: an older payload never replaces a newer one
                await asyncio.to_thread(self._write, self._encode())
        except OSError as exc:
            now = time.monotonic()
            if now - self._last_error_log > 60:
                self._last_error_log = now
                log.warning("Telegram state not saved to %s: %s (kept in memory, retried later)", self.path, exc)

    async def _save_soon(self) -> None:
        await asyncio.sleep(SAVE_DELAY_S)
        self._save_task = None
        await self._save()

    def _changed(self) -> None:
        if self._save_task is None:
            self._save_task = asyncio.get_running_loop().create_task(self._save_soon())

    def _data(self) -> dict[int, UserData]:
        if self._users is None:
            self._users = self._load()
        return self._users

    # --- BasePersistence ------------------------------------------------------------------------

    async def get_user_data(self) -> dict[int, UserData]:
        return deepcopy(self._data())

    async def update_user_data(self, user_id: int, data: UserData) -> None:
        users = self._data()
        if users.get(user_id) == data:
            return
        users[user_id] = deepcopy(data)
        self._changed()

    async def drop_user_data(self, user_id: int) -> None:
        if self._data().pop(user_id, None) is not None:
            self._changed()

    async def refresh_user_data(self, user_id: int, user_data: UserData) -> None:
        return None

    async def flush(self) -> None:
        task = self._save_task
        if task is not None:
            await task
        if self._users is not None:
            await self._save()

    # Not stored: chat data, bot data, callback data, conversations.

    async def get_chat_data(self) -> dict[int, dict[Any, Any]]:
        return {}

    async def get_bot_data(self) -> dict[Any, Any]:
        return {}

    async def get_callback_data(self) -> Any:
        return None

    async def get_conversations(self, name: str) -> dict[Any, Any]:
        return {}

    async def update_conversation(self, name: str, key: Any, new_state: object | None) -> None:
        return None

    async def update_chat_data(self, chat_id: int, data: dict[Any, Any]) -> None:
        return None

    async def update_bot_data(self, data: dict[Any, Any]) -> None:
        return None

    async def update_callback_data(self, data: Any) -> None:
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[Any, Any]) -> None:
        return None

    async def refresh_bot_data(self, bot_data: dict[Any, Any]) -> None:
        return None
