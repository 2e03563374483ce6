"""Markdown files with a YAML front matter (documents and curated answers): reading and shared fields.

Every function reports through a `Report` and returns None for what cannot be used, so one bad
file never stops the others and every message names its line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kb.problems import Report
from kb.text import parse_partial_date, strip_invisible

MAX_FILE_BYTES = 200_000  # ~60 pages of text; larger files make builds slow and answers vague
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\[\];]+")
SOURCE_LINE = re.compile(r"^\s*[*_]*zdroj(e)?\s*:", re.IGNORECASE)


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, so a wrong date is our message, not a crash."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True, slots=True)
class SourceRef:
    url: str
    as_of: str | None  # "2024-07-01", "2024-07" or "2024": the precision the source gives


@dataclass(frozen=True)
class MarkdownFile:
    """A file split into its front matter and its body, with line numbers for messages."""

    meta: dict[str, Any]
    node: yaml.MappingNode | None
    lines: list[str]
    header_end: int  # index of the closing "---" line
    body: str
    body_start_line: int  # 1-based line of the body's first non-blank line

    def line_of(self, key: str) -> int:
        """1-based line of `key` in the front matter (line 2 when it is missing)."""
        if isinstance(self.node, yaml.MappingNode):
            for k, _ in self.node.value:
                if getattr(k, "value", None) == key:
                    return int(k.start_mark.line) + 2
        return 2

    def body_lines(self) -> list[tuple[int, str]]:
        """(1-based line number, text) of every body line."""
        return [(i + 1, line) for i, line in enumerate(self.lines) if i > self.header_end]


def find_urls(text: str) -> list[str]:
    """URLs in a line of text; trailing punctuation and unbalanced closing brackets are not part of them."""
    urls = []
    for url in _URL_IN_TEXT.findall(text):
        while url and (url[-1] in ".,:!?\"'„“" or (url[-1] == ")" and url.count("(") < url.count(")"))):
            url = url[:-1]
        urls.append(url)
    return urls


def is_url(value: str) -> bool:
    return bool(_URL.match(value))


def _decode(raw: bytes, report: Report) -> str | None:
    if len(raw) > MAX_FILE_BYTES:
        report.error(
            None,
            f"Soubor je příliš velký ({len(raw) // 1000} kB, nejvýš {MAX_FILE_BYTES // 1000} kB). "
            "Rozdělte ho na několik menších dokumentů, každý o jednom tématu.",
        )
        return None
    if b"\x00" in raw:
        report.error(None, "Soubor není text (je binární). Dokumenty musí být v Markdownu (.md).")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report.error(line, "Soubor není v kódování UTF-8. Uložte ho v editoru jako UTF-8.")
        return None
    return strip_invisible(text.replace("\r\n", "\n").replace("\r", "\n"))


def _split(text: str, report: Report, fields_hint: str) -> tuple[list[str], int] | None:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        report.error(
            1,
            "Chybí úvodní hlavička (front matter). Soubor musí začínat řádkem --- "
            f"a po něm {fields_hint}, ukončené dalším řádkem ---.",
        )
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        report.error(1, "Hlavička (front matter) není ukončená: chybí druhý řádek ---.")
        return None
    return lines, end


def _parse_header(header: str, report: Report) -> tuple[dict[str, Any], yaml.MappingNode | None] | None:
    try:
        node = yaml.compose(header, Loader=_Loader)
        meta = yaml.load(header, Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        report.error(
            mark.line + 2 if mark else 1,
            "Hlavička má chybný zápis YAML "
            f"({getattr(exc, 'problem', None) or 'neznámá chyba'}). Zkontrolujte odsazení a dvojtečky.",
        )
        return None
    if not isinstance(meta, dict):
        report.error(2, "Hlavička musí obsahovat pole ve tvaru „název: hodnota“.")
        return None
    return meta, node if isinstance(node, yaml.MappingNode) else None


def read_markdown(path: Path, report: Report, *, fields_hint: str, text: str | None = None) -> MarkdownFile | None:
    """Read and split one file (or `text`, e.g. an edit not yet saved); None when unusable."""
    if text is None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            report.error(None, f"Soubor nejde přečíst ({exc.strerror}).")
            return None
        decoded = _decode(raw, report)
    else:
        decoded = _decode(text.encode("utf-8"), report)
    if decoded is None:
        return None
    split = _split(decoded, report, fields_hint)
    if split is None:
        return None
    lines, end = split
    parsed = _parse_header("\n".join(lines[1:end]), report)
    if parsed is None:
        return None
    meta, node = parsed
    body_lines = lines[end + 1 :]
    leading_blank = next((i for i, line in enumerate(body_lines) if line.strip()), len(body_lines))
    return MarkdownFile(
        meta=meta,
        node=node,
        lines=lines,
        header_end=end,
        body="\n".join(body_lines).strip("\n"),
        body_start_line=end + 2 + leading_blank,
    )


def parse_sources(md: MarkdownFile, report: Report, today: dt.date) -> tuple[SourceRef, ...] | None:
    """The `sources` list; None (with an error) when it is missing or broken."""
    raw = md.meta.get("sources")
    if raw is None and md.meta.get("source"):
        raw = [md.meta.get("source")]
    line = md.line_of("sources")
    if not raw:
        report.error(
            line,
            "Chybí zdroj: doplňte „sources:“ s alespoň jednou položkou „- url: https://…“ a „as_of: RRRR-MM-DD“.",
        )
        return None
    if not isinstance(raw, list):
        report.error(line, "Pole „sources“ musí být seznam položek začínajících pomlčkou.")
        return None
    sources: list[SourceRef] = []
    undated: list[str] = []
    ok = True
    for i, item in enumerate(raw, 1):
        source = _source_item(i, item, report, line, today)
        if source is None:
            ok = False
            continue
        if source.as_of is None:
            undated.append(str(i))
        sources.append(source)
    if undated:
        one = len(undated) == 1
        report.warning(
            line,
            f"{'Zdroj' if one else 'Zdroje'} č. {', '.join(undated)} {'nemá' if one else 'nemají'} datum „as_of“ "
            "(k jakému dni údaje platí). Doplňte ho, jakmile ho zjistíte.",
        )
    return tuple(sources) if ok else None


def _source_item(i: int, item: object, report: Report, line: int, today: dt.date) -> SourceRef | None:
    if isinstance(item, str):
        item = {"url": item}
    url = str(item.get("url", "")).strip() if isinstance(item, dict) else ""
    if not is_url(url):
        report.error(line, f"Zdroj č. {i} nemá platnou adresu (url musí začínat http:// nebo https://).")
        return None
    raw_date = item.get("as_of") if isinstance(item, dict) else None
    if raw_date is None:
        return SourceRef(url, None)
    as_of = parse_partial_date(raw_date)
    if as_of is None:
        report.error(
            line,
            f"Zdroj č. {i} má neplatné datum as_of „{raw_date}“. Použijte tvar RRRR-MM-DD, např. 2024-07-01; "
            "když zdroj uvádí jen měsíc nebo rok, stačí 2024-07 nebo 2024.",
        )
        return None
    if as_of > today.isoformat():
        report.warning(line, f"Zdroj č. {i} má datum as_of v budoucnosti ({as_of}). Je správně?")
    return SourceRef(url, as_of)


def parse_day(value: object) -> dt.date | None:
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


STALE_AFTER_DAYS = 365


def parse_updated(md: MarkdownFile, report: Report, today: dt.date) -> tuple[bool, str | None]:
    """(ok, ISO date) of the `updated` field: the staff's last review; warns after a year."""
    raw = md.meta.get("updated")
    if raw is None:
        report.warning(2, "Chybí datum poslední kontroly „updated: RRRR-MM-DD“.")
        return True, None
    updated = parse_day(raw)
    if updated is None:
        report.error(md.line_of("updated"), f"Neplatné datum updated „{raw}“. Použijte tvar RRRR-MM-DD.")
        return False, None
    if (today - updated).days > STALE_AFTER_DAYS:
        report.warning(
            md.line_of("updated"),
            f"Dokument nikdo nezkontroloval víc než rok (naposledy {updated.isoformat()}). "
            "Ověřte údaje a změňte datum updated.",
        )
    return True, updated.isoformat()


def check_cited_urls(md: MarkdownFile, sources: tuple[SourceRef, ...], report: Report) -> None:
    """Every URL on a section's "Zdroj:" line must be listed (with its date) in the header."""
    listed = {src.url for src in sources}
    for number, line in md.body_lines():
        if not SOURCE_LINE.match(line):
            continue
        urls = find_urls(line)
        if not urls:
            report.warning(number, "Řádek „Zdroj:“ neobsahuje adresu (https://…). Doplňte ji.")
        for url in urls:
            if url not in listed:
                report.warning(
                    number,
                    f"Úsek cituje zdroj {url}, který není v hlavičce. Doplňte ho "
                    "do „sources“ i s datem „as_of“, aby bot u odpovědi ukázal jeho datum.",
                )
