"""The pure parts of bot.telegram.conversation: windows, footer rule, callback data, keyboards."""

from __future__ import annotations

import datetime as dt

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answer import Answer, topic_key
from bot.eligibility import APPLICANTS, TOPICS, EligibilityResult
from bot.intent import QuestionKind
from bot.telegram import conversation as conv

LINE = "Obec Litvínov patří do MAS Naděje."


def answer(
    kind: QuestionKind = QuestionKind.AMOUNT, *, confident: bool = True, line: str | None = LINE, **kw
) -> Answer:
    return Answer("Kolik to stojí?", "Tolik.", confident, answer_id="a1", contact_line=line, kind=kind, **kw)


def result(applicant: str = "obec", topic: str = "energie", obec: str | None = None) -> EligibilityResult:
    return EligibilityResult(applicant, topic, obec, dt.date(2026, 1, 1), [])


def test_normalize_ignores_case_spaces_and_final_punctuation() -> None:
    assert conv.normalize("  Kolik  STOJÍ  to? ") == conv.normalize("kolik stojí to") == "kolik stojí to"
    assert conv.normalize("Kolik stojí to?") != conv.normalize("Kolik stojí tamto?")


def test_repeat_within_ten_seconds_only_for_the_same_person_and_text() -> None:
    chat: dict = {}
    assert not conv.is_repeat(chat, 1, "Kolik?", now=100.0)
    assert conv.is_repeat(chat, 1, "kolik", now=105.0)
    assert not conv.is_repeat(chat, 2, "kolik", now=105.0)  # someone else in a group
    assert not conv.is_repeat(chat, 1, "Kdy?", now=105.0)
    assert not conv.is_repeat(chat, 1, "kolik", now=111.0)  # the window has passed
    assert not conv.is_repeat(None, 1, "kolik")


def test_repeat_memory_is_bounded() -> None:
    chat: dict = {}
    for i in range(100):
        conv.is_repeat(chat, 1, f"otázka {i}", now=100.0)
    assert len(chat[conv.RECENT]) == conv.MAX_RECENT


def test_previous_question_expires_after_five_minutes() -> None:
    chat: dict = {}
    conv.remember_question(chat, answer(), now=1000.0)
    assert conv.previous_question(chat, now=1000.0 + conv.FOLLOWUP_WINDOW_S) == "Kolik to stojí?"
    assert conv.previous_question(chat, now=1001.0 + conv.FOLLOWUP_WINDOW_S) is None
    assert conv.previous_question({}) is None and conv.previous_question(None) is None


def test_small_talk_is_not_remembered_and_a_followup_keeps_its_topic() -> None:
    chat: dict = {}
    conv.remember_question(chat, answer(QuestionKind.THANKS), now=1.0)
    assert conv.LAST not in chat
    followup = Answer("a kolik?", "", True, kind=QuestionKind.AMOUNT)
    conv.remember_question(chat, followup, previous="Může obec dostat dotaci na brownfield?", now=1.0)
    assert chat[conv.LAST]["text"] == "Může obec dostat dotaci na brownfield? a kolik?"
    full = Answer("Kolik stojí rekvalifikace u úřadu práce?", "", True, kind=QuestionKind.AMOUNT)
    conv.remember_question(chat, full, previous="Může obec dostat dotaci na brownfield?", now=2.0)
    assert chat[conv.LAST]["text"] == full.question  # a full question starts a new topic


def test_tail_left_out_only_when_the_same_line_was_shown_lately() -> None:
    chat: dict = {}
    first = answer()
    assert conv.show_tail(chat, first, now=0.0)
    conv.tail_shown(chat, first, True, now=0.0)
    assert not conv.show_tail(chat, answer(QuestionKind.DEFINITION), now=60.0)
    assert conv.show_tail(chat, answer(line="Obec Krásná Lípa patří do MAS Český sever."), now=60.0)
    assert conv.show_tail(chat, answer(confident=False), now=60.0)  # "nevím" always says whom to ask
    assert conv.show_tail(chat, answer(QuestionKind.CONTACT), now=60.0)
    assert conv.show_tail(chat, answer(), now=conv.TAIL_WINDOW_S)


def test_hidden_tail_does_not_restart_the_window() -> None:
    chat: dict = {}
    conv.tail_shown(chat, answer(), True, now=0.0)
    conv.tail_shown(chat, answer(), False, now=100.0)
    assert chat[conv.TAIL]["at"] == 0.0


def test_feedback_only_under_answers_from_the_knowledge() -> None:
    assert conv.wants_feedback(answer())
    assert conv.wants_feedback(answer(confident=False))
    assert not conv.wants_feedback(answer(confident=False, off_topic=True))
    for kind in (QuestionKind.GREETING, QuestionKind.THANKS, QuestionKind.EMPTY):
        assert not conv.wants_feedback(answer(kind)) and conv.answer_markup(answer(kind), "a1") is None


def test_eligibility_callback_fits_64_bytes_and_round_trips() -> None:
    longest = "Příšerně Dlouhá Obec Žluťoučkého Koně"
    for applicant in APPLICANTS:
        for topic in TOPICS:
            for obec in (None, "Krásná Lípa", longest):
                data = conv.eligibility_callback(result(applicant, topic, obec))
                assert len(data.encode()) <= 64
                parsed = conv.parse_eligibility(data)
                assert parsed is not None and parsed[:2] == (applicant, topic)
                assert parsed[2] in (obec, None)
    assert conv.parse_eligibility("el:obec:energie:Krásná Lípa") == ("obec", "energie", "Krásná Lípa")
    assert conv.parse_eligibility("el:nikdo:energie:") is None and conv.parse_eligibility("el:obec") is None


def test_suggestion_callback_is_short_and_parsed() -> None:
    title = "Výzvy OPST pro Ústecký kraj v letech 2025–2026 a mnohem delší název dokumentu, než se vejde"
    data = conv.suggestion_callback(title)
    assert len(data.encode()) <= 64 and conv.parse_suggestion(data) == topic_key(title)
    assert conv.parse_suggestion("sg:") is None and conv.parse_suggestion("sg:xyz") is None


def callback_data(markup: InlineKeyboardMarkup | None) -> list[str]:
    assert markup is not None
    return [str(b.callback_data) for row in markup.inline_keyboard for b in row]


def test_answer_markup_adds_the_check_and_suggestions() -> None:
    funding = answer(QuestionKind.FUNDING, eligibility=result(obec="Most"))
    data = callback_data(conv.answer_markup(funding, "a1"))
    assert "el:obec:energie:Most" in data and "fb:up:a1" in data
    unsure = answer(confident=False, suggestions=["Rekvalifikace a Úřad práce", "x" * 80])
    markup = conv.answer_markup(unsure, "a1")
    assert markup is not None
    labels = [b.text for row in markup.inline_keyboard for b in row if str(b.callback_data).startswith("sg:")]
    assert labels[0] == "Rekvalifikace a Úřad práce" and len(labels[1]) <= conv.BUTTON_LABEL_CHARS
    confident = answer(suggestions=["Rekvalifikace a Úřad práce"])  # the text does not list them either
    assert not any(d.startswith("sg:") for d in callback_data(conv.answer_markup(confident, "a1")))


def test_without_feedback_keeps_the_other_buttons() -> None:
    markup = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("👍", callback_data="fb:up:a"), InlineKeyboardButton("👎", callback_data="fb:dn:a")],
            [InlineKeyboardButton("Moje MAS", callback_data="mas")],
            [InlineKeyboardButton("Podrobné ověření", callback_data="el:obec:energie:")],
        ]
    )
    kept = conv.without_feedback(markup)
    assert kept is not None
    assert [[b.callback_data for b in row] for row in kept.inline_keyboard] == [["mas"], ["el:obec:energie:"]]
    only_votes = InlineKeyboardMarkup([[InlineKeyboardButton("👍", callback_data="fb:up:a")]])
    assert conv.without_feedback(only_votes) is None


def test_expired_state_is_dropped() -> None:
    chat: dict = {}
    conv.is_repeat(chat, 1, "kolik", now=0.0)
    conv.remember_question(chat, answer(), now=0.0)
    conv.tail_shown(chat, answer(), True, now=0.0)
    assert not conv.expired(chat, now=60.0) and conv.TAIL in chat and conv.RECENT not in chat
    assert conv.expired(chat, now=conv.TAIL_WINDOW_S + 1)


def test_forget_clears_only_the_conversation() -> None:
    chat: dict = {"other": 1}
    conv.is_repeat(chat, 1, "kolik", now=0.0)
    conv.remember_question(chat, answer(), now=0.0)
    conv.forget(chat)
    assert chat == {"other": 1}
