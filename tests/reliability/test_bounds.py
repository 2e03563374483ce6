"""Memory: every cache and every per-user structure of the bot is bounded (bench/bench_memory.py measures it)."""

from __future__ import annotations

import sqlite3

import pytest

from bot import engine as engine_module
from bot.engine import Engine
from bot.storage import Storage
from bot.telegram import store as store_module
from bot.telegram.maintenance import sweep_user_data
from bot.telegram.state import SEEN, AnswerCache, SentAnswer, UserRateLimiter
from bot.telegram.store import AsyncStorage


def test_rate_limiter_forgets_idle_users_and_keeps_at_most_max_users() -> None:
    now = [0.0]
    limiter = UserRateLimiter(5, clock=lambda: now[0], max_users=100)
    for uid in range(1000):
        assert limiter.hit(uid)
    assert len(limiter) <= 100 and 999 in limiter
    now[0] = 61.0
    limiter.hit(5000)
    assert len(limiter) == 1  # everyone else was idle for a whole window


def test_answer_cache_keeps_only_what_buttons_need_and_at_most_max_size(engine: Engine) -> None:
    answer = engine.answer("Kolik může úřad práce zaplatit za rekvalifikaci?")
    sent = SentAnswer.of(answer)
    assert sent.source_passage is not None and len(answer.passages) > 1  # not all passages are kept
    assert not hasattr(sent, "passages")
    cache = AnswerCache(max_size=10)
    for i in range(100):
        cache.put(SentAnswer(f"a{i}", sent.question, sent.sources, sent.source_passage))
        cache.first_vote(f"a{i}", 1)
    assert len(cache) == 10 and len(cache._voters) <= 10


def test_query_vector_cache_is_bounded(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "QUERY_CACHE_SIZE", 5)
    for i in range(12):
        engine.answer(f"Kolik peněz dostane obec číslo {i} na opravu cesty?")
    assert len(engine._query_vectors) == 5


async def test_municipalities_waiting_for_a_locked_database_are_bounded(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(store_module, "OVERLAY_SIZE", 5)
    path = tmp_path / "bot.sqlite3"
    store = AsyncStorage(Storage.open(path))
    locker = sqlite3.connect(path, isolation_level=None, timeout=0)
    store.storage.set_busy_timeout(0.01)
    locker.execute("BEGIN IMMEDIATE")
    try:
        for uid in range(50):
            store.set_obec(uid, "Most")
        await store.settle()
        assert len(store._obec) <= 5
        assert await store.get_obec(49) == "Most"  # the newest are still remembered
    finally:
        locker.execute("ROLLBACK")
        await store.aclose()


@pytest.mark.slow
async def test_user_data_of_inactive_and_surplus_users_is_dropped(running_bot) -> None:
    bot = running_bot
    for uid in range(17_001, 17_021):
        bot.send_text(uid, "/pomoc")
    await bot.wait_for_messages(1, 17_020)
    await bot.api.wait_for(lambda: all(bot.messages(uid) for uid in range(17_001, 17_021)))
    users = [uid for uid in bot.app.user_data if 17_001 <= uid <= 17_020]
    assert len(users) == 20 and all(SEEN in bot.app.user_data[uid] for uid in users)
    seen = sorted((bot.app.user_data[uid][SEEN] for uid in users), reverse=True)
    latest = seen[0]
    sweep_user_data(bot.app, max_users=5)
    assert len(bot.app.user_data) == 5  # the least recently seen went first
    assert min(data[SEEN] for data in bot.app.user_data.values()) >= seen[5]
    sweep_user_data(bot.app, now=latest + 8 * 24 * 3600)
    assert len(bot.app.user_data) == 0  # a week later nobody's state is kept
