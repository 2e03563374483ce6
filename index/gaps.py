"""Words of unanswered questions that the index does not know — for `index check` and the staff views.

The bot logs questions it could not answer confidently in its SQLite database (table ``unanswered``:
normalised text, one example wording, a count). This module reads that table read-only — the bot may
be running — and reports the everyday words that match no term of the published index even after
diacritics are restored, most frequent first, so staff know which synonyms to add to
``synonyma.yaml``.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from index.normalize import QueryNormalizer, index_normalizer, unmatched_words
from index.store import IndexData

log = logging.getLogger(__name__)

DATABASE_FILE = "bot.sqlite3"  # the bot's database in DATA_DIR
MAX_REPEAT = 20  # a question asked 500 times must not drown every other word


def unanswered_questions(database: Path) -> list[tuple[str, int]]:
    """(example wording, how many times asked) of every logged unanswered question; [] without a database."""
    if not database.is_file():
        return []
    try:
        conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            rows = conn.execute("SELECT example, count FROM unanswered ORDER BY last_seen DESC").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:  # no table yet, locked, corrupt: the report simply has no gap words
        log.warning("Unanswered questions not readable from %s: %s", database, exc)
        return []
    return [(str(example), int(count)) for example, count in rows if example]


def gap_words(
    questions: Iterable[tuple[str, int]], index: IndexData, normalizer: QueryNormalizer | None = None
) -> list[tuple[str, int]]:
    """Unknown words of the questions, weighted by how often each question was asked."""
    repeated = [text for text, count in questions for _ in range(max(1, min(count, MAX_REPEAT)))]
    if not repeated:
        return []
    vocabulary = index.bm25.postings
    return unmatched_words(repeated, vocabulary, normalizer=normalizer or index_normalizer(index))


def format_gap_words(words: list[tuple[str, int]], limit: int = 20) -> list[str]:
    """Czech lines for staff; empty when there is nothing to show."""
    if not words:
        return []
    shown = ", ".join(f"{word} ({count}×)" for word, count in words[:limit])
    return [
        "Slova z nezodpovězených otázek, která index nezná (nejčastější první):",
        f"  {shown}",
        "  Pokud znamenají totéž co slovo ze znalostí, doplňte je do synonyma.yaml.",
    ]
