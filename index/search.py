"""Hybrid retrieval: dense e5 (FAISS) + BM25 on the Czech analyzer, fused by reciprocal rank."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from index.analyzer import analyze
from index.bm25 import BM25
from index.embeddings import Embedder
from index.store import ChunkRecord, IndexData
from index.synonyms import Synonyms

RRF_K = 60
CANDIDATES = 50


@dataclass(frozen=True, slots=True)
class Hit:
    chunk: ChunkRecord
    score: float  # fused, scaled so that rank 1 in both lists is 1.0
    dense: float  # cosine similarity to the question
    lexical: float  # BM25
    dense_rank: int | None
    lexical_rank: int | None


@dataclass(frozen=True)
class SearchResult:
    query: str
    query_vector: np.ndarray
    query_terms: tuple[str, ...]
    hits: list[Hit]

    @property
    def best_dense(self) -> float:
        return max((h.dense for h in self.hits), default=0.0)

    @property
    def best_lexical(self) -> float:
        return max((h.lexical for h in self.hits), default=0.0)


def rrf(rankings: list[list[int]], k: int = RRF_K) -> dict[int, float]:
    """Reciprocal-rank fusion of several rankings of item ids."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank + 1)
    return fused


def query_terms(
    bm25: BM25, text: str, synonyms: Synonyms | None = None, exact_terms: Collection[str] = ()
) -> tuple[str, ...]:
    """The BM25 terms of a query: typos mapped to the index's terms, then the staff synonyms added.

    A real word ("koupit", a synonym's own "prachy") is no typo of a similar index term ("vykoupit",
    "prah"): unknown terms are corrected, real words only to another ending of their stem. A synonym's
    word the documents never use is dropped once its document words are added: it could match nothing,
    and would only lower the share of the query a passage can match."""
    keys = synonyms.key_terms if synonyms is not None else frozenset()
    exact = frozenset(exact_terms)
    raw = analyze(text)
    fixed = tuple(
        t if t in keys or (t in exact and not _same_stem(t, c)) else c
        for t, c in zip(raw, bm25.expand(raw), strict=True)
    )
    if synonyms is None:
        return fixed
    expanded = synonyms.expand(fixed)
    added = frozenset(expanded[len(fixed) :])
    return tuple(t for t in expanded if t not in keys or t in bm25.postings or t in added or not added)


def _same_stem(term: str, other: str) -> bool:
    """One term continues the other ("zahranic" / "zahranicn", typed "moto" for "motto"): another ending of
    the same stem or a letter missed at its end, not another word ("koupit" / "vykoupit", "prach" / "prah")."""
    shorter, longer = sorted((term, other), key=len)
    return len(shorter) >= 3 and longer.startswith(shorter)


def search(
    index: IndexData,
    embedder: Embedder | None,
    query: str,
    k: int = 8,
    query_vector: np.ndarray | None = None,
    synonyms: Synonyms | None = None,
    lexical_query: str | None = None,
    exact_terms: Collection[str] = (),
) -> SearchResult:
    """The k best chunks for the query, best first (`embedder` may be None when `query_vector` is given).

    `exact_terms`: terms of words known to be spelled right (real Czech words), never typo-corrected."""
    n = len(index.chunks)
    if query_vector is None:
        if embedder is None:
            raise ValueError("search needs an embedder or a query vector")
        query_vector = embedder.embed_queries([query])[0]
    # The lexical side may read another text (the normalised query plus the typed words it knows).
    terms = query_terms(index.bm25, lexical_query or query, synonyms, exact_terms)
    if n == 0:
        return SearchResult(query, query_vector, terms, [])
    depth = min(CANDIDATES, n)
    sims, ids = index.vectors.search(query_vector.reshape(1, -1).astype(np.float32), depth)
    dense_ranking = [int(i) for i in ids[0] if i >= 0]
    dense_all = dict(zip(dense_ranking, (float(s) for s in sims[0]), strict=False))

    known = [t for t in terms if t in index.bm25.postings]  # the rest match nothing (and are not re-corrected)
    bm25 = index.bm25.scores(known) if known else np.zeros(n, np.float32)
    order = np.argsort(-bm25, kind="stable")[:depth]
    lexical_ranking = [int(i) for i in order if bm25[i] > 0]

    fused = rrf([dense_ranking, lexical_ranking])
    best = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
    dense_pos = {c: r for r, c in enumerate(dense_ranking)}
    lexical_pos = {c: r for r, c in enumerate(lexical_ranking)}
    top = 2.0 / (RRF_K + 1)
    hits = []
    for chunk_idx, score in best:
        dense = dense_all.get(chunk_idx)
        if dense is None:  # outside the dense candidates: compute its cosine directly
            dense = float(index.vectors.reconstruct(chunk_idx) @ query_vector)
        hits.append(
            Hit(
                index.chunks[chunk_idx],
                score / top,
                dense,
                float(bm25[chunk_idx]),
                dense_pos.get(chunk_idx),
                lexical_pos.get(chunk_idx),
            )
        )
    return SearchResult(query, query_vector, terms, hits)
