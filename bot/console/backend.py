"""The console's one door to the knowledge layer, the index and the engine.

Routes, templates and the save pipeline call only these functions; every import of `kb`, `index`,
`bot.engine`, `bot.answers`, `bot.formatting`, `bot.places` and `bot.eligibility` lives here, so a
restructuring of those packages is re-pointed in this one file. The validators are the very ones
`python -m index check` runs, and answers come from the same `Engine` the bot and `bot ask` use.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from markdown_it import MarkdownIt
from markupsafe import Markup

from bot.config import Settings
from kb.problems import Problem, Severity  # re-exported: the rest of the console imports them from here

log = logging.getLogger(__name__)
__all__ = ["Problem", "Severity"]  # plus the functions below

CURATED_DIR = "odpovedi"
OBCE_FILE = "obce.csv"
MAS_FILE = "mas.yaml"
CALLS_FILE = "vyzvy.yaml"

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


# --- formatting shared with the bot ----------------------------------------------------------------


def date_cs(value: object) -> str:
    """ISO date at any precision → Czech form ("1. 7. 2024", "7/2024", "2024"); "" for nothing."""
    from kb.text import format_date_cs

    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date_cs(value if isinstance(value, dt.date) else str(value)) or str(value)


def render_markdown(text: str) -> Markup:
    """Markdown → HTML for viewing documents (raw HTML in the source is escaped, not rendered).

    Headings move one level down: the page's own title is its only <h1>.
    """
    html = re.sub(r"<(/?)h([1-5])>", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}>", _MARKDOWN.render(text))
    return Markup(html)


# --- checks ---------------------------------------------------------------------------------------------


def check_knowledge(knowledge_dir: Path, today: dt.date | None = None) -> list[Problem]:
    """Everything `python -m index check` reports for the folder."""
    from index.check import run_check

    return run_check(knowledge_dir, today)[1]


_CHECKED: dict[str, tuple[tuple[tuple[str, int, int], ...], list[Problem]]] = {}


def _stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(
        (str(p), st.st_mtime_ns, st.st_size)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts) and (st := p.stat())
    )


def check_knowledge_cached(knowledge_dir: Path) -> list[Problem]:
    """`check_knowledge` for today, recomputed only when a file in the folder changed."""
    key, stamp = str(knowledge_dir.resolve()), _stamp(knowledge_dir)
    cached = _CHECKED.get(key)
    if cached is None or cached[0] != stamp:
        cached = (stamp, check_knowledge(knowledge_dir))
        _CHECKED[key] = cached
    return cached[1]


@dataclass
class CandidateCheck:
    """The folder's problems as it would be after a change, and which errors the change brings."""

    problems: list[Problem]
    new_errors: list[Problem]

    def for_file(self, file: str) -> list[Problem]:
        return [p for p in self.problems if p.file == file]


def _key(problem: Problem) -> tuple[str, str]:
    return problem.file, problem.message


def check_candidate(
    knowledge_dir: Path,
    changes: Mapping[str, str | None],
    today: dt.date | None = None,
    *,
    scratch: Path | None = None,
) -> CandidateCheck:
    """Run the `index check` validators over a copy of the folder with `changes` applied.

    `changes` maps paths inside the folder to their new text (None = deleted). Errors that are
    already there without the change do not count against it, so staff can fix one thing while
    another file is still broken. The copy keeps the folder's name, so messages read the same; it
    lives in `scratch` (the console passes DATA_DIR, so nothing is written anywhere else).
    """
    current = check_knowledge(knowledge_dir, today) if today else check_knowledge_cached(knowledge_dir)
    before = {_key(p) for p in current if p.severity is Severity.ERROR}
    if scratch is not None:
        scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="konzole-kontrola-", dir=scratch) as tmp:
        overlay = Path(tmp) / knowledge_dir.name
        shutil.copytree(knowledge_dir, overlay, ignore=shutil.ignore_patterns(".*"))
        for relative, text in changes.items():
            target = overlay / relative
            if text is None:
                target.unlink(missing_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(text.encode("utf-8"))
        after = check_knowledge(overlay, today)
    new = [p for p in after if p.severity is Severity.ERROR and _key(p) not in before]
    return CandidateCheck(after, new)


def display_file(knowledge_dir: Path, relative: str) -> str:
    """How staff and check messages name a file: "knowledge/opst.md"."""
    return f"{knowledge_dir.name}/{relative}"


# --- documents ------------------------------------------------------------------------------------------


@dataclass
class DocumentInfo:
    id: str  # path inside the folder without ".md": "opst"
    relative: str  # "opst.md"
    file: str  # "knowledge/opst.md"
    title: str
    updated: str | None
    sources: list[tuple[str, str | None]]
    problems: list[Problem]
    body: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def _document_info(path: Path, knowledge_dir: Path, today: dt.date | None, text: str | None = None) -> DocumentInfo:
    from kb.documents import parse_document

    doc, problems = parse_document(path, knowledge_dir, today, text=text)
    relative = path.relative_to(knowledge_dir).as_posix()
    return DocumentInfo(
        id=relative.rsplit(".", 1)[0],
        relative=relative,
        file=display_file(knowledge_dir, relative),
        title=doc.title if doc else path.name,
        updated=doc.updated if doc else None,
        sources=[(s.url, s.as_of) for s in doc.sources] if doc else [],
        problems=problems,
        body=doc.body if doc else "",
    )


def list_documents(knowledge_dir: Path, today: dt.date | None = None) -> list[DocumentInfo]:
    from kb.documents import document_paths

    if not knowledge_dir.is_dir():
        return []
    return [_document_info(p, knowledge_dir, today) for p in document_paths(knowledge_dir)]


def document_relative(knowledge_dir: Path, doc_id: str) -> str | None:
    """The existing document with this id (picked from the folder's list, never built from the id)."""
    from kb.documents import document_paths

    if not knowledge_dir.is_dir():
        return None
    for path in document_paths(knowledge_dir):
        relative = path.relative_to(knowledge_dir).as_posix()
        if relative.rsplit(".", 1)[0] == doc_id:
            return relative
    return None


def document_from_text(knowledge_dir: Path, relative: str, text: str, today: dt.date | None = None) -> DocumentInfo:
    """Parse unsaved text as if it were the file `relative` (for the live check)."""
    return _document_info(knowledge_dir / relative, knowledge_dir, today, text=text)


@dataclass
class PassagePreview:
    breadcrumb: str
    text: str
    line: int
    sentences: int
    sources: tuple[str, ...]


def preview_passages(
    knowledge_dir: Path, relative: str, text: str, today: dt.date | None = None
) -> list[PassagePreview]:
    """The passages (search chunks) the text becomes in the index; empty when it does not parse."""
    from index.chunks import chunk_document
    from kb.documents import parse_document

    doc, _ = parse_document(knowledge_dir / relative, knowledge_dir, today, text=text)
    if doc is None:
        return []
    return [PassagePreview(c.breadcrumb, c.text, c.line, len(c.sentences), c.sources) for c in chunk_document(doc)]


# --- curated answers ------------------------------------------------------------------------------------


@dataclass
class CuratedInfo:
    id: str  # "rekvalifikace" or "uk/rekvalifikace"
    relative: str  # "odpovedi/rekvalifikace.md"
    file: str
    answer: Any | None  # kb.curated.CuratedAnswer
    problems: list[Problem]
    question: str


def curated_relative(answer_id: str) -> str:
    return f"{CURATED_DIR}/{answer_id}.md"


def list_curated(knowledge_dir: Path, today: dt.date | None = None) -> list[CuratedInfo]:
    """Every curated answer with its own problems and the cross-file ones (duplicates, stale translations)."""
    from kb.curated import answer_id, curated_paths, load_curated, parse_curated

    items = []
    cross = [p for p in load_curated(knowledge_dir, today)[1] if p.line is None] if knowledge_dir.is_dir() else []
    for path in curated_paths(knowledge_dir):
        answer, problems = parse_curated(path, knowledge_dir, today)
        relative = path.relative_to(knowledge_dir).as_posix()
        file = display_file(knowledge_dir, relative)
        problems = problems + [p for p in cross if p.file == file and p not in problems]
        question = answer.question if answer else path.stem
        items.append(CuratedInfo(answer_id(path, knowledge_dir), relative, file, answer, problems, question))
    return items


def curated_exists(knowledge_dir: Path, answer_id: str) -> str | None:
    """The relative path of an existing curated answer with this id (from the folder's list)."""
    from kb.curated import answer_id as id_of
    from kb.curated import curated_paths

    for path in curated_paths(knowledge_dir):
        if id_of(path, knowledge_dir) == answer_id:
            return path.relative_to(knowledge_dir).as_posix()
    return None


def parse_curated_text(
    knowledge_dir: Path, relative: str, text: str, today: dt.date | None = None
) -> tuple[Any | None, list[Problem]]:
    from kb.curated import parse_curated

    return parse_curated(knowledge_dir / relative, knowledge_dir, today, text=text)


def curated_preview(answer: Any) -> str:
    """A curated answer (`kb.curated.CuratedAnswer`) exactly as the bot says it: the bot's own renderer."""
    from bot.answer import Answer, Source
    from bot.intent import QuestionKind
    from bot.render import render_plain

    sources = [Source("", s.url, answer.file, s.as_of) for s in answer.sources]
    return render_plain(Answer(answer.question, answer.body.strip(), True, sources=sources, kind=QuestionKind.CURATED))


# --- calls (vyzvy.yaml) ---------------------------------------------------------------------------------


def call_codes() -> dict[str, dict[str, str]]:
    """Applicant, topic and territory codes with their Czech labels (the form's choices)."""
    from kb.calls import APPLICANTS, TERRITORY_TYPES, TOPICS

    return {"applicants": dict(APPLICANTS), "topics": dict(TOPICS), "territory": dict(TERRITORY_TYPES)}


def call_constants() -> dict[str, str]:
    from kb.calls import AS_OF_UNKNOWN, ONGOING

    return {"ongoing": ONGOING, "as_of_unknown": AS_OF_UNKNOWN}


def list_calls(knowledge_dir: Path) -> tuple[list[Any], list[Problem]]:
    """Valid calls (`kb.calls.Call`) and every problem of vyzvy.yaml."""
    from kb.calls import read_calls

    return read_calls(knowledge_dir)


def call_status(call: Any, on: dt.date) -> tuple[str, str]:
    """(status, Czech detail) of a call on a given day, exactly as /overit computes it."""
    from bot.eligibility import call_status as status

    return status(call, on)


def call_statuses() -> dict[str, str]:
    """Status words → CSS class."""
    from bot.eligibility import CLOSED, OPEN, PLANNED, UNKNOWN

    return {OPEN: "open", PLANNED: "planned", CLOSED: "closed", UNKNOWN: "unknown"}


# --- places (obce.csv, mas.yaml) --------------------------------------------------------------------------


@dataclass
class PlacesTable:
    municipalities: list[Any]  # kb.places.Municipality
    mas: dict[str, str]  # id → name
    okresy: tuple[str, ...]
    columns: tuple[str, ...]
    error: str | None = None


def places_table(knowledge_dir: Path) -> PlacesTable:
    from kb.places import OKRESY, REQUIRED_COLUMNS, read_places

    data, problems = read_places(knowledge_dir)
    if data is None:
        first = next((p.format() for p in problems if p.severity is Severity.ERROR), "neznámá chyba")
        return PlacesTable([], {}, OKRESY, REQUIRED_COLUMNS, f"Tabulky obcí a MAS nejde přečíst – {first}")
    return PlacesTable(list(data.municipalities), {m.id: m.name for m in data.mas.values()}, OKRESY, REQUIRED_COLUMNS)


def valid_source_urls(value: str) -> bool:
    """The obce.csv rule for sources: one or more http(s) URLs separated by ";"."""
    from kb.places import valid_sources

    return valid_sources(value)


def fold_lower(text: str) -> str:
    """Lowercase without diacritics: how names are compared when staff search."""
    from kb.text import fold_lower as fold

    return fold(text)


def resolve_place(knowledge_dir: Path, text: str) -> dict[str, Any]:
    """What `bot mas --json TEXT` says (for showing staff the effect of an assignment)."""
    from bot.places import Places

    return Places.load(knowledge_dir).resolve(text).to_json()


# --- index, engine, answers -----------------------------------------------------------------------------


@dataclass
class IndexInfo:
    build_id: str
    built_at: str
    documents: int
    chunks: int
    sentences: int
    model: str
    files: dict[str, str]


def index_info(settings: Settings) -> IndexInfo | None:
    """The published index's manifest (None when there is none or it is unreadable)."""
    from index.errors import IndexUnavailable
    from index.store import current_build_path, read_manifest

    folder = current_build_path(settings.data_dir)
    if folder is None:
        return None
    try:
        m = read_manifest(folder)
    except IndexUnavailable:
        return None
    return IndexInfo(m.build_id, m.built_at, m.document_count, m.chunk_count, m.sentence_count, m.model, dict(m.files))


@dataclass
class BuildOutcome:
    ok: bool
    published: bool
    build_id: str | None
    seconds: float
    message: str  # Czech, for staff
    problems: list[Problem] = field(default_factory=list)


def rebuild_index(settings: Settings) -> BuildOutcome:
    """An incremental `index build`; a refused or failed build keeps the last good index serving."""
    from index.build import build_index
    from index.errors import BuildRefused

    started = time.perf_counter()
    try:
        report = build_index(settings.index_config)
    except BuildRefused as exc:
        problems = list(exc.args[0]) if exc.args else []
        errors = [p for p in problems if p.severity is Severity.ERROR]
        detail = "; ".join(p.format() for p in errors[:3])
        return BuildOutcome(
            False,
            False,
            None,
            time.perf_counter() - started,
            f"Index se nesestavil kvůli chybám ve znalostech: {detail}",
            problems,
        )
    except Exception as exc:  # the old index keeps serving; staff see why
        log.exception("Index build failed")
        return BuildOutcome(
            False,
            False,
            None,
            time.perf_counter() - started,
            f"Sestavení indexu selhalo ({type(exc).__name__}: {exc}).",
        )
    return BuildOutcome(True, report.published, report.build_id, report.seconds, report.summary_cs(), report.problems)


class EngineHolder:
    """The console's own Engine (for /vyzkouset and gap grouping), loaded lazily, reloaded after builds."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._engine: Any | None = None
        self.error: str | None = None
        self._lock = threading.Lock()

    def get(self) -> Any | None:
        with self._lock:  # one load, even when several pages ask at once
            if self._engine is None:
                from bot.engine import Engine
                from index.errors import IndexUnavailable, ModelUnavailable

                try:
                    self._engine = Engine.load(self.settings)
                    self.error = None
                except (IndexUnavailable, ModelUnavailable) as exc:
                    self.error = exc.message_cs
            return self._engine

    def reload(self) -> None:
        if self._engine is None:
            self.get()
            return
        try:
            self._engine.reload_if_changed()
        except Exception:
            log.exception("Console engine reload failed; keeping the loaded index")

    @property
    def build_id(self) -> str | None:
        return self._engine.index.build_id if self._engine is not None else None


KIND_LABELS = {
    "curated": "Připravená odpověď",
    "documents": "Citace z dokumentů",
    "eligibility": "Ověření nároku (výzvy)",
    "place": "MAS podle obce",
    "small_talk": "Pozdrav nebo poděkování",
    "not_known": "Nevím – bez jisté odpovědi",
    "empty": "Prázdná otázka",
}
QUESTION_LABELS = {
    "amount": "kolik",
    "date": "kdy / do kdy",
    "who": "kdo",
    "contact": "kontakt",
    "procedure": "postup",
    "definition": "co je",
    "yesno": "ano/ne",
    "comparison": "rozdíl",
}


def answer_kind(answer: Any) -> str:
    """What kind of reply the bot gave (from the answer's own kind)."""
    from bot.intent import QuestionKind

    kind = answer.kind
    if kind is QuestionKind.CURATED:
        return "curated"
    if kind is QuestionKind.FUNDING:
        return "eligibility"
    if kind is QuestionKind.PLACE or answer.place_lead:
        return "place"
    if kind in (QuestionKind.GREETING, QuestionKind.THANKS):
        return "small_talk"
    if kind is QuestionKind.EMPTY:
        return "empty"
    return "documents" if answer.confident else "not_known"


@dataclass
class TryResult:
    question: str
    text: str
    confident: bool
    kind: str
    kind_label: str
    passages: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    mas: dict[str, Any] | None
    build_id: str | None


def try_question(engine: Any, question: str) -> TryResult:
    """Exactly what the bot would answer, with the passages behind it."""
    answer = engine.answer(question)
    quoted = set(getattr(answer, "quoted", ()) or ())
    passages = [
        {**p.to_json(), "breadcrumb": p.breadcrumb, "quoted": p.chunk_id in quoted, "score": round(p.score, 4)}
        for p in answer.passages[:5]
    ]
    kind = answer_kind(answer)
    data = answer.to_json()
    return TryResult(
        question=question,
        text=answer.text,
        confident=answer.confident,
        kind=kind,
        kind_label=KIND_LABELS.get(kind, kind),
        passages=passages,
        sources=[s.to_json() for s in answer.sources],
        mas=data.get("mas"),
        build_id=engine.index.build_id,
    )


def unknown_words(engine: Any, questions: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Words of (question, times asked) that no passage of the engine's index contains, most frequent first."""
    from index.gaps import gap_words

    return gap_words(questions, engine.index, engine.normalizer)


def answered_by_bot(engine: Any, question: str) -> bool:
    """Was a logged "unanswered" question in fact answered (a municipality, an eligibility report,
    a greeting) or is it answered confidently by today's knowledge?"""
    answer = engine.answer(question)
    kind = answer_kind(answer)
    if kind in ("eligibility", "place", "small_talk", "documents", "curated"):
        return True
    place = answer.place
    found = place is not None and place.status in ("assigned", "no_mas", "unknown")
    return found and len(question.split()) <= 4  # a bare municipality name: the MAS line answered it


def embed_questions(engine: Any, texts: list[str]) -> np.ndarray:
    """Question vectors from the engine's own embedding model (normalised; rows match `texts`)."""
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    return np.asarray(engine.embedder.embed_queries(texts), dtype=np.float32)
