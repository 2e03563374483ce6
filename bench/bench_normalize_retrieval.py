"""What query normalisation does to answers: the question set as written and folded, searched as today
and searched normalised (the wiring proposed for index/search.py and bot/engine.py, emulated here
through `search`'s own parameters, without changing either file).

Run: .venv/bin/python bench/bench_normalize_retrieval.py   (builds a temporary index of knowledge/, ~1 min)
Prints, per variant: right document in the top 5, key fact in the answer, non-confident answers.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answers import compose  # noqa: E402

from bot.config import Settings  # noqa: E402
from index.build import build_index  # noqa: E402
from index.embeddings import get_embedder  # noqa: E402
from index.normalize import QueryNormalizer, fold  # noqa: E402
from index.search import SearchResult, search  # noqa: E402
from index.store import load_index  # noqa: E402
from index.synonyms import load_synonyms  # noqa: E402

QUESTIONS = ROOT / "tests" / "knowledge" / "questions.yaml"


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-normalize-"))
    try:
        settings = Settings(knowledge_dir=ROOT / "knowledge", data_dir=tmp / "var", _env_file=None)
        build_index(settings)
        index = load_index(settings.data_dir, settings.embedding_model)
        embedder = get_embedder(settings.embedding_model)
        synonyms = load_synonyms(settings.knowledge_dir)
        normalizer = QueryNormalizer(c.text for c in index.chunks)
        vocabulary = index.bm25.postings
        items = [q for q in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8")) if q.get("doc")]

        def today(q: str) -> tuple[str, SearchResult]:
            return q, search(index, embedder, q, k=8, synonyms=synonyms)

        def normalised(q: str) -> tuple[str, SearchResult]:
            nq = normalizer.normalize(q)
            vector = embedder.embed_queries([nq.text])[0]
            return nq.text, search(
                index, embedder, nq.lexical_query(vocabulary), k=8, query_vector=vector, synonyms=synonyms
            )

        def run(name: str, ask: Callable[[str], tuple[str, SearchResult]], twin: bool) -> None:
            doc = fact = unsure = 0
            for item in items:
                q = fold(item["q"].lower()) if twin else item["q"]
                text, result = ask(q)
                answer = compose(text, result, index, place=None, fallback=None, notes=[])
                doc += item["doc"] in {Path(h.chunk.file).name for h in result.hits[:5]}
                fact += bool(item.get("fact")) and item["fact"].lower() in answer.body.lower()
                unsure += not answer.confident
            n = len(items)
            print(f"{name:34} doc@5 {doc / n:.3f}   fact {fact / n:.3f}   non-confident {unsure:3d}/{n}")

        print(f"{len(items)} questions of tests/knowledge/questions.yaml")
        run("as written, search as today", today, twin=False)
        run("as written, normalised", normalised, twin=False)
        run("folded twin, search as today", today, twin=True)
        run("folded twin, normalised", normalised, twin=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
