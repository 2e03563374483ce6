"""Curated answers are matched only when they cover the question's telling words (bot.curated.coverage)."""

from __future__ import annotations

from bot.curated import answers_kind, coverage, fitted_to_question
from index.normalize import FrequencyList, QueryNormalizer
from index.store import CuratedRecord

RECORD = CuratedRecord(
    id="rekvalifikace-i-kdyz-pracuji",
    file="knowledge/odpovedi/rekvalifikace-i-kdyz-pracuji.md",
    question="Můžu jít na rekvalifikaci, i když mám práci?",
    alternatives=("rekvalifikace když pracuji",),
    body="Ano. Rekvalifikaci může mít i ten, kdo pracuje, jako zájemce o zaměstnání.",
    sources=(),
    lang="cs",
    translation_of=None,
    updated=None,
    phrasing_start=0,
)


def _idf(term: str) -> float:
    return 3.0


def test_a_word_the_answer_never_uses_lowers_coverage() -> None:
    assert coverage("Rekvalifikace v Polsku", RECORD, _idf) < 0.7


def test_everyday_words_do_not_count() -> None:
    # "zrovna" and "dostat" name no topic: the question is about retraining while working
    everyday = QueryNormalizer([], FrequencyList({"zrovna": -300, "dostat": -320}, {})).is_common
    question = "Můžu dostat rekvalifikaci, i když zrovna pracuju?"
    assert coverage(question, RECORD, _idf) < 0.7
    assert coverage(question, RECORD, _idf, everyday) >= 0.7


def test_a_year_or_number_the_answer_never_mentions_is_not_covered() -> None:
    from bot.curated import numbers_covered

    assert not numbers_covered("Kdy vyhlásí rekvalifikace v roce 2027?", RECORD)
    assert numbers_covered("Můžu jít na rekvalifikaci, i když mám práci?", RECORD)


def test_a_translated_answer_to_a_who_question_must_be_phrased_as_a_question_of_a_kind_too() -> None:
    asked = "Who makes the final funding decision on strategic projects in the Ústí region?"
    assert not answers_kind(asked, "Which strategic projects does the Ústí Region have?")
    assert answers_kind(asked, "Who decides on strategic projects?")
    assert answers_kind("Is there a grant for a cycle path?", "cycle path grant")  # a yes/no question: any phrasing


def test_a_staff_synonym_covers_the_everyday_word() -> None:
    from index.synonyms import Synonyms
    from kb.synonyms import SynonymEntry

    synonyms = Synonyms.compile([SynonymEntry("přeškolení", ("rekvalifikace",), 1)])
    question = "Můžu na přeškolení, i když mám práci?"
    assert coverage(question, RECORD, _idf) < 0.7
    assert coverage(question, RECORD, _idf, synonyms=synonyms) >= 0.7


def test_a_yes_or_no_opener_is_dropped_for_a_question_that_asks_who() -> None:
    body = "Ne, OPST řídí Ministerstvo životního prostředí (MŽP), ne MMR."
    assert fitted_to_question(body, "kdo ridi opst") == "OPST řídí Ministerstvo životního prostředí (MŽP), ne MMR."
    assert fitted_to_question(body, "Řídí OPST ministerstvo pro místní rozvoj?") == body


def test_a_why_question_gets_no_yes() -> None:
    body = "Так. Уряд праці оцінює, чи перекваліфікація потрібна."
    assert (
        fitted_to_question(body, "Чому уряд праці може відмовити?")
        == "Уряд праці оцінює, чи перекваліфікація потрібна."
    )


def test_yes_but_keeps_the_condition_without_the_yes() -> None:
    body = "Ano, ale záleží na výzvě."
    assert fitted_to_question(body, "Kdo může žádat?") == "Záleží na výzvě."
    assert fitted_to_question(body, "Může žádat obec?") == body
