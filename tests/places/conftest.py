"""Fixtures for the places tests: the real knowledge tables, and writable copies of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.places import Places

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO / "knowledge"
SOURCES = REPO.parent / "shared" / "sources"


@pytest.fixture(scope="session")
def places() -> Places:
    return Places.load(KNOWLEDGE)


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A writable copy of knowledge/obce.csv + mas.yaml (for breaking them on purpose)."""
    folder = tmp_path / "knowledge"
    folder.mkdir()
    for name in ("obce.csv", "mas.yaml"):
        shutil.copy(KNOWLEDGE / name, folder / name)
    return folder
