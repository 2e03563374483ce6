"""Unit tests of the Telegram layer without a server: CLI exits, token redaction, limits, callbacks."""

from __future__ import annotations

import logging

import pytest

from bot.telegram.app import NO_TOKEN, RedactingFilter, cli
from bot.telegram.keyboards import answer_keyboard, parse_callback
from bot.telegram.state import AnswerCache, SentAnswer, UserRateLimiter


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No .env and no bot variables from the outside."""
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "WEBHOOK_URL", "WEBHOOK_SECRET", "DATA_DIR", "KNOWLEDGE_DIR", "EMBEDDING_MODEL"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_run_without_token_explains_botfather(clean_env, capsys) -> None:
    assert cli([]) == 2
    err = capsys.readouterr().err
    assert err == NO_TOKEN
    assert "@BotFather" in err and "/newbot" in err and "TELEGRAM_BOT_TOKEN" in err


def test_run_without_index_exits_2_with_czech_message(clean_env, capsys, tmp_path) -> None:
    clean_env.setenv("TELEGRAM_BOT_TOKEN", "123:secret-token")
    clean_env.setenv("DATA_DIR", str(tmp_path / "empty"))
    assert cli([]) == 2
    err = capsys.readouterr().err
    assert "index" in err.lower() and "secret-token" not in err
    assert any(ch in err for ch in "ěščřžýáíéů")  # the Czech message for staff


def test_run_with_index_of_another_model_exits_2(clean_env, capsys, small_index) -> None:
    clean_env.setenv("TELEGRAM_BOT_TOKEN", "123:secret-token")
    clean_env.setenv("DATA_DIR", str(small_index.data_dir))
    clean_env.setenv("KNOWLEDGE_DIR", str(small_index.knowledge_dir))
    clean_env.setenv("EMBEDDING_MODEL", "intfloat/multilingual-e5-base")
    assert cli([]) == 2
    assert "intfloat/multilingual-e5-base" in capsys.readouterr().err


def test_redacting_filter_hides_token_in_messages_args_and_tracebacks(caplog) -> None:
    token = "123456:AAsecretSECRET"
    logger = logging.getLogger("test.redact")
    handler = logging.StreamHandler()
    redact = RedactingFilter(token)
    caplog.handler.addFilter(redact)
    try:
        logger.warning("POST https://api.telegram.org/bot%s/getMe", token)
        try:
            raise RuntimeError(f"failed https://api.telegram.org/bot{token}/sendMessage")
        except RuntimeError:
            logger.exception("boom")
    finally:
        caplog.handler.removeFilter(redact)
        handler.close()
    assert token not in caplog.text
    assert "<redacted>" in caplog.text and "RuntimeError" in caplog.text


def test_user_rate_limiter_sliding_window_and_single_warning() -> None:
    now = [0.0]
    limiter = UserRateLimiter(3, clock=lambda: now[0])
    assert [limiter.hit(1) for _ in range(4)] == [True, True, True, False]
    assert limiter.hit(2)  # other users unaffected
    assert limiter.should_warn(1) and not limiter.should_warn(1)
    now[0] = 59.9
    assert not limiter.hit(1)
    now[0] = 60.0
    assert limiter.hit(1) and limiter.should_warn(1)


def test_answer_cache_is_bounded_and_counts_one_vote_per_user() -> None:
    cache = AnswerCache(max_size=3)
    for i in range(5):
        cache.put(SentAnswer(f"id{i}", f"otázka {i}", (), None))
    assert len(cache) == 3 and cache.get("id0") is None and cache.get("id4") is not None
    assert cache.first_vote("id4", 1) and not cache.first_vote("id4", 1) and cache.first_vote("id4", 2)


@pytest.mark.parametrize(
    ("data", "kind"),
    [("fb:up:abc", "fb"), ("fb:dn:abc", "fb"), ("src:abc", "src"), ("mas", "mas"), ("ob:3", "ob"),
     ("fb:maybe:abc", "unknown"), ("fb:up:", "unknown"), ("", "unknown"), (None, "unknown"),
     ("v1:{\"old\": true}", "unknown"), ("ob:x", "unknown")],
)  # fmt: skip
def test_parse_callback(data, kind) -> None:
    assert parse_callback(data).kind == kind


def test_keyboard_callback_data_fits_64_bytes() -> None:
    kb = answer_keyboard("0123456789")
    data = [b.callback_data for row in kb.inline_keyboard for b in row]
    assert data == ["fb:up:0123456789", "fb:dn:0123456789", "src:0123456789", "mas"]
    assert parse_callback(data[1]).vote == -1
    no_feedback = answer_keyboard("x", feedback=False, has_passage=False)
    assert [b.callback_data for row in no_feedback.inline_keyboard for b in row] == ["mas"]
