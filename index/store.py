"""The index on disk: write a build into its own folder, publish it atomically, load it read-only.

Layout under DATA_DIR:
    indexes/<build-id>/   manifest.json, vectors.faiss, sentences.npy, chunks.json, bm25.json,
                          curated.json + curated.npy (curated answers and their phrasings' vectors),
                          tables/ (the validated data tables)
    index -> indexes/<build-id>   a symlink, replaced with one rename(2): readers see old or new, never half
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index.bm25 import BM25
from index.embeddings import vector_space
from index.errors import IndexCorrupt, IndexMissing, ModelMismatch

FORMAT_VERSION = 2  # 2: the validated data tables travel with the build (tables/)
KEEP_PREVIOUS_BUILDS = 1  # the one before the current stays, for readers still holding it

MANIFEST = "manifest.json"
VECTORS = "vectors.faiss"
SENTENCES = "sentences.npy"
CHUNKS = "chunks.json"
BM25_FILE = "bm25.json"
TABLES_DIR = "tables"  # verbatim copies of the validated data tables (obce.csv, mas.yaml, …)
CURATED = "curated.json"
CURATED_VECTORS = "curated.npy"
OFFTOPIC_VECTORS = "offtopic.npy"  # example questions outside the topics (knowledge/mimo-temata.yaml)


@dataclass(frozen=True, slots=True)
class ChunkRecord:
    chunk_id: str
    file: str
    title: str
    breadcrumb: str
    text: str
    sentences: tuple[str, ...]
    sentence_start: int  # row of the first sentence in the sentence matrix
    source: str | None  # the section's first cited source, else the document's first
    as_of: str | None
    sources: tuple[tuple[str, str | None], ...] = ()  # (url, as_of) the section cites on its "Zdroj:" lines
    # Per sentence, indexes into `sources` of the URLs that support it (empty: all of the section's).
    sentence_sources: tuple[tuple[int, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class CuratedRecord:
    """A curated answer as the bot serves it; its phrasings' vectors are rows of `curated_vectors`."""

    id: str
    file: str
    question: str
    alternatives: tuple[str, ...]
    body: str
    sources: tuple[tuple[str, str | None], ...]  # (url, as_of)
    lang: str
    translation_of: str | None
    updated: str | None
    phrasing_start: int  # first row in curated_vectors; len(phrasings) rows follow

    @property
    def phrasings(self) -> tuple[str, ...]:
        return (self.question, *self.alternatives)

    def to_json(self) -> dict[str, object]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CuratedRecord:
        return cls(
            **{
                **data,
                "alternatives": tuple(data["alternatives"]),
                "sources": tuple((url, as_of) for url, as_of in data["sources"]),
            }
        )


@dataclass(frozen=True)
class Manifest:
    """What a build is: written last, so its presence marks a complete build."""

    format: int
    build_id: str
    model: str
    vector_space: str
    dim: int
    chunk_count: int
    document_count: int
    sentence_count: int
    content_hash: str
    built_at: str
    versions: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)  # file -> content hash
    tables: dict[str, str] = field(default_factory=dict)  # table file -> content hash
    files: dict[str, str] = field(default_factory=dict)  # every file the build read -> SHA-256 of its bytes

    def to_json(self) -> dict[str, object]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: object) -> Manifest:
        """Raises ValueError when `data` is not a manifest of this format (wrong type, missing keys)."""
        if not isinstance(data, dict):
            raise ValueError(f"manifest is a {type(data).__name__}, not an object")
        if data.get("format") != FORMAT_VERSION:
            raise _OldFormat(data.get("format"))
        values = {}
        for f in dataclasses.fields(cls):
            if f.name not in data:
                if f.default_factory is not dataclasses.MISSING:
                    continue
                raise ValueError(f"manifest has no {f.name!r}")
            values[f.name] = data[f.name]
        manifest = cls(**values)
        for f in dataclasses.fields(cls):
            expected = {"int": int, "str": str}.get(str(f.type))
            if expected is not None and not isinstance(getattr(manifest, f.name), expected):
                raise ValueError(f"manifest field {f.name!r} has the wrong type")
        return manifest


class _OldFormat(ValueError):
    def __init__(self, found: object) -> None:
        super().__init__(f"index format {found!r} is not supported")


@dataclass(frozen=True)
class IndexData:
    """Everything one published build holds, in memory."""

    path: Path
    manifest: Manifest
    vectors: faiss.Index
    sentence_vectors: np.ndarray
    chunks: list[ChunkRecord]
    bm25: BM25
    curated: list[CuratedRecord] = field(default_factory=list)
    curated_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    offtopic_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))

    @property
    def build_id(self) -> str:
        return self.manifest.build_id

    @property
    def tables_dir(self) -> Path:
        return self.path / TABLES_DIR


@dataclass
class BuildContents:
    """Everything `write_build` writes."""

    manifest: Manifest
    vectors: np.ndarray
    sentence_vectors: np.ndarray
    chunks: list[dict[str, object]]
    bm25: BM25
    tables: list[Path]  # table files to copy verbatim
    curated: list[CuratedRecord] = field(default_factory=list)
    curated_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    offtopic_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))


def write_build(folder: Path, contents: BuildContents) -> None:
    """Write one build's files and fsync them; the manifest goes last and marks the build complete."""
    folder.mkdir(parents=True)
    (folder / TABLES_DIR).mkdir()
    for table in contents.tables:
        shutil.copyfile(table, folder / TABLES_DIR / table.name)
    index = faiss.IndexFlatIP(contents.vectors.shape[1])
    index.add(np.ascontiguousarray(contents.vectors, np.float32))
    faiss.write_index(index, str(folder / VECTORS))
    np.save(folder / SENTENCES, np.ascontiguousarray(contents.sentence_vectors, np.float32))
    curated_vectors = contents.curated_vectors.reshape(-1, contents.vectors.shape[1])
    np.save(folder / CURATED_VECTORS, np.ascontiguousarray(curated_vectors, np.float32))
    offtopic_vectors = contents.offtopic_vectors.reshape(-1, contents.vectors.shape[1])
    np.save(folder / OFFTOPIC_VECTORS, np.ascontiguousarray(offtopic_vectors, np.float32))
    _write_json(folder / CHUNKS, {"chunks": contents.chunks})
    _write_json(folder / BM25_FILE, contents.bm25.to_json())
    _write_json(folder / CURATED, {"curated": [c.to_json() for c in contents.curated]})
    _write_json(folder / MANIFEST, contents.manifest.to_json())
    for name in (VECTORS, SENTENCES, CURATED_VECTORS, OFFTOPIC_VECTORS):
        with open(folder / name, "rb") as fh:
            os.fsync(fh.fileno())


def _write_json(path: Path, data: object) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
        fh.flush()
        os.fsync(fh.fileno())


def publish(data_dir: Path, folder: Path) -> None:
    """Point DATA_DIR/index at `folder` with one atomic rename, then prune old builds."""
    link = data_dir / "index"
    tmp = data_dir / f".index-{os.getpid()}-{time.monotonic_ns()}"
    tmp.symlink_to(Path("indexes") / folder.name)
    if link.exists() and not link.is_symlink():  # a plain folder from a manual copy: keep it aside
        link.rename(data_dir / f"index-replaced-{int(time.time())}")
    os.replace(tmp, link)
    _prune(data_dir, keep=folder.name)


def _prune(data_dir: Path, keep: str) -> None:
    builds = data_dir / "indexes"
    done = sorted(
        (p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    previous = [p for p in done if p.name != keep][:KEEP_PREVIOUS_BUILDS]
    for path in builds.iterdir():
        if path.name != keep and path not in previous:
            shutil.rmtree(path, ignore_errors=True)


def current_build_path(data_dir: Path) -> Path | None:
    """The folder the published index points at now (cheap: one readlink)."""
    link = data_dir / "index"
    try:
        return link.resolve(strict=True) if link.exists() else None
    except OSError:
        return None


def read_manifest(folder: Path) -> Manifest:
    try:
        return Manifest.from_json(json.loads((folder / MANIFEST).read_text(encoding="utf-8")))
    except _OldFormat as exc:
        raise IndexCorrupt(
            f"Index at {folder}: {exc}; rebuild.",
            "Index má starý nebo neznámý formát. Sestavte ho znovu: python -m index build",
        ) from exc
    except FileNotFoundError as exc:
        raise IndexCorrupt(
            f"Index at {folder} has no manifest (incomplete build).",
            "Index je neúplný (chybí manifest). Sestavte ho znovu: python -m index build",
        ) from exc
    except (OSError, ValueError) as exc:
        raise IndexCorrupt(
            f"Index manifest at {folder} is unreadable: {exc}",
            "Manifest indexu je poškozený. Sestavte index znovu: python -m index build",
        ) from exc


def check_model(manifest: Manifest, model: str) -> None:
    built_with = manifest.model
    if vector_space(built_with) != vector_space(model):
        raise ModelMismatch(
            f"Index was built with model {built_with!r} but EMBEDDING_MODEL is {model!r}; rebuild the index.",
            f"Index byl sestaven s modelem {built_with!r}, ale nastavený model je {model!r}. "
            "Sestavte index znovu: python -m index build",
        )


def load_index(data_dir: Path, model: str) -> IndexData:
    """Load the published index; clear errors for missing, corrupt or other-model indexes."""
    folder = current_build_path(data_dir)
    if folder is None:
        raise IndexMissing(
            f"No index in {data_dir}; run `python -m index build` first.",
            "Index zatím neexistuje. Sestavte ho příkazem: python -m index build",
        )
    manifest = read_manifest(folder)
    check_model(manifest, model)
    try:
        vectors = faiss.read_index(str(folder / VECTORS))
        sentence_vectors = np.load(folder / SENTENCES, allow_pickle=False)
        payload = json.loads((folder / CHUNKS).read_text(encoding="utf-8"))
        bm25 = BM25.from_json(json.loads((folder / BM25_FILE).read_text(encoding="utf-8")))
        curated = [
            CuratedRecord.from_json(c) for c in json.loads((folder / CURATED).read_text(encoding="utf-8"))["curated"]
        ]
        curated_vectors = np.load(folder / CURATED_VECTORS, allow_pickle=False)
        offtopic_vectors = np.load(folder / OFFTOPIC_VECTORS, allow_pickle=False)
        chunks = [
            ChunkRecord(
                **{
                    **c,
                    "sentences": tuple(c["sentences"]),
                    "sources": tuple((url, as_of) for url, as_of in c.get("sources", ())),
                    "sentence_sources": tuple(tuple(i) for i in c.get("sentence_sources", ())),
                }
            )
            for c in payload["chunks"]
        ]
    except (OSError, RuntimeError, ValueError, KeyError, TypeError) as exc:
        raise IndexCorrupt(
            f"Index files in {folder} are damaged ({type(exc).__name__}: {exc}); rebuild.",
            "Soubory indexu jsou poškozené. Sestavte index znovu: python -m index build",
        ) from exc
    n = manifest.chunk_count
    if (
        vectors.ntotal != n
        or len(chunks) != n
        or vectors.d != manifest.dim
        or sentence_vectors.ndim != 2
        or sentence_vectors.shape[1] != vectors.d
        or len(bm25.doc_len) != n
        or curated_vectors.ndim != 2
        or (len(curated_vectors) and curated_vectors.shape[1] != vectors.d)
        or sum(len(c.phrasings) for c in curated) != len(curated_vectors)
        or offtopic_vectors.ndim != 2
        or (len(offtopic_vectors) and offtopic_vectors.shape[1] != vectors.d)
    ):
        raise IndexCorrupt(
            f"Index files in {folder} disagree with the manifest; rebuild.",
            "Soubory indexu si neodpovídají. Sestavte index znovu: python -m index build",
        )
    return IndexData(
        folder, manifest, vectors, sentence_vectors, chunks, bm25, curated, curated_vectors, offtopic_vectors
    )
