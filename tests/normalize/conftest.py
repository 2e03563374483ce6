"""One query normalizer over the real knowledge base and the real wordfreq Czech list (loaded once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.normalize import QueryNormalizer

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "knowledge"
WORDS = Path(__file__).resolve().parent / "diacritics_words.tsv"


def knowledge_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(KNOWLEDGE.glob("*.md")) if p.name != "README.md"]


def word_pairs() -> list[tuple[str, str]]:
    """(folded, expected) pairs of the word-level test set."""
    pairs = []
    for line in WORDS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            folded, expected = line.split("\t")
            pairs.append((folded, expected))
    return pairs


@pytest.fixture(scope="session")
def normalizer() -> QueryNormalizer:
    return QueryNormalizer(knowledge_texts())
