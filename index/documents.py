"""Load and validate the Markdown documents of `knowledge/` (YAML front matter, DESIGN.md §3).

One bad file never stops the others: problems are collected, good documents are returned.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from index.problems import Problem, Severity, display_path

STALE_AFTER_DAYS = 365
MAX_DOCUMENT_BYTES = 2_000_000
SKIPPED_NAMES = {"readme.md"}  # the staff guide lives in knowledge/ but is not knowledge


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, so a wrong date is our message, not a crash."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# Same rule as index.chunks.SOURCE_LINE (not imported: chunks depends on this module).
_SOURCE_LINE = re.compile(r"^\s*[*_]*zdroj(e)?\s*:", re.IGNORECASE)
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\[\];]+")


def find_urls(text: str) -> list[str]:
    """URLs in a line of text; trailing punctuation and unbalanced closing brackets are not part of them."""
    urls = []
    for url in _URL_IN_TEXT.findall(text):
        while url and (url[-1] in ".,:!?\"'„“" or (url[-1] == ")" and url.count("(") < url.count(")"))):
            url = url[:-1]
        urls.append(url)
    return urls


_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SourceRef:
    url: str
    as_of: str | None  # "2024-07-01", "2024-07" or "2024": the precision the source gives


@dataclass(frozen=True, slots=True)
class Document:
    path: Path
    file: str  # as shown to staff and in answers: "knowledge/opst.md"
    title: str
    sources: tuple[SourceRef, ...]
    updated: str | None
    tags: tuple[str, ...]
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


def document_paths(knowledge_dir: Path) -> list[Path]:
    """Markdown files that are documents (sorted, so builds are reproducible)."""
    paths = []
    for path in sorted(knowledge_dir.rglob("*.md")):
        rel = path.relative_to(knowledge_dir)
        if path.name.lower() in SKIPPED_NAMES or any(p.startswith((".", "_")) for p in rel.parts):
            continue
        paths.append(path)
    return paths


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _as_partial_date(value: object) -> str | None:
    """A source date at the precision the source gives: 2024-07-01, 2024-07 or 2024 (None if invalid)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    m = _PARTIAL_DATE.match(value.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return value.strip()


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _key_line(node: yaml.MappingNode | None, key: str, offset: int) -> int:
    """Line of `key` in the front matter (file-relative), for messages that point at it."""
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if getattr(k, "value", None) == key:
                return k.start_mark.line + offset
    return offset


def parse_document(
    path: Path, knowledge_dir: Path, today: dt.date | None = None
) -> tuple[Document | None, list[Problem]]:
    """Parse one file; returns the document (None when unusable) and its problems."""
    today = today or dt.date.today()
    file = display_path(path, knowledge_dir)
    problems: list[Problem] = []

    def problem(line: int | None, severity: Severity, message: str) -> None:
        problems.append(Problem(file, line, severity, message))

    try:
        raw = path.read_bytes()
    except OSError as exc:
        problem(None, Severity.ERROR, f"Soubor nejde přečíst ({exc.strerror}).")
        return None, problems
    if len(raw) > MAX_DOCUMENT_BYTES:
        problem(None, Severity.ERROR, "Soubor je příliš velký (víc než 2 MB). Rozdělte ho na menší dokumenty.")
        return None, problems
    if b"\x00" in raw:
        problem(None, Severity.ERROR, "Soubor není text (je binární). Dokumenty musí být v Markdownu (.md).")
        return None, problems
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problem(line, Severity.ERROR, "Soubor není v kódování UTF-8. Uložte ho v editoru jako UTF-8.")
        return None, problems
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problem(
            1,
            Severity.ERROR,
            "Chybí úvodní hlavička (front matter). Soubor musí začínat řádkem --- "
            "a po něm title, sources a updated, ukončené dalším řádkem ---.",
        )
        return None, problems
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problem(1, Severity.ERROR, "Hlavička (front matter) není ukončená: chybí druhý řádek ---.")
        return None, problems

    header = "\n".join(lines[1:end])
    try:
        node = yaml.compose(header, Loader=_Loader)
        meta = yaml.load(header, Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem(
            line,
            Severity.ERROR,
            "Hlavička má chybný zápis YAML "
            f"({getattr(exc, 'problem', None) or 'neznámá chyba'}). Zkontrolujte odsazení a dvojtečky.",
        )
        return None, problems
    if not isinstance(meta, dict):
        problem(2, Severity.ERROR, "Hlavička musí obsahovat pole ve tvaru „název: hodnota“ (title, sources, updated).")
        return None, problems

    def line_of(key: str) -> int:
        return _key_line(node, key, 2)

    ok = True
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        problem(2, Severity.ERROR, "Chybí název dokumentu: doplňte do hlavičky řádek „title: …“.")
        ok = False
        title = ""

    sources: list[SourceRef] = []
    raw_sources = meta.get("sources")
    if raw_sources is None and meta.get("source"):
        raw_sources = [meta.get("source")]
    if not raw_sources:
        problem(
            line_of("sources") if "sources" in meta else 2,
            Severity.ERROR,
            "Chybí zdroj: doplňte „sources:“ s alespoň jednou položkou „- url: https://…“ a „as_of: RRRR-MM-DD“.",
        )
        ok = False
    elif not isinstance(raw_sources, list):
        problem(line_of("sources"), Severity.ERROR, "Pole „sources“ musí být seznam položek začínajících pomlčkou.")
        ok = False
    else:
        undated: list[str] = []
        for i, item in enumerate(raw_sources, 1):
            if isinstance(item, str):
                item = {"url": item}
            url = str(item.get("url", "")).strip() if isinstance(item, dict) else ""
            if not _URL.match(url):
                problem(
                    line_of("sources"),
                    Severity.ERROR,
                    f"Zdroj č. {i} nemá platnou adresu (url musí začínat http:// nebo https://).",
                )
                ok = False
                continue
            as_of_raw = item.get("as_of") if isinstance(item, dict) else None
            as_of = _as_partial_date(as_of_raw)
            if as_of_raw is None:
                undated.append(str(i))
            elif as_of is None:
                problem(
                    line_of("sources"),
                    Severity.ERROR,
                    f"Zdroj č. {i} má neplatné datum as_of „{as_of_raw}“. Použijte tvar RRRR-MM-DD, "
                    "např. 2024-07-01; když zdroj uvádí jen měsíc nebo rok, stačí 2024-07 nebo 2024.",
                )
                ok = False
            elif as_of > today.isoformat():
                problem(
                    line_of("sources"),
                    Severity.WARNING,
                    f"Zdroj č. {i} má datum as_of v budoucnosti ({as_of}). Je správně?",
                )
            sources.append(SourceRef(url, as_of))
        if undated:
            problem(
                line_of("sources"),
                Severity.WARNING,
                f"{'Zdroj' if len(undated) == 1 else 'Zdroje'} č. {', '.join(undated)} "
                f"{'nemá' if len(undated) == 1 else 'nemají'} datum „as_of“ (k jakému dni údaje platí). "
                "Doplňte ho, jakmile ho zjistíte.",
            )

    updated_raw = meta.get("updated")
    updated = _as_date(updated_raw)
    if updated_raw is None:
        problem(2, Severity.WARNING, "Chybí datum poslední kontroly „updated: RRRR-MM-DD“.")
    elif updated is None:
        problem(
            line_of("updated"), Severity.ERROR, f"Neplatné datum updated „{updated_raw}“. Použijte tvar RRRR-MM-DD."
        )
        ok = False
    elif (today - updated).days > STALE_AFTER_DAYS:
        problem(
            line_of("updated"),
            Severity.WARNING,
            f"Dokument nikdo nezkontroloval víc než rok (naposledy {updated.isoformat()}). "
            "Ověřte údaje a změňte datum updated.",
        )

    tags_raw = meta.get("tags") or []
    tags = tuple(str(t) for t in tags_raw) if isinstance(tags_raw, list) else (str(tags_raw),)

    body = "\n".join(lines[end + 1 :]).strip("\n")
    if not re.search(r"\w", body):
        problem(end + 2, Severity.ERROR, "Dokument nemá žádný text pod hlavičkou.")
        ok = False

    listed = {src.url for src in sources}
    for number, line in enumerate(lines[end + 1 :], start=end + 2):
        if not _SOURCE_LINE.match(line):
            continue
        urls = find_urls(line)
        if not urls:
            problem(number, Severity.WARNING, "Řádek „Zdroj:“ neobsahuje adresu (https://…). Doplňte ji.")
        for url in urls:
            if url not in listed:
                problem(
                    number,
                    Severity.WARNING,
                    f"Úsek cituje zdroj {url}, který není v hlavičce. Doplňte ho "
                    "do „sources“ i s datem „as_of“, aby bot u odpovědi ukázal jeho datum.",
                )

    if not ok:
        return None, problems
    leading_blank = len(lines[end + 1 :]) - len("\n".join(lines[end + 1 :]).lstrip("\n").split("\n"))
    doc = Document(
        path=path,
        file=file,
        title=title.strip(),
        sources=tuple(sources),
        updated=updated.isoformat() if updated else None,
        tags=tags,
        body=body,
        body_start_line=end + 2 + leading_blank,
    )
    return doc, problems


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
    seen: dict[str, Document] = {}
    for doc in list(result.documents):
        key = doc.title.casefold()
        if key in seen:
            result.problems.append(
                Problem(
                    doc.file,
                    2,
                    Severity.ERROR,
                    f"Stejný název „{doc.title}“ už má {seen[key].file}. Každý dokument potřebuje vlastní název.",
                )
            )
        else:
            seen[key] = doc
    if not result.documents and not result.errors:
        result.problems.append(
            Problem(
                display_path(knowledge_dir, knowledge_dir.parent),
                None,
                Severity.ERROR,
                "Ve složce není žádný dokument (.md). Bez dokumentů nejde sestavit index.",
            )
        )
    for path in sorted(knowledge_dir.rglob("*")):
        if (
            path.is_file()
            and path.suffix.lower() not in {".md", ".csv", ".yaml", ".yml"}
            and not any(p.startswith(".") for p in path.relative_to(knowledge_dir).parts)
        ):
            result.problems.append(
                Problem(
                    display_path(path, knowledge_dir),
                    None,
                    Severity.WARNING,
                    "Tento soubor se nenačítá (podporované jsou .md dokumenty a tabulky "
                    ".csv/.yaml). Pokud má být ve znalostech, převeďte ho do Markdownu.",
                )
            )
    return result
