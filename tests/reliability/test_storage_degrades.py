"""Issue 15 (3): a locked or full database never delays or prevents an answer; it only goes "not recorded".

Real SQLite files: another process really holds the write lock (``BEGIN IMMEDIATE``), and a real
database file really is full (SQLite's ``max_page_count`` caps the file, which SQLite reports exactly
like a full disk: "database or disk is full").
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import sys
from pathlib import Path

import pytest

from bot.storage import Storage
from bot.telegram import ui
from bot.telegram.store import AsyncStorage, FailureLog
from tests.reliability.botproc import is_answer

pytestmark = pytest.mark.slow

QUESTION = "Co je Fond pro spravedlivou transformaci?"
GAP = "Jaké bude počasí na Marsu příští týden?"

# Holds the write lock of a database until a line arrives on stdin (no timing in the test).
LOCKER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("INSERT INTO daily_stats(day, questions, confident) VALUES ('1999-01-01', 0, 0)")
print("locked", flush=True)
sys.stdin.readline()
db.execute("ROLLBACK")
"""


class Locker:
    """Another process holding the database's write lock until ``release``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.proc: asyncio.subprocess.Process | None = None

    async def __aenter__(self) -> Locker:
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-c", LOCKER, str(self.path),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        assert self.proc.stdout is not None
        assert (await self.proc.stdout.readline()).strip() == b"locked"
        return self

    @property
    def holding(self) -> bool:
        return self.proc is not None and self.proc.returncode is None

    async def release(self) -> None:
        if self.holding and self.proc is not None and self.proc.stdin is not None:
            self.proc.stdin.write(b"go\n")
            await self.proc.stdin.drain()
            await self.proc.wait()

    async def __aexit__(self, *exc: object) -> None:
        await self.release()


def questions_recorded(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT COALESCE(SUM(questions), 0) FROM daily_stats").fetchone()[0]
    finally:
        db.close()


async def test_locked_database_answers_first_and_records_nothing(start_bot, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="bot.telegram.store")
    bot = await start_bot()
    uid = 11_001
    await bot.ask(uid, "/obec Litvínov")
    await bot.api.wait_for(lambda: bot.storage.get_obec(uid) == "Litvínov")
    async with Locker(bot.settings.database_path) as lock:
        start = await bot.ask(uid, "/start")
        answer = await bot.ask(uid, QUESTION)
        mas = await bot.ask(uid, "/mas")  # reads are not blocked by the writer in WAL mode
        assert lock.holding  # all three were answered while the other process held the write lock
        assert "Průvodce transformací" in start["text"] and is_answer(answer) and "Naděje" in mas["text"]
        await bot.api.wait_for(lambda: "question statistics not recorded" in caplog.text, timeout=60)
        assert "database is locked" in caplog.text
    after = await bot.ask(uid, GAP)  # the lock is gone: recording resumes
    assert is_answer(after)
    await bot.api.wait_for(lambda: questions_recorded(bot.settings.database_path) >= 1, timeout=30)
    await bot.settle()
    gaps = [g.question for g in bot.storage.top_gaps()]
    assert GAP in gaps
    assert bot.api.errors == []


async def test_smazat_on_a_locked_database_says_so_and_forgets_the_municipality_anyway(start_bot) -> None:
    bot = await start_bot()
    uid = 11_002
    await bot.ask(uid, "/obec Litvínov")
    await bot.api.wait_for(lambda: bot.storage.get_obec(uid) == "Litvínov")
    async with Locker(bot.settings.database_path):
        failed = await bot.ask(uid, "/smazat")
        assert failed["text"] == ui.text("delete_failed")
        assert "Zatím nevím" in (await bot.ask(uid, "/mas"))["text"]  # not used any more
    done = await bot.ask(uid, "/smazat")
    assert done["text"] == ui.text("deleted")
    assert bot.storage.get_obec(uid) is None


def fill(storage: Storage) -> int:
    """Write gaps until the capped database file is full; returns how many fitted."""
    for i in range(100_000):
        try:
            storage.log_question(f"výplň číslo {i} " + "x" * 200, confident=False)
        except sqlite3.OperationalError as exc:
            assert "full" in str(exc)
            return i
    raise AssertionError("the database never filled up")


async def test_full_database_answers_everything_and_logs_one_line_per_kind(start_bot, tmp_path, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="bot.telegram.store")
    storage = Storage.open(tmp_path / "full" / "bot.sqlite3", max_bytes=1)  # no growth beyond the schema
    fill(storage)
    bot = await start_bot(storage=storage)
    uid = 11_003
    for i in range(3):
        assert is_answer(await bot.ask(uid, f"{GAP} ({i})"))
    confirm = await bot.ask(uid, "/obec Litvínov")
    assert "Litvínov" in confirm["text"]
    assert "Naděje" in (await bot.ask(uid, "/mas"))["text"]  # kept in memory although not written
    await bot.api.wait_for(lambda: "question statistics not recorded" in caplog.text, timeout=30)
    await bot.settle()
    lines = [r.getMessage() for r in caplog.records if "not recorded" in r.getMessage()]
    assert sum("question statistics" in line for line in lines) == 1  # not one per question
    assert all("database or disk is full" in line for line in lines)
    assert all(r.exc_info is None for r in caplog.records)  # one line each, no traceback
    assert bot.api.errors == []


# --- the facade on its own ---------------------------------------------------------------------


async def test_writes_beyond_the_queue_limit_are_dropped_not_queued_forever(tmp_path, caplog) -> None:
    storage = Storage.open(tmp_path / "bot.sqlite3")
    store = AsyncStorage(storage, max_pending=2)
    async with Locker(tmp_path / "bot.sqlite3"):
        for i in range(10):
            store.record_question(f"otázka {i}", False, asker=1)
        assert store.pending_writes <= 2
    await store.settle()
    assert "writes are waiting for the database" in caplog.text
    await store.aclose()


def test_failure_log_reports_once_a_minute_with_a_count(caplog) -> None:
    now = [0.0]
    failures = FailureLog(clock=lambda: now[0])
    with caplog.at_level(logging.WARNING, logger="bot.telegram.store"):
        for _ in range(5):
            failures.failed("feedback", sqlite3.OperationalError("database is locked"))
        now[0] = 61.0
        failures.failed("feedback", sqlite3.OperationalError("database is locked"))
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2 and "(4 more since the last report)" in lines[1]
