"""Words of unanswered questions that match nothing in the index: what staff should add as synonyms."""

from __future__ import annotations

import pytest

from index.analyzer import analyze
from index.bm25 import BM25
from index.normalize import QueryNormalizer, unmatched_words
from tests.normalize.conftest import knowledge_texts


@pytest.fixture(scope="module")
def vocabulary() -> dict:
    """The BM25 terms of the real knowledge base, as the index holds them."""
    return BM25.build([analyze(text) for text in knowledge_texts()]).postings


def test_most_frequent_unmatched_word_comes_first(vocabulary: dict, normalizer: QueryNormalizer) -> None:
    questions = [
        "dotace na kulturak",
        "kdo opravi kulturák v obci",
        "kulturak a hasičárna",
        "kolik stojí hasičárna",
        "dotace na rekvalifikaci",
    ]
    words = unmatched_words(questions, vocabulary, normalizer=normalizer)
    assert words[:2] == [("kulturák", 3), ("hasičárna", 2)]
    assert "dotace" not in dict(words) and "rekvalifikaci" not in dict(words)


def test_stop_words_numbers_and_known_words_are_not_reported(vocabulary: dict) -> None:
    words = unmatched_words(["Jaká je pro mě pomoc na úřadu práce v roce 2025?"], vocabulary)
    assert words == []


def test_a_word_counts_once_per_question(vocabulary: dict) -> None:
    assert unmatched_words(["hasičárna hasičárna hasičárny"], vocabulary) == [("hasičárna", 1), ("hasičárny", 1)]


def test_words_are_reported_as_normalised(vocabulary: dict, normalizer: QueryNormalizer) -> None:
    words = unmatched_words(["dotace na kulturak"], vocabulary, normalizer=normalizer)
    assert words == [("kulturák", 1)]


def test_a_word_that_matches_once_its_diacritics_are_restored_is_not_reported(
    vocabulary: dict, normalizer: QueryNormalizer
) -> None:
    # The stemmer reads "obcim" and "obcím" differently; only the restored form is in the index.
    assert unmatched_words(["dotace obcim"], vocabulary) == [("obcim", 1)]
    assert unmatched_words(["dotace obcim"], vocabulary, normalizer=normalizer) == []


def test_typed_form_that_matches_counts_as_matched(vocabulary: dict, normalizer: QueryNormalizer) -> None:
    assert unmatched_words(["pomoc pro MAS"], vocabulary, normalizer=normalizer) == []
