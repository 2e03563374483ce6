"""SQLite storage for the Telegram bot (stdlib sqlite3, WAL, versioned migrations).

What is stored, and nothing else (the privacy note of /start repeats this):

* ``user_place``  — Telegram user id → the municipality the user chose (deleted by /smazat);
* ``feedback``    — question, answer id, cited sources and the 👍/👎 vote, *without* any user id;
* ``unanswered``  — questions answered without confidence, normalised, with a count and the last
  time they were asked, *without* any user id (for the staff command /mezery);
* ``daily_stats`` — per-day counters (questions, confident answers) for /statistiky.

Feedback and unanswered questions cannot be traced back to a person, so /smazat deletes the only
personal record, the municipality. The connection is shared by the event loop and worker threads;
a lock serialises access (every statement is short).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from kb.text import fold_lower


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run several statements inside the caller's transaction (executescript would COMMIT)."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


def _v1(db: sqlite3.Connection) -> None:
    _script(
        db,
        """
        CREATE TABLE user_place (
            user_id    INTEGER PRIMARY KEY,
            obec       TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE feedback (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,
            answer_id  TEXT NOT NULL,
            question   TEXT NOT NULL,
            sources    TEXT NOT NULL,
            vote       INTEGER NOT NULL CHECK (vote IN (-1, 1))
        );
        CREATE TABLE unanswered (
            normalized TEXT PRIMARY KEY,
            example    TEXT NOT NULL,
            count      INTEGER NOT NULL DEFAULT 1,
            first_seen TEXT NOT NULL,
            last_seen  TEXT NOT NULL
        );
        CREATE TABLE daily_stats (
            day       TEXT PRIMARY KEY,
            questions INTEGER NOT NULL DEFAULT 0,
            confident INTEGER NOT NULL DEFAULT 0
        );
        """,
    )


def _v2(db: sqlite3.Connection) -> None:
    db.execute("CREATE INDEX feedback_created ON feedback(created_at)")
    db.execute("CREATE INDEX unanswered_count ON unanswered(count DESC, last_seen DESC)")


# Append new migrations; never edit a released one.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2]
SCHEMA_VERSION = len(MIGRATIONS)


def normalize_question(text: str) -> str:
    """Lowercase, no diacritics, punctuation → space, single spaces (groups equal questions)."""
    return " ".join(re.sub(r"[^\w]+", " ", fold_lower(text)).split())[:500]


@dataclass(frozen=True)
class DayStats:
    day: str
    questions: int
    confident: int


@dataclass(frozen=True)
class Gap:
    question: str
    count: int
    last_seen: str


class Storage:
    """The bot's SQLite database; create with ``Storage.open(path)``."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._db = conn
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: Path | str) -> Storage:
        """Open (creating folders and schema as needed) and migrate to the latest version."""
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=10)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        store = cls(conn)
        store.migrate()
        return store

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- schema -------------------------------------------------------------------------------

    @property
    def version(self) -> int:
        with self._lock:
            row = self._db.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> int:
        """Apply pending migrations in one transaction each; return the resulting version."""
        with self._lock:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            current = self._db.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]
            if current > SCHEMA_VERSION:
                raise RuntimeError(
                    f"Database schema version {current} is newer than this bot ({SCHEMA_VERSION}); "
                    "upgrade the bot or use another DATA_DIR."
                )
            for version in range(current + 1, SCHEMA_VERSION + 1):
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    MIGRATIONS[version - 1](self._db)
                    self._db.execute("INSERT INTO schema_version(version, applied_at) VALUES (?, ?)", (version, _now()))
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
        return SCHEMA_VERSION

    def _write(self, sql: str, params: Iterable[object] = ()) -> int:
        with self._lock:
            return self._db.execute(sql, tuple(params)).rowcount

    def _read(self, sql: str, params: Iterable[object] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, tuple(params)).fetchall()

    # --- the user's municipality ----------------------------------------------------------------

    def set_obec(self, user_id: int, obec: str) -> None:
        self._write(
            "INSERT INTO user_place(user_id, obec, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(user_id) DO UPDATE SET obec = excluded.obec, updated_at = excluded.updated_at",
            (user_id, obec, _now()),
        )

    def get_obec(self, user_id: int) -> str | None:
        rows = self._read("SELECT obec FROM user_place WHERE user_id = ?", (user_id,))
        return rows[0][0] if rows else None

    def delete_user(self, user_id: int) -> int:
        """/smazat: remove everything tied to this user id; returns the number of rows deleted."""
        return self._write("DELETE FROM user_place WHERE user_id = ?", (user_id,))

    # --- anonymous records ---------------------------------------------------------------------

    def add_feedback(self, answer_id: str, question: str, sources: Iterable[str], vote: int) -> None:
        """Store a vote (+1 / -1) without any user id."""
        if vote not in (-1, 1):
            raise ValueError("vote must be +1 or -1")
        self._write(
            "INSERT INTO feedback(created_at, answer_id, question, sources, vote) VALUES (?, ?, ?, ?, ?)",
            (_now(), answer_id, question[:2000], "\n".join(sources), vote),
        )

    def log_question(self, question: str, confident: bool, day: date | None = None) -> None:
        """Count a question for /statistiky; unconfident ones also go to the /mezery log."""
        day_s = (day or _today()).isoformat()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute(
                    "INSERT INTO daily_stats(day, questions, confident) VALUES (?, 1, ?) "
                    "ON CONFLICT(day) DO UPDATE SET questions = questions + 1, "
                    "confident = confident + excluded.confident",
                    (day_s, int(confident)),
                )
                norm = normalize_question(question)
                if not confident and norm:
                    now = _now()
                    self._db.execute(
                        "INSERT INTO unanswered(normalized, example, count, first_seen, last_seen) "
                        "VALUES (?, ?, 1, ?, ?) ON CONFLICT(normalized) DO UPDATE SET "
                        "count = count + 1, last_seen = excluded.last_seen, example = excluded.example",
                        (norm, " ".join(question.split())[:500], now, now),
                    )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def daily_stats(self, days: int = 7, today: date | None = None) -> list[DayStats]:
        since = ((today or _today()) - timedelta(days=days - 1)).isoformat()
        rows = self._read(
            "SELECT day, questions, confident FROM daily_stats WHERE day >= ? ORDER BY day DESC", (since,)
        )
        return [DayStats(*r) for r in rows]

    def feedback_counts(self) -> tuple[int, int]:
        """(👍, 👎) over all time."""
        rows = self._read("SELECT vote, COUNT(*) FROM feedback GROUP BY vote")
        counts = dict(rows)
        return counts.get(1, 0), counts.get(-1, 0)

    def top_gaps(self, limit: int = 10) -> list[Gap]:
        rows = self._read(
            "SELECT example, count, last_seen FROM unanswered ORDER BY count DESC, last_seen DESC LIMIT ?",
            (limit,),
        )
        return [Gap(*r) for r in rows]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _today() -> date:
    return datetime.now(UTC).date()
