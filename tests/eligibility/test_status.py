"""Status on both sides of every opening and closing date of the real vyzvy.yaml, and honesty."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from bot.eligibility import APPLICANTS, CLOSED, OPEN, PLANNED, TOPICS, UNKNOWN, Calls, call_status
from bot.eligibility.engine import ONGOING_FRESH_DAYS, _as_of_ordinal, data_freshness
from tests.eligibility.elig_support import KNOWLEDGE

DAY = timedelta(days=1)
REAL = Calls.load(KNOWLEDGE).calls
# A call whose applicants and topics are both unknown (e.g. a topic we have no code for yet) is never
# listed by `check`, so only the others can be followed through it.
LISTED = [c for c in REAL if c.applicants is not None or c.topics is not None]
WITH_OPENS = [c for c in LISTED if c.opens]
WITH_CLOSES = [c for c in LISTED if c.closes]


def via_check(calls: Calls, call, on: date) -> str:
    """Status of `call` as the full check reports it (JSON), for an applicant and topic it admits."""
    applicant = call.applicants[0] if call.applicants else "obec"
    topic = call.topics[0] if call.topics else "energie"
    data = calls.check(applicant, topic, on=on).to_json()
    (row,) = [r for r in data["calls"] if r["id"] == call.id]
    return row["status"]


def test_real_data_has_dates_to_check() -> None:
    assert len(WITH_OPENS) >= 12 and len(WITH_CLOSES) >= 12


@pytest.mark.parametrize("call", WITH_OPENS, ids=lambda c: c.id)
def test_around_opening_date(calls: Calls, call) -> None:
    before, on_day = call.opens - DAY, call.opens
    assert call_status(call, before)[0] == PLANNED
    assert via_check(calls, call, before) == PLANNED
    expected = OPEN if (call.closes or call.ongoing) else UNKNOWN
    assert call_status(call, on_day)[0] == expected
    assert via_check(calls, call, on_day) == expected


@pytest.mark.parametrize("call", WITH_CLOSES, ids=lambda c: c.id)
def test_around_closing_date(calls: Calls, call) -> None:
    last, after = call.closes, call.closes + DAY
    expected = OPEN if call.opens else UNKNOWN
    assert call_status(call, last)[0] == expected
    assert via_check(calls, call, last) == expected
    status, detail = call_status(call, after)
    assert status == CLOSED
    assert f"{call.closes.day}. {call.closes.month}. {call.closes.year}" in detail
    assert via_check(calls, call, after) == CLOSED


@pytest.mark.parametrize("call", [c for c in REAL if c.closed_before], ids=lambda c: c.id)
def test_closed_before(call) -> None:
    assert call_status(call, call.closed_before)[0] == UNKNOWN
    assert call_status(call, call.closed_before + DAY)[0] == CLOSED


@pytest.mark.parametrize("call", [c for c in REAL if c.ongoing], ids=lambda c: c.id)
def test_ongoing_is_open_only_while_the_source_is_fresh(call) -> None:
    fresh_until = date.fromordinal(_as_of_ordinal(call.as_of) + ONGOING_FRESH_DAYS)
    assert call_status(call, fresh_until)[0] == OPEN
    status, detail = call_status(call, fresh_until + DAY)
    assert status == UNKNOWN and "ověřte" in detail


def _after_everything() -> date:
    ends = [c.closes for c in REAL if c.closes] + [c.closed_before for c in REAL if c.closed_before]
    ends += [date.fromordinal(_as_of_ordinal(c.as_of) + ONGOING_FRESH_DAYS) for c in REAL if c.ongoing]
    return max(ends) + DAY


@pytest.mark.parametrize("on", [_after_everything(), date(2030, 1, 1)], ids=str)
@pytest.mark.parametrize("applicant", list(APPLICANTS))
def test_nothing_open_after_every_closing_date(calls: Calls, applicant: str, on: date) -> None:
    for topic in TOPICS:
        result = calls.check(applicant, topic, on=on)
        statuses = [row["status"] for row in result.to_json()["calls"]]
        assert OPEN not in statuses, (applicant, topic)
        assert "Otevřené (" not in result.message
        if not result.no_match:
            assert "Teď není otevřená žádná výzva" in result.message
        assert "opst.cz" in result.message and "MAS" in result.message


def test_nothing_open_message_suggests_what_to_do(calls: Calls) -> None:
    message = calls.check("obec", "kultura_sport", on=date(2027, 1, 1)).message
    assert "Teď není otevřená žádná výzva, o které víme." in message
    assert "Co dělat teď: připravte si projekt" in message
    assert "sledujte nové výzvy na https://opst.cz" in message
    assert "poraďte se se svou MAS" in message
    assert "40. výzva OPST" in message and "příjem skončil 31. 12. 2024" in message


def test_open_calls_come_first(calls: Calls) -> None:
    rows = calls.check("obec", "brownfieldy", on=date(2026, 5, 1)).to_json()["calls"]
    order = {OPEN: 0, PLANNED: 1, UNKNOWN: 2, CLOSED: 3}
    ranks = [order[r["status"]] for r in rows]
    assert ranks == sorted(ranks) and ranks[0] == 0
    assert rows[0]["id"] == "opst-fn-brownfieldy-2026"


def test_open_call_details_in_message(calls: Calls) -> None:
    message = calls.check("mas", "kreativni", on=date(2026, 1, 15)).message
    assert "Otevřené (1) – podle údajů " in message and "výzva mohla skončit dřív:" in message
    assert "Kreativní vouchery pro veřejný sektor" in message
    assert "příjem do 31. 7. 2026" in message
    assert "50 000 Kč až 200 000 Kč; až 85 % uznatelných nákladů" in message
    assert "https://www.rskuk.cz/kreativni-voucher-pro-verejny-sektor-startuji-14-rijna" in message
    assert "Údaje platí k datům svých zdrojů" in message


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_status_in_ukrainian_and_english_names_the_same_date_in_their_words(lang: str) -> None:
    days = sorted({d for c in REAL for d in (c.opens, c.closes) if d} | {date(2026, 12, 1)})
    for call in REAL:
        for day in days[:: max(1, len(days) // 6)]:
            status, czech = call_status(call, day)
            status_there, there = call_status(call, day, lang)
            assert status_there == status
            assert there != czech
            assert set(re.findall(r"\d{1,2}\. \d{1,2}\. \d{4}", there)) == set(
                re.findall(r"\d{1,2}\. \d{1,2}\. \d{4}", czech)
            )


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_data_freshness_in_the_asker_s_language(lang: str) -> None:
    dated = [c for c in REAL if c.as_of and "opst.cz" in c.source]
    czech, there = data_freshness(dated[:1]), data_freshness(dated[:1], lang)
    assert czech is not None and there is not None and czech.startswith("podle údajů opst.cz")
    assert "opst.cz" in there and "podle" not in there
