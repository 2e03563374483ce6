"""Index hot-swap while questions keep arriving: no question dropped, none answered twice."""

from __future__ import annotations

import asyncio

import pytest

from bot.engine import Engine
from index.build import build_index
from tests.telegram.fake_bot_api import buttons

pytestmark = pytest.mark.slow

NEW_DOC = """\
---
title: Testovací dotace na výsadbu lip
sources:
  - url: https://example.org/testovaci-lipy
    as_of: 2026-11-01
updated: 2026-11-26
---
# Testovací dotace na výsadbu lip

Testovací program na výsadbu lip v alejích podporuje spolky částkou až 7 000 Kč na jednu alej.
Žádosti o dotaci na výsadbu lip se podávají v listopadu přes testovací formulář.
"""
NEW_QUESTION = "Kolik peněz dostane spolek na výsadbu lip v aleji?"
OLD_QUESTION = "Kolik může úřad práce zaplatit za rekvalifikaci?"


def is_answer(msg: dict) -> bool:
    return any(b["callback_data"].startswith("fb:") for b in buttons(msg))


@pytest.mark.parametrize("trigger", ["poll", "admin"])
async def test_hot_swap_while_questions_arrive(start_bot, small_index, trigger) -> None:
    from tests.telegram.conftest import ADMIN

    engine = Engine.load(small_index)
    poll = 0.2 if trigger == "poll" else 3600
    bot = await start_bot(
        engine, knowledge_dir=small_index.knowledge_dir, index_poll_seconds=poll, user_rate_limit=100_000
    )
    old_build = engine.index.build_id
    before = await bot.ask(9001, NEW_QUESTION)
    assert "7 000" not in before["text"]

    users = list(range(9101, 9106))
    sent: dict[int, int] = dict.fromkeys(users, 0)
    stop = asyncio.Event()

    async def stream() -> None:
        while not stop.is_set():
            for uid in users:
                sent[uid] += 1
                bot.send_text(uid, f"{OLD_QUESTION} ({sent[uid]})")  # a repeated text would be answered once
            await asyncio.sleep(0.1)

    streamer = asyncio.create_task(stream())
    (small_index.knowledge_dir / "lipy.md").write_text(NEW_DOC, encoding="utf-8")
    await asyncio.to_thread(build_index, small_index.index_config)
    if trigger == "admin":
        assert (await bot.ask(ADMIN, "/obnovit"))["text"].startswith("Načetl jsem")
    await bot.api.wait_for(lambda: engine.index.build_id != old_build, timeout=30)
    await asyncio.sleep(0.3)  # keep questions flowing across the swap
    stop.set()
    await streamer

    after = await bot.ask(9002, NEW_QUESTION)  # another person: 9001's same text within seconds is answered once
    assert "7 000" in after["text"] and "example.org/testovaci-lipy" in after["html"]
    for uid in users:
        await bot.wait_for_messages(sent[uid], uid, timeout=60)
        await bot.sync(uid)
        answers = [m for m in bot.messages(uid) if is_answer(m)]
        assert len(answers) == sent[uid], (uid, len(answers), sent[uid])
        assert all("úřad práce" in m["text"].lower() or "Úřad práce" in m["text"] for m in answers)
    assert sum(sent.values()) >= 10
    assert bot.api.errors == []
