"""Name forms by rule: Czech declension corner cases, Cyrillic spellings, suggestions for typos."""

from __future__ import annotations

import json

import pytest

from bot.places import Places, cli
from bot.places.cyrillic import canonical, cyrillic_forms, transliterate
from bot.places.czech import declensions
from bot.places.words import NO_CYRILLIC
from tests.paths import KNOWLEDGE

OKRES_TOWNS = ("Děčín", "Chomutov", "Litoměřice", "Louny", "Most", "Teplice", "Ústí nad Labem")
# The towns of the kraj with the most inhabitants (order does not matter here; the test only
# needs a list of names people write most often).
LARGE_TOWNS = (
    "Ústí nad Labem", "Most", "Děčín", "Teplice", "Chomutov", "Litvínov", "Litoměřice", "Jirkov", "Žatec",
    "Louny", "Kadaň", "Bílina", "Varnsdorf", "Roudnice nad Labem", "Klášterec nad Ohří", "Rumburk", "Krupka",
    "Lovosice", "Dubí", "Štětí", "Duchcov", "Podbořany", "Postoloprty", "Jílové", "Osek", "Šluknov",
    "Česká Kamenice", "Meziboří", "Trmice", "Krásná Lípa", "Benešov nad Ploučnicí", "Chabařovice", "Vejprty",
)  # fmt: skip


@pytest.mark.parametrize(
    ("name", "case", "form"),
    [
        ("Kozly", "gen", "Kozel"),
        ("Dolní Zálezly", "gen", "Dolních Zálezel"),
        ("Brzánky", "gen", "Brzánek"),
        ("Dolánky nad Ohří", "gen", "Dolánek nad Ohří"),
        ("Pětipsy", "gen", "Pětipes"),
        ("Martiněves", "loc", "Martiněvsi"),
        ("Velemyšleves", "ins", "Velemyšlevsí"),
        ("Kámen", "gen", "Kamene"),
        ("Kámen", "loc", "Kameni"),
        ("Lipno", "loc", "Lipně"),
        ("Kleneč", "loc", "Klenči"),
        ("Vroutek", "gen", "Vroutku"),
    ],
)
def test_declension_corner_cases(name: str, case: str, form: str) -> None:
    assert form in declensions(name)[case]


@pytest.mark.parametrize(
    ("written", "czech"),
    [
        ("Теплиці", "Teplice"),  # Ukrainian
        ("Теплице", "Teplice"),  # Russian
        ("Літвінов", "Litvínov"),
        ("Литвинов", "Litvínov"),
        ("Їрков", "Jirkov"),
        ("Йирков", "Jirkov"),
        ("Дєчин", "Děčín"),
        ("Жатець", "Žatec"),
        ("Літомержице", "Litoměřice"),
        ("Лоуни", "Louny"),
        ("Лоуны", "Louny"),
        ("Кадань", "Kadaň"),
    ],
)
def test_ukrainian_and_russian_spellings_meet_one_key(written: str, czech: str) -> None:
    assert canonical(written) in cyrillic_forms(czech)


def test_transliteration_rule() -> None:
    assert transliterate("Chomutov") == "хомутов"
    assert transliterate("Roudnice") == "роуднице"
    assert transliterate("Ohří") == "огржи"
    assert canonical("Устi") == canonical("Усті")  # a Latin i typed inside a Cyrillic word


@pytest.mark.parametrize("name", sorted(set(OKRES_TOWNS + LARGE_TOWNS)))
def test_large_towns_in_cyrillic_sentences(places: Places, name: str) -> None:
    muni = next(m for m in places.municipalities if m.name == name)
    cyr = "-".join(transliterate(w).capitalize() for w in name.split())
    for text in (cyr, f"Я живу в {cyr}", f"Мы из {cyr}"):
        match = places.resolve(text)
        assert match.obec == muni, (text, match.status)


def test_every_municipality_has_a_cyrillic_nominative(places: Places) -> None:
    for muni in places.municipalities:
        if muni.name in NO_CYRILLIC:
            continue
        text = " ".join(transliterate(w).capitalize() for w in muni.name.replace("-", " ").split())
        match = places.resolve(text)
        assert match.obec == muni or (match.status == "ambiguous" and muni in match.candidates), (muni.name, text)


def test_typo_gets_candidates_and_question(places: Places) -> None:
    match = places.resolve("Libouchov")
    assert match.status == "not_found"
    assert [m.name for m in match.candidates][:1] == ["Libouchec"]
    assert "Myslíte Libouchec (okres Ústí nad Labem)?" in match.message
    assert places.find("Libouchov") is None  # questions never get a guessed place
    assert places.by_name("/obec Libouchov").candidates[0].name == "Libouchec"


def test_one_slip_is_still_corrected_silently(places: Places) -> None:
    match = places.resolve("Libouchex")
    assert match.obec is not None and match.obec.name == "Libouchec" and match.fuzzy


def test_nothing_close_gives_no_candidates(places: Places) -> None:
    match = places.resolve("hledám dotace na fotovoltaiku")
    assert match.status == "not_found" and match.candidates == () and "Myslíte" not in match.message


def test_mas_json_lists_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["--knowledge-dir", str(KNOWLEDGE), "--json", "bydlím", "v", "Libouchově"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "not_found" and data["obec"] is None
    assert data["candidates"][0]["obec"] == "Libouchec"
    assert data["candidates"][0]["okres"] == "Ústí nad Labem"
    assert "Myslíte" in data["message"]


def test_qualifier_narrows_a_duplicate_name(places: Places) -> None:
    assert places.resolve("Malé Březno u Mostu").okres == "Most"
    assert places.resolve("Malé Březno u Ústí").okres == "Ústí nad Labem"
    assert places.resolve("Malé Březno").status == "ambiguous"


def test_lipno_dam_is_not_the_village(places: Places) -> None:
    assert places.find("Jedeme na Lipno k přehradě") is None
    assert places.find("Byli jsme na Lipně") is None
    assert places.find("Lipno nad Vltavou") is None
    assert places.find("Bydlím v Lipně") is not None
    assert places.find("obec Lipno u Loun") is not None


def test_english_region_is_an_area_not_a_town(places: Places) -> None:
    most = places.resolve("The Most region needs jobs")
    assert (most.status, most.obec, most.okres) == ("unknown", None, "Most")
    assert places.resolve("a company in the Chomutov district").okres == "Chomutov"
    assert places.find("We are an investor in the Ústí nad Labem Region") is None  # the kraj, not the city
