"""Table-driven cases across applicant types, topics and dates (real knowledge/vyzvy.yaml)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.eligibility import CLOSED, OPEN, PLANNED, UNKNOWN, Calls

ABSENT = None

# (applicant, topic, date, call id, expected status or ABSENT when the call must not be listed)
CASES = [
    ("obec", "priroda", "2024-06-01", "opst-26-priroda-krajina-uk", OPEN),
    ("obec", "priroda", "2025-06-30", "opst-26-priroda-krajina-uk", OPEN),
    ("obec", "priroda", "2025-07-01", "opst-26-priroda-krajina-uk", OPEN),  # extended to 6. 1. 2026
    ("obec", "priroda", "2026-01-07", "opst-26-priroda-krajina-uk", CLOSED),
    ("obec", "priroda", "2023-06-14", "opst-26-priroda-krajina-uk", PLANNED),
    ("nno", "priroda", "2024-06-01", "opst-26-priroda-krajina-uk", OPEN),
    ("msp", "priroda", "2024-06-01", "opst-26-priroda-krajina-uk", ABSENT),
    ("obec", "priprava", "2024-01-10", "opst-23-koncepce-priprava-uk", OPEN),
    ("obcan", "priprava", "2024-01-10", "opst-23-koncepce-priprava-uk", OPEN),
    ("mas", "priprava", "2024-01-10", "opst-23-koncepce-priprava-uk", ABSENT),
    ("obec", "priprava", "2024-02-29", "uk-priprava-projektovych-zameru-2024", UNKNOWN),
    ("obec", "priprava", "2024-03-01", "uk-priprava-projektovych-zameru-2024", CLOSED),
    ("svazek", "priprava", "2024-02-01", "uk-priprava-projektovych-zameru-2024", ABSENT),
    ("obec", "infrastruktura", "2026-11-26", "opst-29-infrastruktura-uk", CLOSED),  # ran until 30. 4. 2026
    ("obec", "infrastruktura", "2023-06-14", "opst-29-infrastruktura-uk", PLANNED),
    ("obec", "kultura_sport", "2024-05-01", "opst-40-verejne-sluzby-uk", OPEN),
    ("cirkev", "kultura_sport", "2024-05-01", "opst-40-verejne-sluzby-uk", OPEN),
    ("cirkev", "kultura_sport", "2025-01-01", "opst-40-verejne-sluzby-uk", CLOSED),
    ("obcan", "kultura_sport", "2024-05-01", "opst-40-verejne-sluzby-uk", ABSENT),
    ("obec", "brownfieldy", "2026-03-11", "opst-fn-brownfieldy-2026", PLANNED),
    ("obec", "brownfieldy", "2026-03-12", "opst-fn-brownfieldy-2026", OPEN),
    ("obec", "brownfieldy", "2026-10-30", "opst-fn-brownfieldy-2026", OPEN),
    ("obec", "brownfieldy", "2026-10-31", "opst-fn-brownfieldy-2026", CLOSED),
    ("po", "brownfieldy", "2026-05-01", "opst-fn-brownfieldy-2026", OPEN),
    ("svazek", "brownfieldy", "2026-05-01", "opst-fn-brownfieldy-2026", ABSENT),
    ("velky_podnik", "brownfieldy", "2026-05-01", "opst-fn-brownfieldy-2026", OPEN),
    ("osvc", "podnikani", "2024-03-01", "uk-voucher-rozvoj-podnikani", OPEN),
    ("osvc", "podnikani", "2024-10-01", "uk-voucher-rozvoj-podnikani", CLOSED),
    ("obcan", "vzdelavani", "2024-05-01", "uk-voucher-rozvoj-podnikani", OPEN),
    ("msp", "podnikani", "2024-02-19", "uk-voucher-inovacni", PLANNED),
    ("msp", "podnikani", "2024-03-01", "uk-voucher-inovacni", UNKNOWN),
    ("osvc", "podnikani", "2024-03-01", "uk-voucher-inovacni", ABSENT),
    ("msp", "digitalizace", "2024-03-01", "uk-voucher-digitalni", UNKNOWN),
    ("obec", "kreativni", "2025-10-13", "uk-kreativni-voucher-verejny-sektor", PLANNED),
    ("obec", "kreativni", "2025-10-14", "uk-kreativni-voucher-verejny-sektor", OPEN),
    ("mas", "kreativni", "2026-07-31", "uk-kreativni-voucher-verejny-sektor", OPEN),
    ("mas", "kreativni", "2026-08-01", "uk-kreativni-voucher-verejny-sektor", CLOSED),
    ("msp", "kreativni", "2026-01-01", "uk-kreativni-voucher-verejny-sektor", ABSENT),
    ("obec", "energie", "2024-03-01", "modf-res-plus-3-2024", OPEN),
    ("obec", "energie", "2024-11-01", "modf-res-plus-3-2024", CLOSED),
    ("svazek", "energie", "2024-05-01", "modf-res-plus-3-2024", ABSENT),
    ("obec", "energie", "2024-01-01", "npzp-energeticka-spolecenstvi-2023", UNKNOWN),
    ("obec", "energie", "2023-11-30", "npzp-energeticka-spolecenstvi-2023", PLANNED),
    ("obcan", "vzdelavani", "2025-06-01", "up-rekvalifikace", OPEN),
    ("obcan", "vzdelavani", "2026-11-26", "up-rekvalifikace", UNKNOWN),
    ("msp", "vzdelavani", "2025-06-01", "up-rekvalifikace", ABSENT),
    ("kraj", "energie", "2021-04-15", "uk-strategicke-projekty-2021", OPEN),
    ("kraj", "energie", "2021-05-01", "uk-strategicke-projekty-2021", CLOSED),
    ("kraj", "energie", "2023-06-01", "opst-strategicke-projekty-vyzva-2022", OPEN),
    ("obec", "energie", "2023-06-01", "opst-strategicke-projekty-vyzva-2022", ABSENT),
    ("obec", "priprava", "2023-01-01", "opst-nulta-vyzva-priprava-strategickych", CLOSED),
    ("obec", "priprava", "2022-01-01", "opst-nulta-vyzva-priprava-strategickych", UNKNOWN),
    ("obec", "socialni", "2026-11-26", "opst-socialni-stabilita-uk", CLOSED),  # the 58th call, until 30. 4. 2026
    ("nno", "socialni", "2026-11-26", "uk-komunitni-zivot-venkov", UNKNOWN),
    ("obec", "socialni", "2026-11-26", "uk-komunitni-zivot-venkov", ABSENT),
    ("obec", "kultura_sport", "2024-04-10", "uk-program-obnovy-venkova-2024", OPEN),
    ("obec", "energie", "2024-04-27", "uk-program-obnovy-venkova-2024", CLOSED),
    ("svazek", "kultura_sport", "2024-04-10", "uk-program-obnovy-venkova-2024", ABSENT),
    ("msp", "podnikani", "2021-06-01", "icuk-asistencni-vouchery", UNKNOWN),
    ("msp", "podnikani", "2022-01-01", "icuk-asistencni-vouchery", CLOSED),
    ("obec", "digitalizace", "2022-01-01", "icuk-asistencni-vouchery", ABSENT),
    ("osvc", "podnikani", "2026-11-26", "uk-zacinajici-podnikatele", UNKNOWN),
]


def test_enough_cases_and_every_applicant_covered() -> None:
    assert len(CASES) >= 40
    assert {c[0] for c in CASES} >= {"obec", "svazek", "kraj", "po", "nno", "cirkev", "msp", "velky_podnik",
                                     "osvc", "obcan", "mas"}  # fmt: skip


@pytest.mark.parametrize(("applicant", "topic", "on", "call_id", "expected"), CASES)
def test_case(calls: Calls, applicant: str, topic: str, on: str, call_id: str, expected: str | None) -> None:
    assert calls.get(call_id) is not None, f"unknown id {call_id}"
    result = calls.check(applicant, topic, on=date.fromisoformat(on))
    rows = {row["id"]: row for row in result.to_json()["calls"]}
    if expected is ABSENT:
        assert call_id not in rows
    else:
        assert rows[call_id]["status"] == expected


def test_unknown_applicants_are_flagged(calls: Calls) -> None:
    rows = {r["id"]: r for r in calls.check("obec", "infrastruktura", on=date(2026, 1, 1)).to_json()["calls"]}
    assert any("Kdo smí žádat, náš zdroj neuvádí" in c for c in rows["opst-29-infrastruktura-uk"]["conditions"])


def test_population_limit_without_municipality_is_stated(calls: Calls) -> None:
    rows = {r["id"]: r for r in calls.check("obec", "energie", on=date(2024, 5, 1)).to_json()["calls"]}
    assert "Jen obce do 3 000 obyvatel." in rows["modf-res-plus-3-2024"]["conditions"]


def test_unknown_codes_raise_with_czech_list(calls: Calls) -> None:
    from bot.eligibility import UnknownCode

    with pytest.raises(UnknownCode, match="Povolené hodnoty: obec"):
        calls.check("starosta", "energie")
    with pytest.raises(UnknownCode, match="digitalizace"):
        calls.check("obec", "cyklostezky")
