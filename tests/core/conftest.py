"""Fixtures for the core engine tests: one engine over the small fixture knowledge folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.config import Settings
from index.build import build_index
from tests.paths import FIXTURE_DOCS, KNOWLEDGE, TABLES


@pytest.fixture(scope="module")
def small_engine(tmp_path_factory: pytest.TempPathFactory, embedding_cache: Path):
    from bot.engine import Engine

    root = tmp_path_factory.mktemp("small")
    knowledge = root / "knowledge"
    shutil.copytree(FIXTURE_DOCS, knowledge)
    for name in TABLES:
        shutil.copy(KNOWLEDGE / name, knowledge / name)
    settings = Settings(
        knowledge_dir=knowledge, data_dir=root / "var", embedding_cache_dir=embedding_cache, _env_file=None
    )
    build_index(settings.index_config)
    return Engine.load(settings)
