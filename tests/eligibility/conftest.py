"""Fixtures for the eligibility tests: the real vyzvy.yaml and writable broken copies of it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.eligibility import Calls
from tests.eligibility.elig_support import KNOWLEDGE, VYZVY


@pytest.fixture(scope="session")
def calls() -> Calls:
    """The real knowledge/vyzvy.yaml."""
    return Calls.load(KNOWLEDGE)


@pytest.fixture
def knowledge_with(tmp_path: Path) -> Callable[[str], Path]:
    """Write the given vyzvy.yaml text into a fresh knowledge folder and return that folder."""

    def factory(text: str) -> Path:
        folder = tmp_path / "knowledge"
        folder.mkdir(exist_ok=True)
        (folder / "vyzvy.yaml").write_text(text, encoding="utf-8")
        return folder

    return factory


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    """A writable copy of the real knowledge/vyzvy.yaml in its own knowledge folder."""
    folder = tmp_path / "knowledge"
    folder.mkdir()
    shutil.copy(VYZVY, folder / "vyzvy.yaml")
    return folder
