"""The interface table (bot.telegram.ui): complete in cs/uk/en, same placeholders, valid Telegram HTML;
the user's language (chosen, remembered, Telegram's language_code)."""

from __future__ import annotations

import string

import pytest

from bot.answer import Passage
from bot.eligibility import APPLICANTS, TOPICS
from bot.i18n import LANGUAGES
from bot.render import passage_html
from bot.telegram import ui
from bot.telegram.keyboards import language_keyboard, parse_callback
from tests.telegram.tg_html import check_telegram_html

# Texts that are deliberately empty in Czech (only other languages need to say them).
CZECH_EMPTY = {"ov_czech_names"}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(ui.text_keys()))
def test_every_text_exists_in_every_language_with_the_same_placeholders(key: str) -> None:
    czech = ui.raw(key, "cs")
    assert czech or key in CZECH_EMPTY
    for lang in LANGUAGES:
        translated = ui.raw(key, lang)
        assert translated or (lang == "cs" and key in CZECH_EMPTY), f"{key} is missing in {lang}"
        if czech:
            assert placeholders(translated) == placeholders(czech), (key, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_is_valid_telegram_html(lang: str) -> None:
    for key in ui.text_keys():
        value = ui.raw(key, lang)
        if not value:
            continue
        filled = value.format(**{name: "X" for name in placeholders(value)})
        check_telegram_html(filled)


def test_ukrainian_and_english_texts_are_not_czech() -> None:
    czech_words = ("Napište", "prosím", "Zeptejte", "Nápověda", "obcí", "Zrušit", "Přeskočit")
    for lang in ("uk", "en"):
        for key in ui.text_keys():
            value = ui.raw(key, lang)
            assert value != ui.raw(key, "cs") or not value, (key, lang)
            assert not any(word in value for word in czech_words), (key, lang, value)


def test_missing_language_falls_back_to_czech() -> None:
    assert ui.text("error", "de") == ui.text("error", "cs")
    assert ui.text("ov_czech_names", "cs") == ""
    assert ui.text("rate_limited", "uk", limit=20).endswith("(не більше 20 повідомлень на хвилину).")


def test_command_menus_list_the_same_commands_in_every_language() -> None:
    names = [name for name, _ in ui.COMMANDS["cs"]]
    assert "jazyk" in names
    for lang in LANGUAGES:
        assert [name for name, _ in ui.COMMANDS[lang]] == names
        assert all(1 <= len(d) <= 256 and n.islower() for n, d in ui.COMMANDS[lang])
    assert ui.COMMANDS["uk"][1][1] == "Довідка та приклади запитань"


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_every_applicant_type_and_topic_has_a_translation(lang: str) -> None:
    assert set(ui.APPLICANTS[lang]) == set(APPLICANTS)
    assert set(ui.TOPICS[lang]) == set(TOPICS)
    assert ui.label(ui.TOPICS, TOPICS, "energie", lang) != TOPICS["energie"]
    assert ui.label(ui.TOPICS, TOPICS, "energie", "cs") == TOPICS["energie"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [("uk", "uk"), ("en-US", "en"), ("en", "en"), ("cs", "cs"), ("sk", "cs"), ("ru", "cs"), ("pl", "cs"), (None, "cs")],
)
def test_new_user_gets_the_interface_of_their_telegram_language(code: str | None, expected: str) -> None:
    assert ui.user_language({}, code) == expected
    assert ui.user_language(None, code) == expected


def test_remembered_language_beats_telegram_language() -> None:
    assert ui.user_language({ui.LANG: "en"}, "uk") == "en"
    assert ui.user_language({ui.LANG: "xx"}, "uk") == "uk"  # garbage in a state file is ignored


@pytest.mark.parametrize(
    ("value", "expected"),
    [("uk", "uk"), ("EN", "en"), ("English", "en"), ("čeština", "cs"), ("Українська", "uk"), ("cz", "cs"), ("", None)],
)
def test_language_argument_of_jazyk(value: str, expected: str | None) -> None:
    assert ui.parse_language(value) == expected
    assert ui.parse_language("klingon") is None


def test_language_buttons() -> None:
    markup = language_keyboard()
    shown = [(b.text, b.callback_data) for row in markup.inline_keyboard for b in row]
    assert shown == [("Čeština", "lang:cs"), ("Українська", "lang:uk"), ("English", "lang:en")]
    assert parse_callback("lang:uk").lang == "uk" and parse_callback("lang:uk").kind == "lang"
    assert parse_callback("lang:de").kind == "unknown"


def test_a_clear_message_sets_the_language_a_short_one_does_not() -> None:
    data: dict = {}
    assert ui.remember_language(data, "ok", "cs") == "cs" and ui.LANG not in data
    assert ui.remember_language(data, "Де я можу отримати консультацію щодо дотації?", "cs") == "uk"
    assert data[ui.LANG] == "uk"
    assert ui.remember_language(data, "MAS", "uk") == "uk"  # acronyms tell nothing
    assert ui.remember_language(data, "How can a small business get money from the fund?", "uk") == "en"
    assert ui.remember_language(data, "Kdo mi poradí s dotací na kotel?", "en") == "cs"


def test_a_chosen_language_is_kept_whatever_the_user_writes() -> None:
    data: dict = {ui.LANG: "en", ui.LANG_CHOSEN: True}
    assert ui.remember_language(data, "Kdo mi poradí s dotací na kotel?", "en") == "en"
    assert data[ui.LANG] == "en"
    assert ui.remember_language(None, "Kdo mi poradí s dotací na kotel?", "en") == "en"


@pytest.mark.parametrize(
    ("lang", "said"), [("cs", "Zdroj: "), ("uk", "Джерело: "), ("en", "Source: ")], ids=["cs", "uk", "en"]
)
def test_source_passage_is_introduced_in_the_users_language(lang: str, said: str) -> None:
    passage = Passage(
        "c1", "Text pasáže.", "Titul", "OPST > Kdo může žádat", "k/a.md", "https://opst.cz", "2024-01-31", 1
    )
    out = passage_html(passage, lang=lang)
    check_telegram_html(out)
    assert said in out and {"cs": "stav k", "uk": "станом на", "en": "as of"}[lang] + " 31. 1. 2024" in out
