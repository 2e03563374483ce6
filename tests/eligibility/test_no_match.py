"""Honesty: an applicant type no entry admits gets a clear "no matching call" reply with a contact."""

from __future__ import annotations

from datetime import date

import pytest

from bot.eligibility import APPLICANTS, TOPICS, Calls
from tests.eligibility.elig_support import GOOD_ENTRY

NSMAS = "www.nsmascr.cz"


def test_type_no_entry_admits(knowledge_with) -> None:
    calls = Calls.load(knowledge_with(GOOD_ENTRY))  # admits only obec and svazek
    result = calls.check("cirkev", "priroda", on=date(2025, 3, 1))
    assert result.no_match and result.matches == []
    assert result.to_json()["calls"] == []
    assert "nenašli žádnou výzvu ani program" in result.message
    assert "„církev“" in result.message and "„příroda a krajina“" in result.message
    assert "poraďte se se svou MAS" in result.message
    assert NSMAS in result.message  # no municipality data given: where to find a MAS
    assert "opst.cz" in result.message


def _pairs_without_explicit_call(calls: Calls) -> list[tuple[str, str]]:
    return [
        (a, t)
        for a in APPLICANTS
        for t in TOPICS
        if not any(c.applicants and a in c.applicants and (c.topics is None or t in c.topics) for c in calls.calls)
    ]


def test_real_data_has_such_pairs(calls: Calls) -> None:
    pairs = _pairs_without_explicit_call(calls)
    assert ("obcan", "kreativni") in pairs and ("cirkev", "energie") in pairs


@pytest.mark.parametrize("on", [date(2024, 6, 1), date(2026, 11, 26)], ids=str)
def test_real_pairs_get_clear_reply(calls: Calls, on: date) -> None:
    for applicant, topic in _pairs_without_explicit_call(calls):
        result = calls.check(applicant, topic, on=on)
        assert result.no_match, (applicant, topic)
        assert "nenašli žádnou výzvu ani program, který by takové žadatele výslovně uváděl" in result.message
        assert NSMAS in result.message
        # whatever is still listed has an unknown applicant list and says so
        for row in result.to_json()["calls"]:
            assert any("Kdo smí žádat, náš zdroj neuvádí" in c for c in row["conditions"])


def test_explicit_match_is_not_no_match(calls: Calls) -> None:
    result = calls.check("obec", "energie", on=date(2024, 5, 1))
    assert not result.no_match
    assert "nenašli" not in result.message
