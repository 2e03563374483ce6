"""Unit tests for bot.storage on a real SQLite file: migrations, anonymity, /smazat."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from bot import storage as storage_mod
from bot.storage import SCHEMA_VERSION, Storage, normalize_question


def test_fresh_database_is_migrated_and_wal(tmp_path) -> None:
    db = Storage.open(tmp_path / "sub" / "bot.sqlite3")
    assert db.version == SCHEMA_VERSION
    mode = sqlite3.connect(tmp_path / "sub" / "bot.sqlite3").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    db.close()
    again = Storage.open(tmp_path / "sub" / "bot.sqlite3")  # reopening is a no-op
    assert again.version == SCHEMA_VERSION


def test_upgrade_from_v1_keeps_data(tmp_path, monkeypatch) -> None:
    path = tmp_path / "bot.sqlite3"
    monkeypatch.setattr(storage_mod, "SCHEMA_VERSION", 1)
    old = Storage.open(path)
    assert old.version == 1
    old.set_obec(7, "Most")
    old.close()
    monkeypatch.setattr(storage_mod, "SCHEMA_VERSION", len(storage_mod.MIGRATIONS))
    new = Storage.open(path)
    assert new.version == len(storage_mod.MIGRATIONS)
    assert new.get_obec(7) == "Most"
    rows = sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type='index'")
    indexes = {r[0] for r in rows}
    assert "unanswered_count" in indexes


def test_newer_schema_is_refused(tmp_path) -> None:
    path = tmp_path / "bot.sqlite3"
    Storage.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (999, 'x')")
    conn.commit()
    with pytest.raises(RuntimeError, match="newer"):
        Storage.open(path)


def test_failed_migration_rolls_back(tmp_path, monkeypatch) -> None:
    def broken(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("boom")

    monkeypatch.setattr(storage_mod, "MIGRATIONS", [*storage_mod.MIGRATIONS, broken])
    monkeypatch.setattr(storage_mod, "SCHEMA_VERSION", len(storage_mod.MIGRATIONS))
    with pytest.raises(sqlite3.OperationalError):
        Storage.open(tmp_path / "bot.sqlite3")
    conn = sqlite3.connect(tmp_path / "bot.sqlite3")
    assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name='half_done'").fetchall()


def test_obec_set_update_delete(tmp_path) -> None:
    db = Storage.open(tmp_path / "bot.sqlite3")
    assert db.get_obec(1) is None
    db.set_obec(1, "Litvínov")
    db.set_obec(1, "Most")
    db.set_obec(2, "Žatec")
    assert db.get_obec(1) == "Most"
    assert db.delete_user(1) == 1
    assert db.get_obec(1) is None and db.get_obec(2) == "Žatec"
    assert db.delete_user(1) == 0


def test_feedback_and_gaps_have_no_user_columns(tmp_path) -> None:
    db = Storage.open(tmp_path / "bot.sqlite3")
    db.add_feedback("abc123", "Kdo může žádat?", ["https://a.cz", "https://b.cz"], 1)
    db.add_feedback("abc123", "Kdo může žádat?", [], -1)
    db.add_feedback("def", "x", [], 1)
    assert db.feedback_counts() == (2, 1)
    with pytest.raises(ValueError):
        db.add_feedback("x", "y", [], 0)
    conn = sqlite3.connect(tmp_path / "bot.sqlite3")
    for table in ("feedback", "unanswered", "daily_stats"):
        cols = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        assert not any("user" in c or "chat" in c for c in cols), (table, cols)


def test_question_log_counts_and_groups_gaps(tmp_path) -> None:
    db = Storage.open(tmp_path / "bot.sqlite3")
    d = date(2026, 11, 20)
    db.log_question("Kolik stojí solár?", confident=False, day=d)
    db.log_question("kolik STOJÍ  solar", confident=False, day=d)
    db.log_question("Co je OPST?", confident=True, day=d)
    db.log_question("Kdo je hejtman?", confident=False, day=date(2026, 11, 21))
    stats = db.daily_stats(days=7, today=date(2026, 11, 21))
    assert [(s.day, s.questions, s.confident) for s in stats] == [("2026-11-21", 1, 0), ("2026-11-20", 3, 1)]
    gaps = db.top_gaps()
    assert gaps[0].count == 2 and normalize_question(gaps[0].question) == "kolik stoji solar"
    assert len(gaps) == 2


def test_normalize_question() -> None:
    assert normalize_question("  Kdo MŮŽE žádat?!  ") == "kdo muze zadat"
    assert normalize_question("<script>") == "script"
