"""Issue 15 (9): the buttons under an answer keep working after the bot restarts.

The answer's id, question, sources and quoted passage are stored in SQLite when it is sent, so
👍/👎, "Zobrazit zdroj" and /zdroje work from stored data, not only from the in-memory cache.
"""

from __future__ import annotations

import sqlite3

import pytest

from bot.telegram import ui
from tests.telegram.fake_bot_api import buttons

pytestmark = pytest.mark.slow

QUESTION = "Kolik může úřad práce zaplatit za rekvalifikaci?"  # answered from a quoted passage


async def test_feedback_source_and_zdroje_survive_a_restart(start_bot, tmp_path) -> None:
    data_dir = tmp_path / "shared"
    first = await start_bot(data_dir=data_dir)
    uid = 16_001
    answer = await first.ask(uid, QUESTION)
    aid = next(b["callback_data"].split(":")[-1] for b in buttons(answer) if b["callback_data"].startswith("fb:"))
    db = sqlite3.connect(data_dir / "bot.sqlite3")
    await first.api.wait_for(lambda: db.execute("SELECT 1 FROM sent_answer WHERE answer_id = ?", (aid,)).fetchone())
    await first.app.update_persistence()
    await first.app.persistence.flush()
    await first.app.updater.stop()

    second = await start_bot(data_dir=data_dir)  # a new process: empty in-memory cache
    assert second.app.bot_data["services"].answers.get(aid) is None
    calls = len(second.api.calls_of("answerCallbackQuery"))
    second.press_on(uid, answer, f"fb:up:{aid}")
    reply = (await second.wait_for_call("answerCallbackQuery", calls + 1))[-1]
    assert reply.params.get("text") == ui.text("feedback_thanks")
    await second.api.wait_for(lambda: db.execute("SELECT question, vote FROM feedback").fetchall() == [(QUESTION, 1)])

    before = len(second.messages(uid))
    second.press_on(uid, answer, f"src:{aid}")
    passage = (await second.wait_for_messages(before + 1, uid))[before]
    assert "<blockquote>" in passage["html"]
    sources = await second.ask(uid, "/zdroje")
    assert "Zdroje poslední odpovědi" in sources["text"] and '<a href="http' in sources["html"]

    second.press_on(uid, answer, f"fb:dn:{aid}")  # a second vote of the same person is not counted
    await second.sync(uid)
    await second.settle()
    assert db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0] == 1
    assert second.api.errors == []
