"""Staff synonyms compiled for the lexical search: everyday words' terms → the documents' terms.

The BM25 side of the search is expanded ("pracák" → "úřad práce"); for the dense side, an everyday word no
document uses is read as the rule's first document word (`in_document_words`), because the embedding model
cannot guess what "kývne" or "fara" means here. The list itself is read and validated by `kb.synonyms`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cached_property

from index.analyzer import analyze
from kb.problems import Problem, Severity
from kb.synonyms import FILENAME, SynonymEntry


@dataclass(frozen=True)
class Synonyms:
    """Analysed key term sequences → analysed terms to add to the query."""

    rules: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    # Per rule, the first document word as staff wrote it ("kývne" → "rozhoduje"), for `in_document_words`.
    first_words: tuple[str, ...] = ()

    @classmethod
    def compile(cls, entries: Iterable[SynonymEntry]) -> Synonyms:
        rules, first_words = [], []
        for entry in entries:
            key, expansion = _terms(entry)
            if key and expansion:
                rules.append((key, expansion))
                first_words.append(entry.words[0])
        return cls(tuple(rules), tuple(first_words))

    def in_document_words(self, text: str, vocabulary: Collection[str]) -> str:
        """The text with its everyday words no document uses replaced by the documents' word ("kdo kývne na
        velké projekty" → "kdo rozhoduje na strategické projekty"): the embedding model, which never saw
        "kývne" or "fara", then reads what the documents say. A key whose last word, its head, is the documents'
        own ("velké projekty", "přišel o práci") stays as typed: only the lexical side widens."""
        tokens = list(_TOKEN.finditer(text))
        terms = [next(iter(analyze(t.group())), None) for t in tokens]
        out, copied, i = [], 0, 0
        while i < len(tokens):
            found = self._replacement(terms, i, vocabulary)
            if found is None:
                i += 1
                continue
            end, word = found
            out += [text[copied : tokens[i].start()], word]
            copied, i = tokens[end - 1].end(), end
        return "".join([*out, text[copied:]])

    @cached_property
    def _longest_first(self) -> tuple[tuple[tuple[str, ...], str], ...]:
        """(key, first document word) of every rule, longer keys first ("stará fabrika" before "fabrika")."""
        pairs = ((key, word) for (key, _), word in zip(self.rules, self.first_words, strict=True))
        return tuple(sorted(pairs, key=lambda rule: -len(rule[0])))

    def _replacement(self, terms: list[str | None], start: int, vocabulary: Collection[str]) -> tuple[int, str] | None:
        """(end, word) of the longest key read from `start` whose head word no document uses, or None."""
        if terms[start] is None:
            return None
        for key, word in self._longest_first:
            end = _key_end(terms, start, key)
            if end is not None and key[-1] not in vocabulary:
                return end, word
        return None

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


_TOKEN = re.compile(r"\w+")


def _key_end(terms: list[str | None], start: int, key: tuple[str, ...]) -> int | None:
    """Where the key's terms, read from `start` over stop-words (None), end; None when they are not there."""
    matched, i = 0, start
    while i < len(terms) and matched < len(key):
        if terms[i] is not None:
            if terms[i] != key[matched]:
                return None
            matched += 1
        i += 1
    return i if matched == len(key) else None


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
