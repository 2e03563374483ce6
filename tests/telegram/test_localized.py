"""MAS cards and the /overit report in Ukrainian and English, from the real places and calls tables."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.formatting import split_html
from bot.places import PlaceStatus
from bot.telegram.localized import place_html, place_text, report_html, report_text
from tests.telegram.tg_html import check_telegram_html

pytestmark = pytest.mark.slow

CZECH_BOILERPLATE = ("patří do místní akční skupiny", "Kontakt:", "Ověření:", "Otevřené", "Podpora:", "Zdroj:", "Stav:")


def test_czech_card_is_the_engines_own(engine) -> None:
    match = engine.place("Most")
    assert place_text(match, "cs") == match.message


@pytest.mark.parametrize(
    ("lang", "words"), [("uk", ("належить до місцевої групи дій", "Контакти:")), ("en", ("belongs to", "Contacts:"))]
)
def test_assigned_municipality_card(engine, lang: str, words: tuple[str, ...]) -> None:
    match = next(m for m in map(engine.place, ("Žatec", "Libouchec", "Litvínov")) if m.mas is not None)
    assert match.status is PlaceStatus.ASSIGNED and match.mas is not None
    text = place_text(match, lang)
    assert match.obec is not None
    assert all(w in text for w in words) and match.mas.name.rstrip(".") in text and match.obec.name in text
    assert not any(c in text for c in CZECH_BOILERPLATE)
    check_telegram_html(place_html(match, lang))


def test_card_says_what_contacts_are_missing_and_a_guessed_name(engine) -> None:
    zatec = engine.place("Žatec")
    assert zatec.mas is not None and zatec.mas.email is None and zatec.mas.phone is None  # as knowledge/mas.yaml has it
    assert "Our sources have no e-mail or phone number for this MAS" in place_text(zatec, "en")
    assert "Електронної пошти і телефону цієї MAS у наших джерелах немає" in place_text(zatec, "uk")
    guessed = engine.place("Dolany")
    assert guessed.fuzzy and guessed.obec is not None and guessed.message.startswith("Beru to jako obec")
    assert place_text(guessed, "en").startswith(f"I take this to mean {guessed.obec.name} (")


def test_municipality_without_mas_lists_who_helps(engine) -> None:
    match = engine.place("Most")
    assert match.status is PlaceStatus.NO_MAS
    text = place_text(match, "en")
    assert text.startswith("According to our sources, Most (Most district) is not in the area of any local action")
    assert "Ústecký kraj" in text and engine.fallback_contact.name in text
    assert not any(c in text for c in CZECH_BOILERPLATE)


def test_not_found_and_ambiguous_cards_ask_back_in_the_language(engine) -> None:
    missing = engine.place("Xyzzyville")
    assert missing.status is PlaceStatus.NOT_FOUND
    assert place_text(missing, "en").startswith("I did not find any municipality")
    assert place_text(missing, "uk").startswith("У тексті я не знайшов")
    area = engine.place("okres Louny")
    assert area.status is PlaceStatus.UNKNOWN and area.obec is None
    assert place_text(area, "en").startswith("I understand you mean the Louny district")


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_report_in_the_users_language_keeps_call_names(engine, lang: str) -> None:
    result = engine.check_eligibility("obec", "energie", "Most", on=dt.date(2026, 1, 15))
    text = report_text(result, lang, engine.fallback_contact)
    head = {"uk": "Перевірка: заявник – громада/місто, тема – енергетика", "en": "Check: applicant municipality/town"}
    assert text.startswith(head[lang]) and "Most" in text.splitlines()[0]
    assert not any(c in text for c in CZECH_BOILERPLATE)
    for match in result.matches[:3]:
        assert match.call.name in text  # names stay as the sources give them
    html = report_html(result, lang, engine.fallback_contact)
    for part in split_html(html):
        check_telegram_html(part)
    assert {"uk": "чеською", "en": "in Czech"}[lang] in html


def test_czech_report_is_unchanged(engine) -> None:
    result = engine.check_eligibility("obec", "energie", "Most", on=dt.date(2026, 1, 15))
    assert report_text(result, "cs", engine.fallback_contact) == result.message


def test_report_without_a_matching_call(engine) -> None:
    result = engine.check_eligibility("cirkev", "digitalizace", None, on=dt.date(2026, 1, 15))
    text = report_text(result, "en", engine.fallback_contact)
    assert text.startswith("Check: applicant church, topic digitalisation, as of 15. 1. 2026.")
    assert "https://opst.cz" in text and engine.fallback_contact.name in text
