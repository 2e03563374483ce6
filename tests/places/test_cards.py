"""The MAS cards in Czech, Ukrainian and English from one set of texts: Czech exactly as always, the others with
their own sentences around names and contacts that stay as the MAS tables give them."""

from __future__ import annotations

import pytest

from bot.places import MasStatus, Places, PlaceStatus, asks_contact, asks_members

# Czech sentence parts of the cards: none may be left in a Ukrainian or English card.
CZECH_WORDING = ("patří", "Kontakt", "okrese", "působí", "nemáme", "údaj z roku", "adresa ", "S přípravou", "Obec ")


def all_cards(places: Places) -> list:
    cards = [places.by_code(m.code) for m in places.municipalities]
    cards += [places.mas_card("x", mas) for mas in places.mas.values()]
    cards += [places.members_card("x", mas) for mas in places.mas.values()]
    cards += [places.resolve(q) for q in ("Blatno", "Dolany", "na Lounsku", "okres Louny", "Xyzzyville", "Lbouchec")]
    return cards


def test_the_czech_cards_are_worded_as_always(places: Places) -> None:
    zatec = places.resolve("Žatec")
    assert zatec.message == (
        "Obec Žatec (okres Louny) patří do místní akční skupiny MAS Vladař o.p.s.\n"
        "Kontakt: web https://www.vladar.cz; adresa Karlovarská 6, 364 53 Valeč.\n"
        "E-mail ani telefon této MAS v našich zdrojích nemáme – aktuální kontakty najdete na jejím webu.\n"
        "S přípravou projektu a žádostí o dotaci vám MAS poradí."
    )
    assert places.mas_card("x", places.mas["vladar"]).message == (
        "Kontakt na MAS Vladař o.p.s. (působí v okresech Louny, Chomutov): web https://www.vladar.cz; adresa "
        "Karlovarská 6, 364 53 Valeč.\n"
        "E-mail ani telefon této MAS v našich zdrojích nemáme – aktuální kontakty najdete na jejím webu.\n"
        "S přípravou projektu a žádostí o dotaci vám MAS poradí. Do které MAS patří vaše obec, vám řeknu, když mi "
        "napíšete její název."
    )
    guessed = places.resolve("Lbouchec")
    assert guessed.message.startswith(
        "Beru to jako obec Libouchec (okres Ústí nad Labem).\n"
        "Obec Libouchec (okres Ústí nad Labem) v našich datech zatím nemá ověřenou místní akční skupinu (MAS).\n"
        "V okrese Ústí nad Labem podle našich zdrojů působí:\n– MAS Labské skály, z.s.: web "
    )
    assert guessed.message.endswith(
        "Ke které MAS obec patří, ověříte na obecním úřadě nebo u Krajského sdružení NS MAS ČR Ústeckého kraje "
        "(web https://www.nsmascr.cz)."
    )
    most = places.resolve("Most")
    assert most.message.startswith(
        "Obec Most (okres Most) podle našich zdrojů nepatří do území žádné místní akční skupiny (MAS) (více než "
    )
    assert "\nS projekty a dotacemi vám pomohou:\n– Ústecký kraj" in most.message


def test_every_card_has_a_czech_ukrainian_and_english_version(places: Places) -> None:
    for card in all_cards(places):
        assert card.in_language("cs") == card.message
        for lang in ("uk", "en"):
            text = card.in_language(lang)
            assert text and text != card.message
            left = [word for word in CZECH_WORDING if word in text]
            assert not left, (lang, left, text)


@pytest.mark.parametrize(
    ("lang", "opening", "contacts"),
    [
        ("uk", "Контакти MAS Naděje o.p.s. (працює в округах Most, Teplice): вебсайт", "тел. 775 250 233"),
        ("en", "Contacts of MAS Naděje o.p.s. (active in the districts of Most, Teplice): web", "phone 775 250 233"),
    ],
)
def test_the_mas_contact_card_in_ukrainian_and_english_keeps_names_and_contacts(
    places: Places, lang: str, opening: str, contacts: str
) -> None:
    mas = places.mas["nadeje"]
    text = places.mas_card("x", mas).in_language(lang)
    assert text.startswith(opening)
    assert contacts in text and "http://www.masnadeje.cz" in text and "Lišnice 42, 434 01 Most" in text


@pytest.mark.parametrize(
    ("lang", "opening", "partial"),
    [
        (
            "uk",
            "За нашими перевіреними даними до MAS Vladař належать такі населені пункти",
            "Список може бути неповним",
        ),
        (
            "en",
            "According to our verified data, these municipalities of the Ústí Region belong to MAS Vladař",
            "may be",
        ),
    ],
)
def test_the_members_card_in_ukrainian_and_english_lists_the_verified_municipalities(
    places: Places, lang: str, opening: str, partial: str
) -> None:
    verified = [m.name for m in places.municipalities if m.mas_status is MasStatus.ASSIGNED and m.mas_id == "vladar"]
    text = places.members_card("x", places.mas["vladar"]).in_language(lang)
    assert text.startswith(opening) and f"({len(verified)})" in text
    assert all(name in text for name in verified) and partial in text


@pytest.mark.parametrize(
    ("name", "status", "uk", "en"),
    [
        (
            "Žatec",
            PlaceStatus.ASSIGNED,
            "Населений пункт Žatec (округ Louny) належить",
            "Žatec (Louny district) belongs",
        ),
        (
            "Bílina",
            PlaceStatus.UNKNOWN,
            "Для населеного пункту Bílina (округ Teplice) ми ще не",
            "We have not verified",
        ),
        ("Most", PlaceStatus.NO_MAS, "За нашими джерелами, населений пункт Most", "According to our sources, Most"),
    ],
)
def test_the_municipality_cards_in_ukrainian_and_english(
    places: Places, name: str, status: PlaceStatus, uk: str, en: str
) -> None:
    match = places.resolve(name)
    assert match.status is status
    assert match.in_language("uk").startswith(uk) and match.in_language("en").startswith(en)


@pytest.mark.parametrize(
    ("text", "named"),
    [("Білина", "Bílina"), ("з Білини", "з Bílina"), ("z krasne lipy", "z Krásná Lípa"), ("Літвінов", "Litvínov")],
)
def test_a_place_name_in_any_script_is_written_as_the_municipality_own_name(
    places: Places, text: str, named: str
) -> None:
    assert places.with_official_names(text) == named


@pytest.mark.parametrize(
    "text",
    [
        "which municipalities belong to MAS Vladař?",
        "What villages does MAS Naděje cover?",
        "how many towns are in MAS Vladař",
        "list of municipalities in MAS Labské skály",
        "які громади входять до MAS Naděje?",
        "Скільки сіл у MAS Vladař?",
        "населені пункти у складі MAS Vladař",
        "Které obce patří do MAS Naděje?",
    ],
)
def test_the_members_question_is_recognised_in_czech_english_and_ukrainian(text: str) -> None:
    assert asks_members(text)


@pytest.mark.parametrize(
    "text", ["what is MAS Vladař?", "how can towns get money from MAS Vladař", "що робить MAS Naděje?"]
)
def test_other_questions_about_a_mas_are_not_the_members_question(text: str) -> None:
    assert not asks_members(text)


@pytest.mark.parametrize(
    "text",
    ["phone of MAS Naděje", "website of MAS Vladař", "where is MAS Vladař?", "сайт MAS Vladař", "пошта MAS Naděje"],
)
def test_the_contact_question_is_recognised_in_english_and_ukrainian(text: str) -> None:
    assert asks_contact(text)
