"""Okapi BM25 (Lucene variant) over the Czech analyzer; small, serialisable, no dependencies."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

K1 = 1.2
B = 0.75


@dataclass
class BM25:
    postings: dict[str, list[tuple[int, int]]]  # term -> [(doc index, term frequency)]
    doc_len: list[int]

    @classmethod
    def build(cls, docs: Sequence[Sequence[str]]) -> BM25:
        postings: dict[str, list[tuple[int, int]]] = {}
        for i, terms in enumerate(docs):
            for term, tf in Counter(terms).items():
                postings.setdefault(term, []).append((i, tf))
        return cls(postings, [len(d) for d in docs])

    def to_json(self) -> dict[str, object]:
        return {"k1": K1, "b": B, "doc_len": self.doc_len, "postings": self.postings}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BM25:
        postings = {t: [(int(d), int(f)) for d, f in p] for t, p in data["postings"].items()}
        return cls(postings, [int(n) for n in data["doc_len"]])

    def __post_init__(self) -> None:
        self._n = len(self.doc_len)
        self._avgdl = (sum(self.doc_len) / self._n) if self._n else 1.0
        self._dl = np.asarray(self.doc_len, np.float32)
        self._vocab = list(self.postings)

    def idf(self, term: str) -> float:
        df = len(self.postings.get(term, ()))
        return math.log(1 + (self._n - df + 0.5) / (df + 0.5))

    def expand(self, terms: Sequence[str]) -> list[str]:
        """Replace unknown terms by the closest known one (typos), when it is close enough."""
        out = []
        for term in terms:
            if term in self.postings or len(term) < 3 or not self._vocab:
                out.append(term)
                continue
            match = process.extractOne(term, self._vocab, scorer=fuzz.ratio, score_cutoff=85)
            out.append(match[0] if match else term)
        return out

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        out = np.zeros(self._n, np.float32)
        norm = K1 * (1 - B + B * self._dl / self._avgdl)
        for term in set(self.expand(terms)):
            posting = self.postings.get(term)
            if not posting:
                continue
            idx = np.fromiter((d for d, _ in posting), np.int64, len(posting))
            tf = np.fromiter((f for _, f in posting), np.float32, len(posting))
            out[idx] += self.idf(term) * tf * (K1 + 1) / (tf + norm[idx])
        return out
