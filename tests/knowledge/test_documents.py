"""Every knowledge document carries the metadata staff and answers rely on (knowledge/README.md)."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from index.chunks import chunk_document, plain_text
from kb.documents import document_paths, load_documents
from kb.problems import Severity
from tests.knowledge.evaluate import ANSWERABLE, facts_of, load
from tests.paths import KNOWLEDGE

MAX_SECTION_CHARS = 1500


def first_day(as_of: str) -> dt.date:
    """A source date at the precision the source gives ("2024-07-01", "2024-07", "2024") as its first day."""
    year, month, day = ([int(p) for p in as_of.split("-")] + [1, 1])[:3]
    return dt.date(year, month, day)


@pytest.fixture(scope="module")
def loaded():
    return load_documents(KNOWLEDGE)


def test_every_markdown_file_loads_without_errors(loaded) -> None:
    errors = [p.format() for p in loaded.problems if p.severity is Severity.ERROR]
    assert errors == []
    assert len(loaded.documents) == len(document_paths(KNOWLEDGE))
    assert len(loaded.documents) >= 13


def test_every_document_has_title_sources_dates_and_text(loaded) -> None:
    for doc in loaded.documents:
        assert doc.title.strip(), doc.file
        assert doc.sources, f"{doc.file}: no source"
        for src in doc.sources:
            assert src.url.startswith(("http://", "https://")), f"{doc.file}: {src.url}"
        dated = [s for s in doc.sources if s.as_of]
        assert dated, f"{doc.file}: no source with an as_of date"
        for src in dated:
            assert first_day(src.as_of) <= dt.date.fromisoformat(doc.updated), f"{doc.file}: {src}"
        assert doc.updated, f"{doc.file}: no updated date"
        assert len(plain_text(doc.body).split()) >= 50, f"{doc.file}: almost no text"


def test_front_matter_is_plain_yaml_with_required_fields() -> None:
    """Parse the header independently of the project loader, as a second opinion."""
    for path in document_paths(KNOWLEDGE):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\n"), path.name
        header = text.split("\n---\n", 1)[0][4:]
        meta = yaml.safe_load(header)
        assert set(meta) >= {"title", "sources", "updated"}, path.name
        assert isinstance(meta["updated"], dt.date), path.name
        for src in meta["sources"]:
            assert set(src) <= {"url", "as_of"}, f"{path.name}: {src}"
            if "as_of" in src:  # a full date, or a month ("2024-07") or year (2024) when the source gives no day
                value = src["as_of"]
                ok = isinstance(value, dt.date) or (isinstance(value, int) and 1990 <= value <= 2100)
                ok = ok or (isinstance(value, str) and len(value) == 7 and first_day(value).day == 1)
                assert ok, f"{path.name}: {src}"


def test_sections_are_small_enough_to_stay_whole(loaded) -> None:
    """Each chunk is one heading section: never split, so its first sentence keeps its subject."""
    for doc in loaded.documents:
        chunks = chunk_document(doc)
        breadcrumbs = [c.breadcrumb for c in chunks]
        assert len(breadcrumbs) == len(set(breadcrumbs)), f"{doc.file}: a section was split or duplicated"
        for chunk in chunks:
            assert len(chunk.text) <= MAX_SECTION_CHARS, f"{chunk.breadcrumb}: {len(chunk.text)} characters"


def test_file_names_are_ascii_kebab_case() -> None:
    for path in document_paths(KNOWLEDGE):
        assert path.parent == KNOWLEDGE, path
        assert path.stem.isascii() and path.stem == path.stem.lower() and " " not in path.stem, path.name


def test_question_set_facts_are_literally_in_their_documents() -> None:
    """A question's key fact must be text of its document, or the quality test would be meaningless."""
    questions = [item for name in ANSWERABLE for item in load(name)]
    assert len(questions) >= 300
    files = {p.name for p in document_paths(KNOWLEDGE)}
    covered = set()
    for item in questions:
        assert item["doc"] in files, item
        body = plain_text((KNOWLEDGE / item["doc"]).read_text(encoding="utf-8")).casefold()
        assert any(f.casefold() in body for f in facts_of(item)), item
        covered.add(item["doc"])
    assert covered == files, f"documents without questions: {sorted(files - covered)}"
