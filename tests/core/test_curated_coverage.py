"""Curated answers are matched only when they cover the question's telling words (bot.curated.coverage)."""

from __future__ import annotations

from bot.curated import coverage
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
