"""Fixtures for the places tests: the real knowledge tables, and writable copies of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.places import Places
from tests.paths import KNOWLEDGE


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
