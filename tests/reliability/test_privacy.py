"""Issue 15 (7): /smazat deletes or anonymises everything tied to the person; old texts expire.

Decision (see bot/storage.py): texts a person contributed carry a keyed hash of their user id (never
the id). /smazat deletes their votes and every question text no one else asked; a text others asked
too stays, in another person's wording, with a lower count. Unanswered questions and the question
text of feedback are deleted after 90 days, stored answers after 30 days.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.storage import Storage
from bot.telegram import overit, ui
from bot.telegram.services import app_services
from tests.reliability.botproc import is_answer
from tests.telegram.fake_bot_api import buttons

ALICE, BOB = 15_001, 15_002
ONLY_ALICE = "Kolik stojí výlet balónem nad Krušnými horami?"
BOTH = "Kdy pojede vlak na Měsíc?"


def all_text(path: Path, skip: tuple[str, ...] = ()) -> str:
    """Every value in every table of the database, as one string (to search for a person's text or id)."""
    db = sqlite3.connect(path)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return "\n".join(repr(row) for t in tables if t not in skip for row in db.execute(f"SELECT * FROM {t}"))
    finally:
        db.close()


def test_delete_user_removes_their_texts_and_keeps_what_others_asked(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    db = Storage.open(path)
    db.set_obec(ALICE, "Most")
    db.log_question(ONLY_ALICE, confident=False, asker=ALICE)
    db.log_question(BOTH.upper(), confident=False, asker=ALICE)  # Alice's wording
    db.log_question(BOTH, confident=False, asker=BOB)
    db.log_question(BOTH.upper(), confident=False, asker=ALICE)  # the latest wording is Alice's again
    db.remember_answer("a1", ONLY_ALICE, "[]", None, asker=ALICE)
    db.remember_answer("b1", BOTH, "[]", None, asker=BOB)
    db.remember_answer("b1", BOTH, "[]", None, asker=ALICE)
    assert db.add_feedback("a1", ONLY_ALICE, [], 1, voter=ALICE, asker=ALICE)
    assert not db.add_feedback("a1", ONLY_ALICE, [], -1, voter=ALICE, asker=ALICE)  # one vote per person
    assert db.add_feedback("b1", BOTH, [], -1, voter=BOB, asker=BOB)
    assert db.add_feedback("a1", ONLY_ALICE, [], 1, voter=BOB, asker=ALICE)  # Bob rates Alice's answer
    assert str(ALICE) not in all_text(path, skip=("user_place",))  # only user_place holds the id

    assert db.delete_user(ALICE) > 0
    dump = all_text(path)
    assert ONLY_ALICE not in dump and BOTH.upper() not in dump and str(ALICE) not in dump
    assert db.contributor(ALICE) not in dump
    gaps = {g.question: g.count for g in db.top_gaps()}
    assert gaps == {BOTH: 1}  # Bob's question, in Bob's words
    assert db.sent_answer("a1") is None and db.sent_answer("b1") is not None
    assert db.feedback_counts() == (1, 1)  # Alice's vote is gone; Bob's votes stay (without Alice's text)
    assert db.get_obec(ALICE) is None


def test_retention_removes_old_texts_and_keeps_anonymous_counts(tmp_path: Path) -> None:
    db = Storage.open(tmp_path / "bot.sqlite3")
    db.log_question(ONLY_ALICE, confident=False, asker=ALICE)
    db.remember_answer("a1", ONLY_ALICE, "[]", None, asker=ALICE)
    db.add_feedback("a1", ONLY_ALICE, [], 1, voter=ALICE, asker=ALICE)
    now = datetime.now(UTC)
    assert db.purge(now + timedelta(days=29)) == 0  # nothing is old yet
    assert db.purge(now + timedelta(days=31)) == 1  # the stored answer (30 days)
    assert db.sent_answer("a1") is None and db.top_gaps()
    assert db.purge(now + timedelta(days=91)) >= 2  # the gap and the feedback text (90 days)
    assert db.top_gaps() == [] and db.feedback_counts() == (1, 0)
    assert ONLY_ALICE not in all_text(tmp_path / "bot.sqlite3")


def test_the_privacy_note_states_what_is_kept_and_for_how_long() -> None:
    assert "90 dnech" in ui.text("start") and "30 dnech" in ui.text("start") and "/smazat" in ui.text("start")


@pytest.mark.slow
async def test_smazat_leaves_nothing_of_the_person(start_bot, tmp_path: Path) -> None:
    data = tmp_path / "state"
    bot = await start_bot(data_dir=data)
    gap = await bot.ask(ALICE, ONLY_ALICE)
    answer = await bot.ask(ALICE, "Co je Fond pro spravedlivou transformaci?")
    assert is_answer(gap) and is_answer(answer)
    aid = next(b["callback_data"].split(":")[-1] for b in buttons(answer) if b["callback_data"].startswith("fb:"))
    bot.press(f"fb:dn:{aid}", ALICE)
    await bot.ask(ALICE, "/obec Litvínov")
    await bot.ask(ALICE, "/overit")
    db_path = bot.settings.database_path
    await bot.api.wait_for(lambda: ONLY_ALICE in all_text(db_path) and bot.storage.feedback_counts() == (0, 1))

    assert (await bot.ask(ALICE, "/smazat"))["text"] == ui.text("deleted")
    await bot.settle()
    dump = all_text(db_path)
    assert ONLY_ALICE not in dump and str(ALICE) not in dump and "Litvínov" not in dump
    assert bot.storage.feedback_counts() == (0, 0)
    assert not bot.app.user_data.get(ALICE)  # no /overit dialog, no last answer
    assert overit.KEY not in bot.app.user_data.get(ALICE, {})
    assert ALICE not in app_services(bot.app).limiter
    await bot.app.update_persistence()
    await bot.app.persistence.flush()
    state = json.loads((data / "telegram_state.json").read_text(encoding="utf-8"))
    assert str(ALICE) not in state["user_data"]
