"""Hybrid retrieval: dense e5 (FAISS) + BM25 on the Czech analyzer, fused by reciprocal rank."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.analyzer import analyze
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


def search(
    index: IndexData,
    embedder: Embedder | None,
    query: str,
    k: int = 8,
    query_vector: np.ndarray | None = None,
    synonyms: Synonyms | None = None,
    lexical_query: str | None = None,
) -> SearchResult:
    """The k best chunks for the query, best first (`embedder` may be None when `query_vector` is given)."""
    n = len(index.chunks)
    if query_vector is None:
        if embedder is None:
            raise ValueError("search needs an embedder or a query vector")
        query_vector = embedder.embed_queries([query])[0]
    # The lexical side may read another text (the normalised query plus the typed words it knows).
    terms = tuple(index.bm25.expand(analyze(lexical_query or query)))  # typos mapped to known terms
    if synonyms is not None:
        terms = synonyms.expand(terms)  # everyday words → the documents' words
    if n == 0:
        return SearchResult(query, query_vector, terms, [])
    depth = min(CANDIDATES, n)
    sims, ids = index.vectors.search(query_vector.reshape(1, -1).astype(np.float32), depth)
    dense_ranking = [int(i) for i in ids[0] if i >= 0]
    dense_all = dict(zip(dense_ranking, (float(s) for s in sims[0]), strict=False))

    bm25 = index.bm25.scores(terms) if terms else np.zeros(n, np.float32)
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
