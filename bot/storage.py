"""SQLite storage for the Telegram bot (stdlib sqlite3, WAL, versioned migrations).

What is stored, and nothing else (the privacy note of /start repeats this):

* ``user_place``  — Telegram user id → the municipality the user chose (deleted by /smazat);
* ``feedback``    — question, answer id, cited sources and the 👍/👎 vote;
* ``unanswered``  — questions answered without confidence, normalised, with a count and the last
  time they were asked (for the staff command /mezery);
* ``sent_answer`` — for 30 days, each sent answer's question, sources and quoted passage, so the
  buttons under it keep working after a restart;
* ``daily_stats`` — per-day counters (questions, confident answers) for /statistiky;
* staff console (``bot/console``): one-time sign-in tokens and sessions (hashes only, never the
  token or cookie itself), the change log (who changed which file in ``knowledge/``, with the diff)
  and the staff's status of unanswered questions ("resolved", "not for us").

Nothing but ``user_place`` holds a user id. To let /smazat find a person's question texts and votes,
they are tagged with a *contributor* tag: an HMAC of the user id under a random key created with the
database (``secret``). Staff never see it; it is a pseudonym, not anonymity, and it exists only so the
texts can be deleted. /smazat deletes the person's votes, their rows of ``unanswered_asker`` and
``sent_answer_asker``, and every question text no one else asked; a text someone else also asked stays
with that other person's wording. Retention (``purge``): unanswered question texts and feedback
question texts after 90 days (the vote itself is kept, anonymous), stored answers after 30 days.

Two connections: writes go through one (callers run them off the event loop, one at a time), reads
through another, so in WAL mode a read never waits for a writer, not even one in another process.
A short busy timeout makes a write fail fast when another process holds the write lock; the
Telegram layer then logs "not recorded" and carries on.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
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


def _v3(db: sqlite3.Connection) -> None:
    """Staff console: sign-in tokens, sessions, change log, gap statuses."""
    _script(
        db,
        """
        CREATE TABLE console_token (
            token_hash TEXT PRIMARY KEY,
            admin_id   INTEGER NOT NULL,
            admin_name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at    TEXT
        );
        CREATE TABLE console_session (
            session_hash TEXT PRIMARY KEY,
            admin_id     INTEGER NOT NULL,
            admin_name   TEXT NOT NULL,
            csrf         TEXT NOT NULL,
            created_at   TEXT NOT NULL,
            expires_at   TEXT NOT NULL
        );
        CREATE TABLE console_change (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            at           TEXT NOT NULL,
            admin_id     INTEGER NOT NULL,
            admin_name   TEXT NOT NULL,
            file         TEXT NOT NULL,
            action       TEXT NOT NULL,
            summary      TEXT NOT NULL,
            diff         TEXT NOT NULL,
            old_hash     TEXT NOT NULL,
            new_hash     TEXT NOT NULL,
            git_commit   TEXT,
            git_note     TEXT,
            build_status TEXT NOT NULL DEFAULT 'pending' CHECK (build_status IN ('pending', 'built', 'failed')),
            build_id     TEXT,
            build_error  TEXT,
            built_at     TEXT
        );
        CREATE INDEX console_change_file ON console_change(file, id);
        CREATE TABLE gap_status (
            normalized TEXT PRIMARY KEY,
            status     TEXT NOT NULL CHECK (status IN ('resolved', 'ignored')),
            by_name    TEXT NOT NULL,
            at         TEXT NOT NULL
        )
        """,
    )


def _v4(db: sqlite3.Connection) -> None:
    """Contributor tags (so /smazat can delete a person's texts), one vote per person, stored answers."""
    _script(
        db,
        """
        CREATE TABLE secret (
            name  TEXT PRIMARY KEY,
            value BLOB NOT NULL
        );
        ALTER TABLE feedback ADD COLUMN voter TEXT;
        ALTER TABLE feedback ADD COLUMN asker TEXT;
        CREATE UNIQUE INDEX feedback_one_vote ON feedback(answer_id, voter) WHERE voter IS NOT NULL;
        CREATE INDEX feedback_asker ON feedback(asker) WHERE asker IS NOT NULL;
        CREATE TABLE unanswered_asker (
            normalized TEXT NOT NULL,
            asker      TEXT NOT NULL,
            example    TEXT NOT NULL,
            count      INTEGER NOT NULL,
            last_seen  TEXT NOT NULL,
            PRIMARY KEY (normalized, asker)
        );
        CREATE INDEX unanswered_asker_by_asker ON unanswered_asker(asker);
        CREATE TABLE sent_answer (
            answer_id  TEXT PRIMARY KEY,
            question   TEXT NOT NULL,
            sources    TEXT NOT NULL,
            passage    TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX sent_answer_created ON sent_answer(created_at);
        CREATE TABLE sent_answer_asker (
            answer_id TEXT NOT NULL,
            asker     TEXT NOT NULL,
            PRIMARY KEY (answer_id, asker)
        );
        CREATE INDEX sent_answer_asker_by_asker ON sent_answer_asker(asker);
        """,
    )
    db.execute("INSERT INTO secret(name, value) VALUES ('contributor_key', ?)", (secrets.token_bytes(32),))


# Append new migrations; never edit a released one.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4]
SCHEMA_VERSION = len(MIGRATIONS)

BUSY_TIMEOUT_S = 2.0  # another process holding the write lock longer makes a write fail ("not recorded")
QUESTION_RETENTION_DAYS = 90  # unanswered question texts and the question text of feedback
ANSWER_RETENTION_DAYS = 30  # stored answers behind the buttons


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


@dataclass(frozen=True)
class GapQuestion:
    """One distinct question staff may act on: unanswered, or answered and voted 👎."""

    normalized: str
    question: str
    count: int
    last_seen: str
    kind: str  # "unanswered" | "downvoted"


@dataclass(frozen=True)
class ConsoleSession:
    admin_id: int
    admin_name: str
    csrf: str
    expires_at: str


@dataclass(frozen=True)
class Change:
    """One saved change of a file in knowledge/ (the console's change log)."""

    id: int
    at: str
    admin_id: int
    admin_name: str
    file: str
    action: str
    summary: str
    diff: str
    old_hash: str
    new_hash: str
    git_commit: str | None
    git_note: str | None
    build_status: str
    build_id: str | None
    build_error: str | None
    built_at: str | None


_CHANGE_COLUMNS = (
    "id, at, admin_id, admin_name, file, action, summary, diff, old_hash, new_hash, git_commit, git_note, "
    "build_status, build_id, build_error, built_at"
)


@dataclass(frozen=True)
class StoredAnswer:
    """A sent answer as kept for its buttons: question, sources and quoted passage (JSON text)."""

    answer_id: str
    question: str
    sources_json: str
    passage_json: str | None


class Storage:
    """The bot's SQLite database; create with ``Storage.open(path)``.

    Every method is synchronous and thread-safe; the Telegram layer calls them from worker threads
    (``bot.telegram.store.AsyncStorage``), never on the event loop.
    """

    def __init__(self, conn: sqlite3.Connection, reader: sqlite3.Connection | None = None) -> None:
        self._db = conn
        self._lock = threading.Lock()
        self._reader = reader or conn
        self._read_lock = threading.Lock() if reader is not None else self._lock
        self._key = b""

    @classmethod
    def open(cls, path: Path | str, *, busy_timeout: float = BUSY_TIMEOUT_S, max_bytes: int | None = None) -> Storage:
        """Open (creating folders and schema as needed) and migrate to the latest version.

        ``max_bytes`` caps the database file (SQLite then reports "database or disk is full", which
        the bot treats like a full disk): a flood of questions cannot fill the disk.
        """
        memory = str(path) == ":memory:"
        if not memory:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = _connect(path, busy_timeout)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            store = cls(conn, None if memory else _connect(path, busy_timeout, read_only=True))
            store.migrate()
            store._key = store._contributor_key()
            if max_bytes is not None:  # after the migrations: a cap below the schema's size means "no growth"
                page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
                conn.execute(f"PRAGMA max_page_count = {max(1, max_bytes // page_size)}")
        except BaseException:
            conn.close()
            raise
        return store

    def set_busy_timeout(self, seconds: float = BUSY_TIMEOUT_S) -> None:
        """How long a statement waits for another process's lock before it fails with "database is locked"."""
        with self._lock:
            self._db.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
        if self._reader is not self._db:
            with self._read_lock:
                self._reader.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    def close(self) -> None:
        with self._lock:
            self._db.close()
        if self._reader is not self._db:
            with self._read_lock:
                self._reader.close()

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
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    raise
        return SCHEMA_VERSION

    def _contributor_key(self) -> bytes:
        try:
            rows = self._read("SELECT value FROM secret WHERE name = 'contributor_key'")
        except sqlite3.OperationalError:  # a schema older than version 3 (only while testing migrations)
            return b""
        return bytes(rows[0][0]) if rows else b""

    def contributor(self, user_id: int) -> str:
        """The tag that marks a person's texts (keyed hash of the user id; the id itself is not stored)."""
        return hmac.new(self._key, str(user_id).encode(), hashlib.sha256).hexdigest()[:32]

    def _write(self, sql: str, params: Iterable[object] = ()) -> int:
        with self._lock:
            return self._db.execute(sql, tuple(params)).rowcount

    def _read(self, sql: str, params: Iterable[object] = ()) -> list[tuple[Any, ...]]:
        with self._read_lock:
            return self._reader.execute(sql, tuple(params)).fetchall()

    def _transaction(self, work: Callable[[sqlite3.Connection], int]) -> int:
        """Run ``work`` in one write transaction (BEGIN IMMEDIATE: waits at most the busy timeout)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                result = work(self._db)
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:  # SQLite already rolled back after e.g. "database or disk is full"
                    self._db.execute("ROLLBACK")
                raise
            return result

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
        """/smazat: remove everything tied to this user; returns the number of rows deleted or changed.

        Their municipality, their votes, and their question texts: a text no one else asked is
        deleted; a text others asked too stays with another person's wording and a lower count.
        """
        tag = self.contributor(user_id)

        def work(db: sqlite3.Connection) -> int:
            changed = db.execute("DELETE FROM user_place WHERE user_id = ?", (user_id,)).rowcount
            changed += db.execute("DELETE FROM feedback WHERE voter = ?", (tag,)).rowcount
            changed += db.execute("UPDATE feedback SET question = '', asker = NULL WHERE asker = ?", (tag,)).rowcount
            mine = db.execute("SELECT normalized, count FROM unanswered_asker WHERE asker = ?", (tag,)).fetchall()
            db.execute("DELETE FROM unanswered_asker WHERE asker = ?", (tag,))
            for normalized, count in mine:
                others = db.execute(
                    "SELECT example FROM unanswered_asker WHERE normalized = ? ORDER BY last_seen DESC LIMIT 1",
                    (normalized,),
                ).fetchone()
                if others is None:
                    changed += db.execute("DELETE FROM unanswered WHERE normalized = ?", (normalized,)).rowcount
                else:
                    changed += db.execute(
                        "UPDATE unanswered SET count = MAX(1, count - ?), example = ? WHERE normalized = ?",
                        (count, others[0], normalized),
                    ).rowcount
            answers = [r[0] for r in db.execute("SELECT answer_id FROM sent_answer_asker WHERE asker = ?", (tag,))]
            db.execute("DELETE FROM sent_answer_asker WHERE asker = ?", (tag,))
            for answer_id in answers:
                changed += db.execute(
                    "DELETE FROM sent_answer WHERE answer_id = ? AND NOT EXISTS "
                    "(SELECT 1 FROM sent_answer_asker WHERE answer_id = ?)",
                    (answer_id, answer_id),
                ).rowcount
            return changed

        return self._transaction(work)

    # --- question texts and votes -----------------------------------------------------------------

    def add_feedback(
        self,
        answer_id: str,
        question: str,
        sources: Iterable[str],
        vote: int,
        *,
        voter: int | None = None,
        asker: int | None = None,
    ) -> bool:
        """Store a vote (+1 / -1); False when this voter already voted on this answer."""
        if vote not in (-1, 1):
            raise ValueError("vote must be +1 or -1")
        voter_tag = self.contributor(voter) if voter is not None else None
        asker_tag = self.contributor(asker) if asker is not None else None
        return (
            self._write(
                "INSERT OR IGNORE INTO feedback(created_at, answer_id, question, sources, vote, voter, asker) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (_now(), answer_id, question[:2000], "\n".join(sources), vote, voter_tag, asker_tag),
            )
            == 1
        )

    def log_question(
        self, question: str, confident: bool, day: date | None = None, *, asker: int | None = None
    ) -> None:
        """Count a question for /statistiky; unconfident ones also go to the /mezery log."""
        day_s = (day or _today()).isoformat()
        norm = normalize_question(question)
        example = " ".join(question.split())[:500]
        tag = self.contributor(asker) if asker is not None else None

        def work(db: sqlite3.Connection) -> int:
            db.execute(
                "INSERT INTO daily_stats(day, questions, confident) VALUES (?, 1, ?) "
                "ON CONFLICT(day) DO UPDATE SET questions = questions + 1, "
                "confident = confident + excluded.confident",
                (day_s, int(confident)),
            )
            if not confident and norm:
                now = _now()
                db.execute(
                    "INSERT INTO unanswered(normalized, example, count, first_seen, last_seen) "
                    "VALUES (?, ?, 1, ?, ?) ON CONFLICT(normalized) DO UPDATE SET "
                    "count = count + 1, last_seen = excluded.last_seen, example = excluded.example",
                    (norm, example, now, now),
                )
                if tag is not None:
                    db.execute(
                        "INSERT INTO unanswered_asker(normalized, asker, example, count, last_seen) "
                        "VALUES (?, ?, ?, 1, ?) ON CONFLICT(normalized, asker) DO UPDATE SET "
                        "count = count + 1, example = excluded.example, last_seen = excluded.last_seen",
                        (norm, tag, example, now),
                    )
            return 1

        self._transaction(work)

    def remember_answer(
        self, answer_id: str, question: str, sources_json: str, passage_json: str | None, *, asker: int | None = None
    ) -> None:
        """Keep a sent answer for its buttons (feedback, sources, passage) across restarts."""
        tag = self.contributor(asker) if asker is not None else None

        def work(db: sqlite3.Connection) -> int:
            db.execute(
                "INSERT INTO sent_answer(answer_id, question, sources, passage, created_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(answer_id) DO UPDATE SET created_at = excluded.created_at",
                (answer_id, question[:2000], sources_json, passage_json, _now()),
            )
            if tag is not None:
                db.execute("INSERT OR IGNORE INTO sent_answer_asker(answer_id, asker) VALUES (?, ?)", (answer_id, tag))
            return 1

        self._transaction(work)

    def sent_answer(self, answer_id: str) -> StoredAnswer | None:
        rows = self._read("SELECT question, sources, passage FROM sent_answer WHERE answer_id = ?", (answer_id,))
        return StoredAnswer(answer_id, *rows[0]) if rows else None

    def purge(
        self,
        now: datetime | None = None,
        *,
        question_days: int = QUESTION_RETENTION_DAYS,
        answer_days: int = ANSWER_RETENTION_DAYS,
    ) -> int:
        """Apply the retention rules (module docstring); returns the number of rows deleted or emptied."""
        now = now or datetime.now(UTC)
        texts_before = (now - timedelta(days=question_days)).isoformat(timespec="seconds")
        answers_before = (now - timedelta(days=answer_days)).isoformat(timespec="seconds")

        def work(db: sqlite3.Connection) -> int:
            changed = db.execute("DELETE FROM unanswered WHERE last_seen < ?", (texts_before,)).rowcount
            changed += db.execute("DELETE FROM unanswered_asker WHERE last_seen < ?", (texts_before,)).rowcount
            changed += db.execute(
                "UPDATE feedback SET question = '', voter = NULL, asker = NULL "
                "WHERE created_at < ? AND (question != '' OR voter IS NOT NULL OR asker IS NOT NULL)",
                (texts_before,),
            ).rowcount
            changed += db.execute("DELETE FROM sent_answer WHERE created_at < ?", (answers_before,)).rowcount
            db.execute(
                "DELETE FROM sent_answer_asker WHERE NOT EXISTS "
                "(SELECT 1 FROM sent_answer s WHERE s.answer_id = sent_answer_asker.answer_id)"
            )
            changed += db.execute(
                "DELETE FROM gap_status WHERE at < ? AND normalized NOT IN (SELECT normalized FROM unanswered)",
                (texts_before,),
            ).rowcount
            return changed

        return self._transaction(work)

    # --- what staff see ---------------------------------------------------------------------------

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

    # --- staff console: sign-in tokens and sessions (hashes only) ----------------------------------

    def add_signin_token(self, token_hash: str, admin_id: int, admin_name: str, expires_at: datetime) -> None:
        now = datetime.now(UTC)
        with self._lock:
            self._db.execute("DELETE FROM console_token WHERE expires_at < ?", (_iso(now - timedelta(days=1)),))
            self._db.execute(
                "INSERT INTO console_token(token_hash, admin_id, admin_name, created_at, expires_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (token_hash, admin_id, admin_name, _iso(now), _iso(expires_at)),
            )

    def use_signin_token(self, token_hash: str, now: datetime | None = None) -> tuple[str, int | None, str | None]:
        """Consume a one-time token: ("ok" | "unknown" | "used" | "expired", admin id, admin name)."""
        now = now or datetime.now(UTC)
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._db.execute(
                    "SELECT admin_id, admin_name, expires_at, used_at FROM console_token WHERE token_hash = ?",
                    (token_hash,),
                ).fetchone()
                if row is None:
                    status = "unknown"
                elif row[3] is not None:
                    status = "used"
                elif datetime.fromisoformat(row[2]) < now:
                    status = "expired"
                else:
                    status = "ok"
                    self._db.execute(
                        "UPDATE console_token SET used_at = ? WHERE token_hash = ?", (_iso(now), token_hash)
                    )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        if row is None:
            return status, None, None
        return status, int(row[0]), str(row[1])

    def add_console_session(
        self, session_hash: str, admin_id: int, admin_name: str, csrf: str, expires_at: datetime
    ) -> None:
        now = _now()
        with self._lock:
            self._db.execute("DELETE FROM console_session WHERE expires_at < ?", (now,))
            self._db.execute(
                "INSERT INTO console_session(session_hash, admin_id, admin_name, csrf, created_at, expires_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (session_hash, admin_id, admin_name, csrf, now, _iso(expires_at)),
            )

    def get_console_session(self, session_hash: str) -> ConsoleSession | None:
        rows = self._read(
            "SELECT admin_id, admin_name, csrf, expires_at FROM console_session "
            "WHERE session_hash = ? AND expires_at > ?",
            (session_hash, _now()),
        )
        return ConsoleSession(int(rows[0][0]), rows[0][1], rows[0][2], rows[0][3]) if rows else None

    def delete_console_session(self, session_hash: str) -> None:
        self._write("DELETE FROM console_session WHERE session_hash = ?", (session_hash,))

    # --- staff console: change log -------------------------------------------------------------

    def add_change(
        self,
        *,
        admin_id: int,
        admin_name: str,
        file: str,
        action: str,
        summary: str,
        diff: str,
        old_hash: str,
        new_hash: str,
    ) -> int:
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO console_change(at, admin_id, admin_name, file, action, summary, diff, old_hash, new_hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (_now(), admin_id, admin_name, file, action, summary, diff, old_hash, new_hash),
            )
            return int(cur.lastrowid or 0)

    def set_change_commit(self, change_id: int, commit: str | None, note: str | None) -> None:
        self._write("UPDATE console_change SET git_commit = ?, git_note = ? WHERE id = ?", (commit, note, change_id))

    def pending_change_id(self) -> int | None:
        """The newest change still waiting for an index build (None when all are built)."""
        rows = self._read("SELECT MAX(id) FROM console_change WHERE build_status = 'pending'")
        return int(rows[0][0]) if rows and rows[0][0] is not None else None

    def mark_changes_built(self, up_to: int, build_id: str | None, error: str | None = None) -> int:
        """Record the outcome of a build that covered every pending change with id ≤ `up_to`."""
        return self._write(
            "UPDATE console_change SET build_status = ?, build_id = ?, build_error = ?, built_at = ? "
            "WHERE build_status = 'pending' AND id <= ?",
            ("failed" if error else "built", build_id, error, _now(), up_to),
        )

    def changes(self, limit: int = 50, offset: int = 0, file: str | None = None) -> list[Change]:
        where, params = ("WHERE file = ?", [file]) if file else ("", [])
        rows = self._read(
            f"SELECT {_CHANGE_COLUMNS} FROM console_change {where} ORDER BY id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [Change(*r) for r in rows]

    def change(self, change_id: int) -> Change | None:
        rows = self._read(f"SELECT {_CHANGE_COLUMNS} FROM console_change WHERE id = ?", (change_id,))
        return Change(*rows[0]) if rows else None

    def change_count(self) -> int:
        return int(self._read("SELECT COUNT(*) FROM console_change")[0][0])

    # --- staff console: gaps ---------------------------------------------------------------------

    def gap_questions(self) -> list[GapQuestion]:
        """Unanswered questions and 👎-voted ones (aggregated by normalised text), newest first."""
        out = [
            GapQuestion(norm, example, int(count), last, "unanswered")
            for norm, example, count, last in self._read(
                "SELECT normalized, example, count, last_seen FROM unanswered ORDER BY last_seen DESC"
            )
        ]
        down: dict[str, tuple[str, int, str]] = {}
        for question, created in self._read(
            "SELECT question, created_at FROM feedback WHERE vote = -1 AND question != '' ORDER BY created_at"
        ):
            norm = normalize_question(question)
            if not norm:
                continue
            count = down[norm][1] if norm in down else 0
            down[norm] = (" ".join(question.split())[:500], count + 1, created)
        out += [GapQuestion(norm, q, n, last, "downvoted") for norm, (q, n, last) in down.items()]
        return out

    def set_gap_status(self, keys: Iterable[str], status: str, by_name: str) -> int:
        if status not in ("resolved", "ignored"):
            raise ValueError("status must be 'resolved' or 'ignored'")
        now = _now()
        with self._lock:
            count = 0
            for key in keys:
                count += self._db.execute(
                    "INSERT INTO gap_status(normalized, status, by_name, at) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(normalized) DO UPDATE SET status = excluded.status, by_name = excluded.by_name, "
                    "at = excluded.at",
                    (key, status, by_name, now),
                ).rowcount
            return count

    def gap_statuses(self) -> dict[str, tuple[str, str]]:
        """normalized question → (status, when it was set)."""
        return {norm: (status, at) for norm, status, at in self._read("SELECT normalized, status, at FROM gap_status")}

    def feedback_counts_since(self, days: int, now: datetime | None = None) -> tuple[int, int]:
        """(👍, 👎) of the last `days` days."""
        since = _iso((now or datetime.now(UTC)) - timedelta(days=days))
        counts = dict(self._read("SELECT vote, COUNT(*) FROM feedback WHERE created_at >= ? GROUP BY vote", (since,)))
        return counts.get(1, 0), counts.get(-1, 0)


def _connect(path: Path | str, busy_timeout: float, read_only: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=busy_timeout)
    if read_only:
        conn.execute("PRAGMA query_only = ON")
    return conn


def _now() -> str:
    return _iso(datetime.now(UTC))


def _iso(moment: datetime) -> str:
    """UTC, whole seconds: stored timestamps compare correctly as text."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _today() -> date:
    return datetime.now(UTC).date()
