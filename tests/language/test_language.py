"""Language detection of bot messages: answer in cs, uk or en; Czech whenever it is uncertain."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.language import detect, detect_language, hint_language

MESSAGES = Path(__file__).resolve().parent / "messages.yaml"


def test_answer_language_is_right_for_at_least_95_percent_of_short_messages() -> None:
    messages = yaml.safe_load(MESSAGES.read_text(encoding="utf-8"))
    assert len(messages) >= 120
    right = sum(detect_language(m["text"], m.get("hint")) == m["lang"] for m in messages)
    assert right / len(messages) >= 0.95


@pytest.mark.parametrize(
    "text",
    [
        "kolik penez dostane obec",
        "co je opst",
        "jaka je pro me pomoc na preskoleni",
        "dělal sem na šachtě, vyhodili mě",
        "vo čem je ten fond",
        "kontakt na mas",
        "co je to brownfield",  # an English loanword does not make the message English
        "zavreli nam dul, co ted",
        "jak mit vice penez z dotace",  # "mit" is Czech "mít" here, not German "mit"
    ],
)
def test_czech_with_or_without_diacritics_is_czech(text: str) -> None:
    assert detect_language(text) == "cs"


def test_slovak_is_answered_in_czech() -> None:
    found = detect("Koľko peňazí dostane obec?")
    assert (found.language, found.written) == ("cs", "sk")


def test_ukrainian_letters_settle_ukrainian_over_russian() -> None:
    assert detect("Скільки грошей отримає громада?").written == "uk"
    found = detect("Вы можете мне помочь с работой?")
    assert (found.language, found.written, found.reason) == ("uk", "ru", "letters")
    assert detect("Сколько денег получит община?").written == "ru"  # no telltale letter: the model


def test_russian_without_telltale_letters_is_answered_in_ukrainian() -> None:
    found = detect("Спасибо")
    assert found.language == "uk" and found.written in {"ru", "uk"}


def test_german_is_answered_in_english() -> None:
    found = detect("Wie viel Geld bekommt eine Gemeinde?")
    assert (found.language, found.written) == ("en", "de")


def test_czech_place_names_do_not_make_an_english_question_czech() -> None:
    assert detect_language("We are an investor interested in the Ústí region") == "en"
    assert detect_language("which MAS covers Žatec") == "en"


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("ok", "uk", "uk"),
        ("ok", "en-US", "en"),
        ("ok", None, "cs"),
        ("👍", "ru", "cs"),  # a Russian interface is no hint (not everyone who uses it reads Ukrainian)
        ("ok", "ru", "cs"),
        ("ok", "sk", "cs"),
        ("41001", None, "cs"),
        ("MAS", "uk", "uk"),
        ("OPST", None, "cs"),
        ("", "en", "en"),
    ],
)
def test_hint_decides_what_the_text_cannot(text: str, hint: str | None, expected: str) -> None:
    assert detect_language(text, hint) == expected


@pytest.mark.parametrize(("text", "hint"), [("kotlíková dotace", "en"), ("dotace", "de"), ("děkuji", "uk")])
def test_clearly_czech_short_message_is_czech_whatever_the_hint(text: str, hint: str) -> None:
    assert detect_language(text, hint) == "cs"


def test_long_message_ignores_the_hint() -> None:
    assert detect_language("How do I register at the labour office in Most?", "cs") == "en"


def test_uncertain_latin_text_defaults_to_czech() -> None:
    found = detect("xq zzk")
    assert found.language == "cs" and found.reason in {"default", "model"}


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("uk", "uk"),
        ("ru", None),
        ("en-GB", "en"),
        ("de", "en"),
        ("sk", "cs"),
        ("CS", "cs"),
        ("pt-br", None),
        (None, None),
    ],
)
def test_telegram_language_codes_map_to_answer_languages(code: str | None, expected: str | None) -> None:
    assert hint_language(code) == expected


@pytest.mark.parametrize("text", ["e-mail of MAS Vladař", "phone of MAS Nadeje", "from Zatec"])
def test_english_words_around_czech_names_are_english(text: str) -> None:
    assert detect_language(text) == "en"
