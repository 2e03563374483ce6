"""`index check` lists the words of unanswered questions that the published index does not know."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.config import Settings
from bot.storage import Storage
from index.gaps import DATABASE_FILE, gap_words, unanswered_questions
from index.store import load_index
from tests.core.test_cli import run


def test_unanswered_questions_are_read_with_their_counts(tmp_path: Path) -> None:
    storage = Storage.open(tmp_path / DATABASE_FILE)
    for _ in range(3):
        storage.log_question("Kdy otevřou šmoulí hasičárnu?", confident=False)
    storage.log_question("Co je OPST?", confident=True)  # answered: not a gap
    storage.close()
    assert unanswered_questions(tmp_path / DATABASE_FILE) == [("Kdy otevřou šmoulí hasičárnu?", 3)]


def test_a_missing_or_foreign_database_gives_no_questions(tmp_path: Path) -> None:
    assert unanswered_questions(tmp_path / "none.sqlite3") == []
    sqlite3.connect(tmp_path / "other.sqlite3").execute("CREATE TABLE x (y)").connection.close()
    assert unanswered_questions(tmp_path / "other.sqlite3") == []


def test_unknown_words_are_weighted_by_how_often_they_were_asked(built_index: Settings) -> None:
    index = load_index(built_index.data_dir, built_index.embedding_model)
    words = dict(gap_words([("dotace na šmoulí bazén", 5), ("kde je šmoulí hasičárna", 1)], index))
    assert words["šmoulí"] == 6
    assert "dotace" not in words  # the index knows it


def test_index_check_prints_the_gap_words_of_the_bot_database(small_index: Settings) -> None:
    storage = Storage.open(small_index.data_dir / DATABASE_FILE)
    storage.log_question("Dají šmoulí příspěvek?", confident=False)
    storage.close()
    done = run(["-m", "index", "check"], small_index)
    assert "Slova z nezodpovězených otázek" in done.stdout and "šmoulí (1×)" in done.stdout, done.stdout[-2000:]
