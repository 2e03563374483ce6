"""Shared fixtures: settings in temp dirs and indexes built for real (real model, real FAISS)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.config import Settings
from index.build import build_index
from tests.paths import FIXTURE_DOCS, KNOWLEDGE, TABLES


@pytest.fixture(scope="session")
def embedding_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One vector cache for the whole run: rebuilding the same text never re-embeds it.

    ``PRUVODCE_TEST_CACHE=<folder>`` keeps the vectors between runs (the same real model computed
    them); by default every run starts empty.
    """
    kept = os.environ.get("PRUVODCE_TEST_CACHE")
    if kept:
        Path(kept).mkdir(parents=True, exist_ok=True)
        return Path(kept)
    return tmp_path_factory.mktemp("embedding-cache")


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory, embedding_cache: Path) -> Settings:
    """Settings whose data_dir holds an index built from the real knowledge/ folder (read-only use)."""
    data_dir = tmp_path_factory.mktemp("data")
    settings = Settings(knowledge_dir=KNOWLEDGE, data_dir=data_dir, embedding_cache_dir=embedding_cache, _env_file=None)
    build_index(settings.index_config)
    return settings


@pytest.fixture(scope="session")
def engine(built_index: Settings):
    """One Engine over the real knowledge base, shared by read-only tests."""
    from bot.engine import Engine

    return Engine.load(built_index)


@pytest.fixture
def small_knowledge(tmp_path: Path) -> Path:
    """A writable copy of a small fixture knowledge folder plus the real data tables."""
    target = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_DOCS, target)
    for name in TABLES:
        if (KNOWLEDGE / name).exists():
            shutil.copy(KNOWLEDGE / name, target / name)
    return target


@pytest.fixture
def make_settings(tmp_path: Path, embedding_cache: Path) -> Callable[..., Settings]:
    """Settings factory in this test's temp dir; keyword arguments override fields."""

    def factory(**overrides: object) -> Settings:
        values: dict[str, object] = {
            "knowledge_dir": tmp_path / "knowledge",
            "data_dir": tmp_path / "var",
            "embedding_cache_dir": embedding_cache,
        }
        values.update(overrides)
        return Settings(_env_file=None, **values)  # type: ignore[arg-type]

    return factory


@pytest.fixture
def small_index(small_knowledge: Path, make_settings: Callable[..., Settings]) -> Settings:
    """Settings with an index freshly built from `small_knowledge` (writable, per test)."""
    settings = make_settings(knowledge_dir=small_knowledge)
    build_index(settings.index_config)
    return settings
