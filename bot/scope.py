"""What lies outside the knowledge: other regions and countries than the ones the documents speak of.

The documents are about Ústecký kraj (and mention the other coal regions and the EU in passing). A
question about another region is answered only when the quoted text itself speaks of that region;
otherwise a neighbouring passage about Ústecký kraj would answer a question nobody asked.
"""

from __future__ import annotations

import re

import numpy as np

from index.store import IndexData
from kb.text import fold_lower

# A question is off the topics when an example off-topic question (knowledge/mimo-temata.yaml) is closer
# to it than any curated question and, with this allowance for passages being longer texts, any passage.
PASSAGE_ALLOWANCE = 0.05
CURATED_LIKENESS = 0.88  # a borderline question must be at least this close to a curated question

# Folded word beginnings of regions and countries people ask about; "moravskoslezsk" before "slezsk".
_REGIONS = (
    "karlovarsk",
    "moravskoslezsk",
    "jihomoravsk",
    "olomouck",
    "zlinsk",
    "pardubick",
    "kralovehradeck",
    "libereck",
    "plzensk",
    "jihocesk",
    "vysocin",
    "stredocesk",
    "polsk",
    "polsko",
    "nemeck",
    "nemecko",
    "sask",
    "luzic",
    "slovensk",
    "rakous",
    "slezsk",
    "horni nitr",
    "madarsk",
    "rumunsk",
    "bulharsk",
    "poland",
    "germany",
    "saxony",
    "slovakia",
    "austria",
    "польщ",
    "німеччин",
    "словаччин",
    "саксон",
)
_PATTERN = re.compile(r"(?<!\w)(" + "|".join(re.escape(r) for r in _REGIONS) + r")\w*")


def regions_named(text: str) -> set[str]:
    """The other regions or countries a text names (as their folded word beginnings)."""
    return {m.group(1) for m in _PATTERN.finditer(fold_lower(text))}


def outside_scope(question: str, quoted: str) -> bool:
    """The question asks about a region the quoted text does not speak of."""
    asked = regions_named(question)
    return bool(asked) and not asked <= regions_named(quoted)


def looks_off_topic(index: IndexData, query_vector: np.ndarray, best_passage: float) -> bool:
    """Closer to an everyday off-topic question than to the knowledge (question-to-question comparison)."""
    if not len(index.offtopic_vectors):
        return False
    off = float((index.offtopic_vectors @ query_vector).max())
    curated = float((index.curated_vectors @ query_vector).max()) if len(index.curated_vectors) else 0.0
    return off > max(curated, best_passage + PASSAGE_ALLOWANCE)


def resembles_curated(index: IndexData, query_vector: np.ndarray) -> bool:
    """Close to the questions staff wrote answers for, and closer to them than to off-topic examples."""
    if not len(index.curated_vectors):
        return False
    curated = float((index.curated_vectors @ query_vector).max())
    off = float((index.offtopic_vectors @ query_vector).max()) if len(index.offtopic_vectors) else 0.0
    return curated >= CURATED_LIKENESS and curated > off
