"""The database as the Telegram layer uses it: never on the event loop, never in the way of an answer.

* Reads (the user's municipality, a stored answer, staff statistics) run in their own worker thread
  on the read connection (not in the pool that answers questions, so a read never queues behind
  retrieval); in WAL mode they never wait for a writer.
* Writes run one at a time in a dedicated writer thread, in the order they were made. Statistics,
  gaps and stored answers are *recorded* (fire and forget, after the reply was sent); /smazat
  *awaits* its deletion so the user is told the truth.
* A failed write (locked database past the busy timeout, "database or disk is full", a damaged
  file) is logged as one English line ("… not recorded") and the bot carries on; repeated failures
  of the same kind are summarised at most once a minute instead of flooding the log.
* A municipality set or deleted in this process is answered from memory until its write is
  committed, so "/obec Most" followed at once by a question uses Most even while the write waits.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from bot.storage import DayStats, Gap, Storage, StoredAnswer

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_PENDING_WRITES = 1000  # beyond this, new records are dropped (a database stuck for minutes)
OVERLAY_SIZE = 10_000  # municipalities set in this process whose write has not been committed
_MISSING = object()


class FailureLog:
    """One log line per kind of failure and minute; the rest are counted into the next line."""

    def __init__(self, period: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.period = period
        self._clock = clock
        self._last: dict[str, float] = {}
        self._suppressed: dict[str, int] = {}
        self._lock = threading.Lock()

    def failed(self, what: str, exc: BaseException) -> None:
        now = self._clock()
        with self._lock:
            last = self._last.get(what)
            if last is not None and now - last < self.period:
                self._suppressed[what] = self._suppressed.get(what, 0) + 1
                return
            self._last[what] = now
            more = self._suppressed.pop(what, 0)
        extra = f" ({more} more since the last report)" if more else ""
        log.warning("Storage: %s not recorded: %s: %s%s", what, type(exc).__name__, exc, extra)


class AsyncStorage:
    """Async facade over ``Storage`` for handlers (see the module docstring)."""

    def __init__(self, storage: Storage, *, in_memory: bool = False, max_pending: int = MAX_PENDING_WRITES) -> None:
        self.storage = storage
        self.in_memory = in_memory  # the database could not be opened on disk (read-only DATA_DIR)
        self.failures = FailureLog()
        self._max_pending = max_pending
        self._pending = 0
        self._pending_lock = threading.Lock()
        self._writer = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="storage-writer")
        self._reader = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="storage-reader")
        self._obec: OrderedDict[int, str | None] = OrderedDict()  # guarded by the event loop (one thread)

    # --- plumbing -----------------------------------------------------------------------------

    async def _read(self, what: str, call: Callable[[], T], default: T) -> T:
        try:
            return await asyncio.get_running_loop().run_in_executor(self._reader, call)
        except (sqlite3.Error, RuntimeError) as exc:  # RuntimeError: the reader was shut down (stopping)
            self.failures.failed(what, exc)
            return default

    def _submit(self, what: str, call: Callable[[], T]) -> concurrent.futures.Future[T] | None:
        with self._pending_lock:
            if self._pending >= self._max_pending:
                self.failures.failed(what, RuntimeError(f"{self._pending} writes are waiting for the database"))
                return None
            self._pending += 1

        def run() -> T:
            try:
                return call()
            finally:
                with self._pending_lock:
                    self._pending -= 1

        try:
            return self._writer.submit(run)
        except RuntimeError as exc:  # the writer was shut down (the bot is stopping)
            with self._pending_lock:
                self._pending -= 1
            self.failures.failed(what, exc)
            return None

    def _record(self, what: str, call: Callable[[], object], done: Callable[[bool], None] | None = None) -> None:
        """Write in the background; a failure is logged, never raised."""
        future = self._submit(what, call)
        if future is None:
            if done is not None:
                done(False)
            return

        def finished(fut: concurrent.futures.Future[object]) -> None:
            exc = fut.exception()
            if exc is not None:
                self.failures.failed(what, exc)
            if done is not None:
                done(exc is None)

        future.add_done_callback(finished)

    async def _await_write(self, what: str, call: Callable[[], T], default: T) -> T:
        future = self._submit(what, call)
        if future is None:
            return default
        try:
            return await asyncio.wrap_future(future)
        except sqlite3.Error as exc:
            self.failures.failed(what, exc)
            return default

    @property
    def pending_writes(self) -> int:
        return self._pending

    async def settle(self) -> None:
        """Wait until every write made so far has finished (tests; shutdown)."""
        future = self._submit("barrier", lambda: None)
        if future is not None:
            await asyncio.wrap_future(future)

    async def aclose(self) -> None:
        """Finish the queued writes, then close the database."""
        await asyncio.to_thread(self._writer.shutdown, wait=True)
        await asyncio.to_thread(self._reader.shutdown, wait=True)
        await asyncio.to_thread(self.storage.close)

    # --- the user's municipality ----------------------------------------------------------------

    async def get_obec(self, user_id: int) -> str | None:
        pending = self._obec.get(user_id, _MISSING)
        if pending is not _MISSING:
            assert pending is None or isinstance(pending, str)
            return pending
        return await self._read("municipality lookup", lambda: self.storage.get_obec(user_id), None)

    def _overlay(self, user_id: int, value: str | None) -> None:
        self._obec[user_id] = value
        self._obec.move_to_end(user_id)
        while len(self._obec) > OVERLAY_SIZE:
            self._obec.popitem(last=False)

    def set_obec(self, user_id: int, obec: str) -> None:
        """Remember the municipality (in memory now, in the database in the background)."""
        self._overlay(user_id, obec)
        loop = asyncio.get_running_loop()

        def committed(ok: bool) -> None:
            if ok:
                loop.call_soon_threadsafe(self._confirm, user_id, obec)

        self._record("municipality", lambda: self.storage.set_obec(user_id, obec), committed)

    def _confirm(self, user_id: int, value: str | None) -> None:
        if self._obec.get(user_id, _MISSING) == value:
            del self._obec[user_id]

    async def delete_user(self, user_id: int) -> bool:
        """/smazat: True once everything about the user is deleted from the database."""
        self._overlay(user_id, None)  # forget the municipality at once, whatever the database does
        ok = await self._await_write("deletion", lambda: (self.storage.delete_user(user_id), True)[1], False)
        if ok:
            self._confirm(user_id, None)
        return ok

    # --- records (after the reply was sent) -------------------------------------------------------

    def record_question(self, question: str, confident: bool, asker: int | None) -> None:
        self._record("question statistics", lambda: self.storage.log_question(question, confident, asker=asker))

    def remember_answer(
        self, answer_id: str, question: str, sources_json: str, passage_json: str | None, asker: int | None
    ) -> None:
        self._record(
            "sent answer",
            lambda: self.storage.remember_answer(answer_id, question, sources_json, passage_json, asker=asker),
        )

    def add_feedback(
        self, answer_id: str, question: str, sources: list[str], vote: int, voter: int, asker: int | None
    ) -> None:
        self._record(
            "feedback",
            lambda: self.storage.add_feedback(answer_id, question, sources, vote, voter=voter, asker=asker),
        )

    async def purge(self) -> int:
        return await self._await_write("retention purge", self.storage.purge, 0)

    # --- reads ----------------------------------------------------------------------------------

    async def sent_answer(self, answer_id: str) -> StoredAnswer | None:
        return await self._read("stored answer lookup", lambda: self.storage.sent_answer(answer_id), None)

    async def daily_stats(self, days: int = 7) -> list[DayStats]:
        return await self._read("statistics", lambda: self.storage.daily_stats(days=days), [])

    async def feedback_counts(self) -> tuple[int, int]:
        return await self._read("feedback counts", self.storage.feedback_counts, (0, 0))

    async def top_gaps(self, limit: int = 20) -> list[Gap]:
        return await self._read("gaps", lambda: self.storage.top_gaps(limit=limit), [])
