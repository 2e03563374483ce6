"""The municipality part: territory checks and the user's MAS via the real bot.places data."""

from __future__ import annotations

from datetime import date

import pytest

from bot.eligibility import Calls
from bot.places import Places
from tests.eligibility.elig_support import GOOD_ENTRY, KNOWLEDGE


@pytest.fixture(scope="module")
def places() -> Places:
    return Places.load(KNOWLEDGE)


def rows(result) -> dict[str, dict]:
    return {r["id"]: r for r in result.to_json()["calls"]}


def test_assigned_municipality_gets_its_mas(calls: Calls, places) -> None:
    match = places.by_name("Žatec")
    assert match.status == "assigned"
    result = calls.check("osvc", "podnikani", obec="zatec", on=date(2024, 3, 1), places=places)
    data = result.to_json()
    assert data["obec"] == "Žatec"
    assert data["mas"] == match.ask_json() and data["mas"]["name"]
    assert match.mas_line() in result.message
    assert ", obec Žatec – stav k 1. 3. 2024." in result.message
    voucher = rows(result)["uk-voucher-rozvoj-podnikani"]
    assert "Obec Žatec leží v Ústeckém kraji – územní podmínka je splněna." in voucher["conditions"]


def test_mining_territory_cannot_be_checked_and_says_so(calls: Calls, places) -> None:
    result = calls.check("obec", "kultura_sport", obec="Žatec", on=date(2024, 5, 1), places=places)
    conditions = rows(result)["opst-40-verejne-sluzby-uk"]["conditions"]
    assert any("z našich dat ověřit nelze" in c and "těžbou" in c for c in conditions)


def test_population_limit_cannot_be_checked_and_says_so(calls: Calls, places) -> None:
    result = calls.check("obec", "energie", obec="Žatec", on=date(2024, 5, 1), places=places)
    conditions = rows(result)["modf-res-plus-3-2024"]["conditions"]
    assert any("Limit do 3 000 obyvatel z našich dat ověřit nelze" in c for c in conditions)


def test_unknown_municipality_is_said_plainly(calls: Calls, places) -> None:
    result = calls.check("obec", "priroda", obec="Xyzovice nad Nicím", on=date(2024, 5, 1), places=places)
    assert result.to_json()["mas"] is None
    conditions = rows(result)["opst-26-priroda-krajina-uk"]["conditions"]
    assert any("mezi obcemi Ústeckého kraje neznáme" in c for c in conditions)
    assert places.fallback.name in result.message  # the regional association as the contact


def test_no_match_reply_names_the_mas_of_the_municipality(knowledge_with, places) -> None:
    calls = Calls.load(knowledge_with(GOOD_ENTRY))
    result = calls.check("cirkev", "priroda", obec="Dubí", on=date(2025, 3, 1), places=places)
    assert result.no_match
    assert "nenašli žádnou výzvu ani program" in result.message
    assert places.by_name("Dubí").mas_line() in result.message
    assert result.to_json()["mas"] == places.by_name("Dubí").ask_json()


def test_no_match_without_municipality_gives_association(knowledge_with, places) -> None:
    calls = Calls.load(knowledge_with(GOOD_ENTRY))
    result = calls.check("osvc", "energie", on=date(2025, 3, 1), places=places)
    assert result.no_match
    assert f"Poradí vám {places.fallback.name}" in result.message
    assert places.fallback.web in result.message


def test_municipality_without_mas(calls: Calls, places) -> None:
    result = calls.check("obec", "brownfieldy", obec="Most", on=date(2026, 5, 1), places=places)
    assert places.by_name("Most").mas_line() in result.message


def test_free_text_question_uses_the_named_municipality(calls: Calls, places) -> None:
    result = calls.check_question("jsem živnostník z Žatce, je nějaký voucher?", on=date(2024, 3, 1), places=places)
    assert result is not None
    assert (result.applicant, result.topic, result.obec) == ("osvc", "podnikani", "Žatec")
    assert rows(result)["uk-voucher-rozvoj-podnikani"]["status"] == "otevřená"
    assert places.by_name("Žatec").mas_line() in result.message


def test_free_text_question_falls_back_to_remembered_municipality(calls: Calls, places) -> None:
    result = calls.check_question("může naše obec dostat peníze na cyklostezku?", obec="Dubí", places=places)
    assert result is not None and result.obec == "Dubí"
    assert "opst-29-infrastruktura-uk" in rows(result)


def test_not_an_eligibility_question(calls: Calls, places) -> None:
    assert calls.check_question("Kdo je předseda RSK?", places=places) is None
    assert calls.check_question("Je nějaká dotace na zateplení?", places=places) is None  # no applicant
