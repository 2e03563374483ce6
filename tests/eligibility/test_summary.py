"""The short lead of a funding answer (bot.eligibility.summary.summarize) on the real calls table."""

from __future__ import annotations

from datetime import date

import pytest

from bot.eligibility import Calls
from bot.eligibility.summary import status_note, summarize
from kb.calls import Call


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


# Words of the Czech fixed phrases; call names, labels and amounts (Czech data) may contain others.
_CZECH_PHRASES = ("Ano –", "teď (k", "Co dál", "ověřte", "žádat mohou", "podpora ", "Naposledy", "žadatele typu")


@pytest.mark.parametrize(
    ("lang", "yes", "next_step"),
    [("en", "Yes – as of 1. 12. 2026, ", "Next step:"), ("uk", "Так – зараз (станом на 1. 12. 2026)", "Що далі:")],
)
def test_an_open_call_is_summarised_in_the_askers_language_with_its_czech_name(
    calls: Calls, lang: str, yes: str, next_step: str
) -> None:
    result = calls.check("obec", "energie", on=date(2026, 12, 1))
    czech = summarize(result, "Krajské sdružení MAS").text
    summary = summarize(result, "Krajské sdružení MAS", lang)
    assert czech.startswith("Ano – teď (k 1. 12. 2026)")
    assert summary.text.startswith(yes), summary.text
    assert next_step in summary.text and "Krajské sdružení MAS" in summary.text
    assert summary.calls and all(_name_of(c) in summary.text for c in summary.calls)  # names stay Czech data
    assert not any(p in summary.text for p in _CZECH_PHRASES), summary.text


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_no_open_call_and_the_status_note_are_in_the_askers_language(calls: Calls, lang: str) -> None:
    for applicant, topic in (("obec", "infrastruktura"), ("obcan", "vzdelavani")):
        result = calls.check(applicant, topic, on=date(2026, 12, 1))
        text = summarize(result, "Krajské sdružení MAS", lang).text
        assert not any(p in text for p in _CZECH_PHRASES), text
        note = status_note(result, lang)
        assert note is None or not any(p in note for p in (*_CZECH_PHRASES, "Výzvy:", "nemáme")), note
    assert status_note(calls.check("obec", "energie", on=date(2026, 12, 1)), "en") is not None


def test_a_czech_asker_keeps_the_czech_summary(calls: Calls) -> None:
    result = calls.check("obec", "energie", on=date(2026, 12, 1))
    assert summarize(result, "Krajské sdružení MAS").text == summarize(result, "Krajské sdružení MAS", "cs").text
    assert (status_note(result) or "").startswith("Výzvy:")


def _name_of(call: Call) -> str:
    return call.name.rstrip(". ")
