"""The OPST calls of 2025–2026 for Ústecký kraj and the kraj's 2026 programme, checked on dated days.

Every intake date below is typed in from the call's page on opst.cz (snapshot of 31. 7. 2026) or the
kraj's press release, not read back from knowledge/vyzvy.yaml: a wrong date in the table fails here.
Each opening and closing date is checked the day before, on the day and the day after.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.eligibility import CLOSED, OPEN, PLANNED, Calls
from bot.places import Places
from tests.paths import KNOWLEDGE

DAY = timedelta(days=1)

# (call id, an applicant and topic the call admits, first day of intake, last day of intake)
NEW_CALLS = [
    ("opst-95-energeticke-uspory-verejna-infrastruktura-uk", "obec", "energie", date(2025, 8, 14), date(2026, 12, 9)),
    ("opst-115-renovace-nizkoprijmovych-domacnosti-uk", "nno", "socialni", date(2026, 7, 14), date(2026, 8, 28)),
    ("opst-113-dostupne-bydleni-sluknov", "obec", "socialni", date(2026, 7, 17), date(2026, 8, 10)),
    ("opst-74-priprava-projektu-verejny-sektor-ii-uk", "obec", "priprava", date(2026, 5, 21), date(2026, 8, 31)),
    ("opst-106-priprava-strategickych-projektu-2028-uk", "kraj", "priprava", date(2026, 4, 30), date(2026, 7, 30)),
    ("opst-108-zakladni-umelecke-skoly-uk", "skola", "vzdelavani", date(2026, 2, 25), date(2026, 5, 29)),
    ("opst-102-vouchery-pro-podnikatele-ii-uk", "kraj", "podnikani", date(2026, 1, 6), date(2026, 4, 30)),
    ("opst-85-koncepce-priprava-ii-uk", "obec", "priprava", date(2025, 5, 29), date(2026, 7, 31)),
    ("opst-84-regionalni-skolstvi-rozsirena-uk", "skola", "vzdelavani", date(2025, 6, 16), date(2026, 2, 6)),
    ("opst-79-verejne-sluzby-ii-uk", "obec", "kultura_sport", date(2025, 5, 29), date(2026, 4, 30)),
    ("opst-77-konektivita-skol-ii-uk", "skola", "digitalizace", date(2025, 4, 1), date(2025, 6, 30)),
    ("opst-68-vyzkum-a-vyvoj-uk", "msp", "podnikani", date(2025, 1, 31), date(2025, 10, 1)),
    ("opst-71-regionalni-skolstvi-uk", "skola", "vzdelavani", date(2024, 12, 2), date(2025, 1, 24)),
    ("opst-66-infrastruktura-dalsi-vzdelavani-uk", "po", "vzdelavani", date(2024, 11, 14), date(2025, 6, 13)),
    ("opst-63-zajmove-vzdelavani-osveta-uk", "nno", "vzdelavani", date(2024, 10, 18), date(2026, 4, 30)),
    ("opst-60-kulturni-kreativni-centra-uk", "obec", "kreativni", date(2024, 9, 13), date(2025, 6, 30)),
    ("opst-socialni-stabilita-uk", "nno", "socialni", date(2024, 8, 9), date(2026, 4, 30)),  # the 58th call
    ("opst-32-vzdelavani-ve-firmach-uk", "msp", "vzdelavani", date(2023, 9, 29), date(2026, 1, 6)),
    ("opst-29-infrastruktura-uk", "obec", "infrastruktura", date(2023, 6, 27), date(2026, 4, 30)),
    ("opst-26-priroda-krajina-uk", "svazek", "priroda", date(2023, 6, 16), date(2026, 1, 6)),
    ("opst-20-remeslne-inkubatory-uk", "osvc", "podnikani", date(2023, 11, 29), date(2026, 4, 30)),
    ("uk-priprava-projektu-verejny-sektor-2024", "obec", "priprava", date(2024, 6, 18), date(2026, 7, 31)),
    ("uk-program-obnovy-venkova-2026", "obec", "kultura_sport", date(2026, 3, 26), date(2026, 4, 26)),
]

# Both sides of every boundary: (offset from the date, expected status)
AROUND_OPENING = [(-DAY, PLANNED), (timedelta(0), OPEN), (DAY, OPEN)]
AROUND_CLOSING = [(-DAY, OPEN), (timedelta(0), OPEN), (DAY, CLOSED)]

DATED_CASES = [
    pytest.param(call_id, applicant, topic, opens + shift, expected, id=f"{call_id}-{opens + shift}-{expected}")
    for call_id, applicant, topic, opens, _ in NEW_CALLS
    for shift, expected in AROUND_OPENING
] + [
    pytest.param(call_id, applicant, topic, closes + shift, expected, id=f"{call_id}-{closes + shift}-{expected}")
    for call_id, applicant, topic, _, closes in NEW_CALLS
    for shift, expected in AROUND_CLOSING
]


@pytest.fixture(scope="module")
def places() -> Places:
    return Places.load(KNOWLEDGE)


def statuses(calls: Calls, applicant: str, topic: str, on: date, **kwargs: object) -> dict[str, str]:
    """{call id: status} of everything `check` lists for this applicant, topic and day."""
    rows = calls.check(applicant, topic, on=on, **kwargs).to_json()["calls"]
    return {row["id"]: row["status"] for row in rows}


@pytest.mark.parametrize(("call_id", "applicant", "topic", "on", "expected"), DATED_CASES)
def test_status_around_intake_dates(calls: Calls, call_id: str, applicant: str, topic: str, on: date, expected: str):
    assert calls.get(call_id) is not None, f"unknown id {call_id}"
    assert statuses(calls, applicant, topic, on).get(call_id) == expected


@pytest.mark.parametrize(
    ("on", "expected", "detail"),
    [
        (date(2026, 12, 1), OPEN, "příjem do 9. 12. 2026"),
        (date(2026, 12, 9), OPEN, "příjem do 9. 12. 2026"),
        (date(2026, 12, 10), CLOSED, "příjem skončil 9. 12. 2026"),
    ],
)
def test_95th_call_for_a_municipality_and_energy(calls: Calls, on: date, expected: str, detail: str) -> None:
    result = calls.check("obec", "energie", on=on)
    (row,) = [r for r in result.to_json()["calls"] if r["id"] == "opst-95-energeticke-uspory-verejna-infrastruktura-uk"]
    assert row["status"] == expected
    assert detail in result.message
    if expected == OPEN:
        heading = "Otevřené (1) – podle údajů opst.cz k 31. 7. 2026; ověřte na opst.cz, výzva mohla skončit dřív:"
        assert result.message.index(heading) < result.message.index("95. výzva OPST")
        assert "ověřte na opst.cz, výzva mohla skončit dřív" in result.message
        assert "https://opst.cz/dotace/95-vyzva/" in result.message
    else:
        assert "Teď není otevřená žádná výzva, o které víme." in result.message


def test_on_1_december_2026_only_the_95th_call_is_open_for_a_municipality(calls: Calls) -> None:
    """Issue 14: the newest data must not say "nothing is open", but must not invent open calls either."""
    open_calls = {
        call_id
        for topic in ("energie", "brownfieldy", "priprava", "priroda", "infrastruktura", "kultura_sport", "socialni")
        for call_id, status in statuses(calls, "obec", topic, date(2026, 12, 1)).items()
        if status == OPEN
    }
    assert open_calls == {"opst-95-energeticke-uspory-verejna-infrastruktura-uk"}


@pytest.mark.parametrize(
    "on", [date(2026, 1, 5), date(2026, 1, 6), date(2026, 3, 1), date(2026, 4, 30), date(2026, 5, 1)]
)
@pytest.mark.parametrize("applicant", ["msp", "osvc", "velky_podnik", "obcan"])
def test_102nd_call_is_never_offered_to_firms(calls: Calls, applicant: str, on: date) -> None:
    for topic in ("podnikani", "digitalizace", "vzdelavani"):
        assert "opst-102-vouchery-pro-podnikatele-ii-uk" not in statuses(calls, applicant, topic, on)


def test_102nd_call_is_for_the_kraj_and_explains_how_firms_benefit(calls: Calls) -> None:
    result = calls.check("kraj", "podnikani", on=date(2026, 3, 1))
    assert statuses(calls, "kraj", "podnikani", date(2026, 3, 1))["opst-102-vouchery-pro-podnikatele-ii-uk"] == OPEN
    call = calls.get("opst-102-vouchery-pro-podnikatele-ii-uk")
    assert call.applicants == ("kraj",) and call.allocation == 215_000_000
    assert "vouchery" in (call.note or "") and "Podnikatelé" in (call.note or "")
    assert "Vouchery pro podnikatele II" in result.message


@pytest.mark.parametrize(
    ("obec", "listed"),
    [("Šluknov", True), ("sluknov", True), ("Rumburk", False), ("Varnsdorf", False), ("Žatec", False)],
)
def test_113th_call_only_for_sluknov(calls: Calls, places: Places, obec: str, listed: bool) -> None:
    on = date(2026, 7, 20)
    rows = statuses(calls, "obec", "socialni", on, obec=obec, places=places)
    assert ("opst-113-dostupne-bydleni-sluknov" in rows) is listed
    if listed:
        assert rows["opst-113-dostupne-bydleni-sluknov"] == OPEN


def test_113th_call_without_a_municipality_names_sluknov(calls: Calls) -> None:
    rows = calls.check("obec", "socialni", on=date(2026, 7, 20)).to_json()["calls"]
    (row,) = [r for r in rows if r["id"] == "opst-113-dostupne-bydleni-sluknov"]
    assert "Žádat může jen: Šluknov." in row["conditions"]


@pytest.mark.parametrize(
    ("call_id", "allocation", "closes"),
    [
        ("opst-40-verejne-sluzby-uk", 650_000_000, date(2024, 12, 31)),  # raised from 330 mil. Kč
        ("opst-29-infrastruktura-uk", 120_000_000, date(2026, 4, 30)),
        ("opst-26-priroda-krajina-uk", 250_000_000, date(2026, 1, 6)),
        ("opst-23-koncepce-priprava-uk", 60_000_000, date(2024, 12, 31)),
        ("opst-fn-brownfieldy-2026", 1_550_000_000, date(2026, 10, 30)),
    ],
)
def test_corrected_allocations_and_deadlines(calls: Calls, call_id: str, allocation: int, closes: date) -> None:
    call = calls.get(call_id)
    assert (call.allocation, call.closes) == (allocation, closes)


def test_forty_call_note_keeps_the_history_of_its_allocation(calls: Calls) -> None:
    note = calls.get("opst-40-verejne-sluzby-uk").note or ""
    assert "330 mil. Kč" in note and "650 mil. Kč" in note


def test_calls_for_other_kraje_are_not_in_the_table(calls: Calls) -> None:
    """Calls 33, 94, 96, 103, 105, 107, 110 and 114 are for Karlovarský or Moravskoslezský kraj only."""
    numbers = {c.number for c in calls.calls if c.number is not None}
    assert numbers.isdisjoint({33, 94, 96, 103, 105, 107, 110, 114})
    assert {20, 26, 29, 32, 40, 58, 60, 63, 66, 68, 71, 74, 77, 79, 84, 85, 89, 95, 102, 106, 108, 113, 115} <= numbers


def test_new_calls_carry_number_allocation_source_and_snapshot_date(calls: Calls) -> None:
    for call in calls.calls:
        if call.number is None or call.source.rstrip("/") != f"https://opst.cz/dotace/{call.number}-vyzva":
            continue
        assert call.allocation, call.id
        assert call.as_of == "2026-07-31", call.id
