"""Staff synonyms compiled for the lexical search: everyday words' terms → the documents' terms.

Only the BM25 side of the search is expanded ("pracák" → "úřad práce"); the dense model already
handles paraphrase. The list itself is read and validated by `kb.synonyms`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from index.analyzer import analyze
from kb.problems import Problem, Severity
from kb.synonyms import FILENAME, SynonymEntry


@dataclass(frozen=True)
class Synonyms:
    """Analysed key term sequences → analysed terms to add to the query."""

    rules: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()

    @classmethod
    def compile(cls, entries: Iterable[SynonymEntry]) -> Synonyms:
        rules = []
        for entry in entries:
            key, expansion = _terms(entry)
            if key and expansion:
                rules.append((key, expansion))
        return cls(tuple(rules))

    @property
    def key_terms(self) -> frozenset[str]:
        """The terms of every key: words staff listed on purpose, so never typos of other words."""
        return frozenset(t for key, _ in self.rules for t in key)

    def found(self, terms: tuple[str, ...]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """The rules (key, expansion) whose key occurs in the terms as a run."""
        return [
            (key, expansion)
            for key, expansion in self.rules
            if any(terms[i : i + len(key)] == key for i in range(len(terms) - len(key) + 1))
        ]

    def expand(self, terms: tuple[str, ...]) -> tuple[str, ...]:
        """The terms plus the expansions of every key found in them (in order, no duplicates)."""
        out = list(terms)
        for _, expansion in self.found(terms):
            out.extend(t for t in expansion if t not in out)
        return tuple(out)


def _terms(entry: SynonymEntry) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(analyze(entry.phrase)), tuple(t for w in entry.words for t in analyze(w))


def useless_entries(entries: Iterable[SynonymEntry], knowledge_name: str = "knowledge") -> list[Problem]:
    """Entries that add nothing once analysed (only stop-words like „a“, „na“) — for `index check`."""
    return [
        Problem(
            f"{knowledge_name}/{FILENAME}",
            entry.line,
            Severity.WARNING,
            f"Výraz „{entry.phrase}“ nic nepřidá (jen běžná slova jako „a“, „na“). "
            "Doplňte slova, která používají dokumenty.",
        )
        for entry in entries
        if not all(_terms(entry))
    ]
