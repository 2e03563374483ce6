"""The short lead of a funding answer (bot.eligibility.summary.summarize) on the real calls table."""

from __future__ import annotations

from datetime import date

from bot.eligibility import Calls
from bot.eligibility.summary import summarize


def test_a_standing_programme_that_fits_leads_even_when_our_date_for_it_is_old(calls: Calls) -> None:
    result = calls.check("obcan", "vzdelavani", on=date(2026, 12, 1))
    text = summarize(result, "Krajské sdružení MAS").text
    assert text.startswith("Pro žadatele typu fyzická osoba/občan")
    assert "Úřadem práce" in text.split(".")[0] and "ověřte" in text
    assert "50 000 Kč" in text  # amounts keep their capital letter
    assert "úřadu práce" in text  # the next step for a job seeker


def test_no_call_for_the_applicant_says_so_and_names_the_next_step(calls: Calls) -> None:
    text = summarize(calls.check("obec", "infrastruktura", on=date(2026, 12, 1)), "Krajské sdružení MAS").text
    assert "Co dál" in text
