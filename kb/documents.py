"""Knowledge documents: Markdown with front matter (title, sources, updated, tags), one topic per file."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from kb.markdown import SourceRef, check_cited_urls, parse_sources, parse_updated, read_markdown
from kb.problems import Problem, Report, Severity, display_path

SKIPPED_NAMES = {"readme.md"}  # the staff guide lives in knowledge/ but is not knowledge
CURATED_DIR = "odpovedi"  # curated question–answer files (kb.curated), not documents
TABLE_SUFFIXES = {".csv", ".yaml", ".yml"}
FIELDS_HINT = "title, sources a updated"


@dataclass(frozen=True, slots=True)
class Document:
    path: Path
    file: str  # as shown to staff and in answers: "knowledge/opst.md"
    title: str
    sources: tuple[SourceRef, ...]
    updated: str | None
    body: str
    body_start_line: int  # 1-based line of the body's first line in the file

    @property
    def as_of(self) -> str | None:
        """Newest source date: the date the document's facts are valid for."""
        dates = [s.as_of for s in self.sources if s.as_of]
        return max(dates) if dates else None

    @property
    def primary_url(self) -> str | None:
        return self.sources[0].url if self.sources else None


@dataclass
class LoadResult:
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() == ".md"


def document_paths(knowledge_dir: Path) -> list[Path]:
    """Markdown files that are documents (sorted, so builds are reproducible); `*.MD` counts too."""
    paths = []
    for path in sorted(knowledge_dir.rglob("*")):
        rel = path.relative_to(knowledge_dir)
        if not path.is_file() or not is_markdown(path) or path.name.lower() in SKIPPED_NAMES:
            continue
        if rel.parts[0] == CURATED_DIR or any(p.startswith((".", "_")) for p in rel.parts):
            continue
        paths.append(path)
    return paths


def parse_document(
    path: Path, knowledge_dir: Path, today: dt.date | None = None, *, text: str | None = None
) -> tuple[Document | None, list[Problem]]:
    """Parse one file (or `text` as if it were that file); the document (None when unusable) and its problems."""
    today = today or dt.date.today()
    report = Report(display_path(path, knowledge_dir))
    md = read_markdown(path, report, fields_hint=FIELDS_HINT, text=text)
    if md is None:
        return None, report.problems
    title = md.meta.get("title")
    if not isinstance(title, str) or not title.strip():
        report.error(2, "Chybí název dokumentu: doplňte do hlavičky řádek „title: …“.")
    sources = parse_sources(md, report, today)
    updated_ok, updated = parse_updated(md, report, today)
    if not re.search(r"\w", md.body):
        report.error(md.header_end + 2, "Dokument nemá žádný text pod hlavičkou.")
    if sources is not None:
        check_cited_urls(md, sources, report)
    if report.error_count or sources is None or not updated_ok or not isinstance(title, str):
        return None, report.problems
    return (
        Document(
            path=path,
            file=report.file,
            title=title.strip(),
            sources=sources,
            updated=updated,
            body=md.body,
            body_start_line=md.body_start_line,
        ),
        report.problems,
    )


def load_documents(knowledge_dir: Path, today: dt.date | None = None) -> LoadResult:
    """Every document of the folder with all problems found; duplicate titles are errors."""
    result = LoadResult()
    if not knowledge_dir.is_dir():
        result.problems.append(
            Problem(
                str(knowledge_dir),
                None,
                Severity.ERROR,
                "Složka se znalostmi neexistuje. Zkontrolujte nastavení KNOWLEDGE_DIR.",
            )
        )
        return result
    for path in document_paths(knowledge_dir):
        doc, problems = parse_document(path, knowledge_dir, today)
        result.problems.extend(problems)
        if doc:
            result.documents.append(doc)
    result.problems.extend(_duplicate_titles(result.documents))
    if not result.documents and not result.errors:
        result.problems.append(
            Problem(
                display_path(knowledge_dir, knowledge_dir.parent),
                None,
                Severity.ERROR,
                "Ve složce není žádný dokument (.md). Bez dokumentů nejde sestavit index.",
            )
        )
    result.problems.extend(_unsupported_files(knowledge_dir))
    return result


def _duplicate_titles(documents: list[Document]) -> list[Problem]:
    seen: dict[str, Document] = {}
    problems = []
    for doc in documents:
        key = doc.title.casefold()
        if key in seen:
            problems.append(
                Problem(
                    doc.file,
                    2,
                    Severity.ERROR,
                    f"Stejný název „{doc.title}“ už má {seen[key].file}. Každý dokument potřebuje vlastní název.",
                )
            )
        else:
            seen[key] = doc
    return problems


def _unsupported_files(knowledge_dir: Path) -> list[Problem]:
    problems = []
    for path in sorted(knowledge_dir.rglob("*")):
        rel = path.relative_to(knowledge_dir)
        if not path.is_file() or any(p.startswith(".") for p in rel.parts):
            continue
        if is_markdown(path) or path.suffix.lower() in TABLE_SUFFIXES:
            continue
        problems.append(
            Problem(
                display_path(path, knowledge_dir),
                None,
                Severity.WARNING,
                "Tento soubor se nenačítá (podporované jsou .md dokumenty a tabulky "
                ".csv/.yaml). Pokud má být ve znalostech, převeďte ho do Markdownu.",
            )
        )
    return problems
