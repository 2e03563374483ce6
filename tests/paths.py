"""Paths every test folder uses: the repository, its knowledge folder, the fixture folder, the fact pack."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_DOCS = FIXTURES / "knowledge"
TABLES = ("obce.csv", "mas.yaml", "vyzvy.yaml")
# The fact pack the knowledge base is written from; present on the team's machines, absent in CI.
SOURCES = ROOT.parent / "shared" / "sources"
