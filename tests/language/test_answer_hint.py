"""Telegram's language_code reaches the answer pipeline: it decides very short messages, never longer ones."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("text", "hint", "lang"), [("ok", "uk", "uk"), ("MAS", "en-GB", "en"), ("👍", "uk", "uk")])
def test_hint_decides_a_message_too_short_to_read(engine, text: str, hint: str, lang: str) -> None:
    assert engine.answer(text, lang_hint=hint).lang == lang


@pytest.mark.parametrize("hint", ["ru", "sk", None])
def test_russian_or_no_hint_leaves_a_short_message_czech(engine, hint: str | None) -> None:
    assert engine.answer("ok", lang_hint=hint).lang == "cs"


def test_longer_message_is_answered_in_its_own_language_whatever_the_hint(engine) -> None:
    czech = engine.answer("Kdo může žádat o peníze z Fondu pro spravedlivou transformaci?", lang_hint="en")
    assert czech.lang == "cs" and not czech.intro
    ukrainian = engine.answer("Хто може подати заявку на гроші з фонду справедливої трансформації?", lang_hint="en")
    assert ukrainian.lang == "uk"
    english = engine.answer("Who can apply for money from the Just Transition Fund?", lang_hint="uk")
    assert english.lang == "en"
