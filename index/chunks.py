"""Split documents into heading-sized chunks with breadcrumbs, and chunks into sentences.

Chunks follow the document's headings (the heading path becomes the breadcrumb) and are sized
for e5 (≤ 512 tokens): sections over MAX_CHARS are split at paragraph boundaries with a small
overlap; tables and lists stay whole unless they alone exceed the limit.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from kb.documents import Document
from kb.markdown import SOURCE_LINE, find_urls

MAX_CHARS = 1500
MIN_CHARS = 250  # a split piece smaller than this is merged into its neighbour
MAX_LIST_SENTENCE = 600  # a list intro with its items, as one answerable unit
CHUNKER_VERSION = 8  # bump when chunks or sentences change shape: forces a rebuild
BREADCRUMB_SEP = " › "

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
# A section may name its own sources: a line "Zdroj: https://…" or "Zdroje: https://…; https://…".

_ABBREVIATIONS = frozenset(
    [
        "č",
        "čj",
        "mil",
        "mld",
        "tis",
        "tj",
        "např",
        "resp",
        "atd",
        "apod",
        "tzv",
        "mj",
        "popř",
        "cca",
        "st",
        "ul",
        "tel",
        "odst",
        "písm",
        "zák",
        "sb",
        "obr",
        "viz",
        "max",
        "min",
        "mld.",
        "mil.",
        "s.r.o",
        "o.p.s",
        "z.s",
        "a.s",
        "z.ú",
        # academic titles before a name ("ředitelem byl Ing. Josef Ryšavý")
        "ing",
        "mgr",
        "bc",
        "phdr",
        "judr",
        "mudr",
        "rndr",
        "paedr",
        "doc",
        "prof",
    ]
)
_SENTENCE_END = re.compile(r"([.!?…])(\s+)(?=[„\"'(\[]?[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ])")


@dataclass(frozen=True, slots=True)
class Chunk:
    chunk_id: str
    file: str
    title: str
    breadcrumb: str
    text: str  # Markdown of the section, as the passage shown to people
    line: int  # 1-based line in the source file
    sentences: tuple[str, ...]
    sources: tuple[str, ...] = ()  # URLs the section cites on its own "Zdroj:" lines
    # Per sentence, the URLs of the "Zdroj:" line that closes its paragraph (empty: the section's).
    sentence_sources: tuple[tuple[str, ...], ...] = ()

    @property
    def embed_text(self) -> str:
        """What the models see: the breadcrumb gives every chunk its context."""
        return f"{self.breadcrumb}\n{plain_text(self.text)}"

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.embed_text.encode("utf-8")).hexdigest()


def plain_text(markdown: str) -> str:
    """Markdown to readable plain text (links keep their label, emphasis marks go)."""
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(1) != m.group(2) else m.group(1), markdown)
    text = _EMPHASIS.sub("", text)
    return text


def _table_rows(lines: list[str]) -> list[str]:
    """A Markdown table as one readable sentence per row: 'Header: value; Header: value'."""
    rows = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in lines]
    rows = [r for r in rows if not all(re.fullmatch(r":?-{2,}:?", c or "--") for c in r)]
    if not rows:
        return []
    header, body = rows[0], rows[1:]
    if not body:
        return ["; ".join(header)]
    out = []
    for row in body:
        parts = [f"{h}: {v}" if h and v else v for h, v in zip(header, row, strict=False) if v]
        out.append("; ".join(parts))
    return out


def _abbreviation_before(text: str, end: int) -> bool:
    word = re.search(r"([\w.]+)$", text[:end])
    if not word:
        return False
    token = word.group(1).rstrip(".").casefold()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def split_sentences(text: str) -> list[str]:
    """Czech sentence split that survives dates ("30. 6. 2024"), abbreviations and initials."""
    sentences: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(1) == "." and _abbreviation_before(text, m.start()):
            continue
        piece = text[start : m.end(1)].strip()
        if piece:
            sentences.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def section_sentences(markdown: str) -> list[str]:
    """Answerable units of a section: sentences of paragraphs, list items, table rows."""
    out: list[str] = []
    lines = markdown.split("\n")
    i = 0
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.extend(split_sentences(plain_text(" ".join(paragraph))))
            paragraph.clear()

    while i < len(lines):
        line = lines[i].strip()
        if not line or _HEADING.match(line):
            flush()
        elif line.startswith("|"):
            flush()
            block = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                block.append(lines[i])
                i += 1
            out.extend(plain_text(r) for r in _table_rows(block))
            continue
        elif re.match(r"^([-*+]|\d+[.)])\s+", line):
            flush()
            item = plain_text(re.sub(r"^([-*+]|\d+[.)])\s+", "", line)).strip()
            intro = out[-1] if out and out[-1].endswith((":", ";")) else None
            if intro is not None and len(intro) + len(item) < MAX_LIST_SENTENCE:
                # "Působí těchto 9 MAS:" says nothing alone: the list items join their intro.
                item = item.rstrip(",;")
                if item.endswith(".") and not _abbreviation_before(item, len(item) - 1):
                    item = item[:-1]
                out[-1] = f"{intro} {item};"
            else:
                out.extend(split_sentences(item))
        elif line.startswith(">"):
            paragraph.append(line.lstrip("> "))
        else:
            paragraph.append(line)
        i += 1
    flush()
    cleaned = (re.sub(r"\s+", " ", s).strip() for s in out)
    finished = (s[:-1] if s.endswith(".;") else s[:-1] + "." if s.endswith(";") else s for s in cleaned)
    return [s for s in finished if re.search(r"\w", s)]


def _blocks(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Paragraphs, whole lists and whole tables, each with its first line number."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    kind = None

    def close() -> None:
        nonlocal current, kind
        if current:
            blocks.append((first, "\n".join(current)))
        current, kind = [], None

    for number, line in lines:
        stripped = line.strip()
        if not stripped:
            if kind != "list":
                close()
            continue
        this = (
            "table"
            if stripped.startswith("|")
            else "list"
            if re.match(r"^([-*+]|\d+[.)])\s+", stripped)
            else ("list" if kind == "list" and line.startswith((" ", "\t")) else "para")
        )
        if kind is not None and this != kind:
            close()
        if not current:
            first = number
        kind = this
        current.append(line)
    close()
    return blocks


def _pack(blocks: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Group blocks into pieces ≤ MAX_CHARS, repeating the previous block's last sentence as overlap."""
    pieces: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    for number, block in blocks:
        size = sum(len(b) + 2 for b in current)
        if current and size + len(block) > MAX_CHARS:
            pieces.append((first, "\n\n".join(current)))
            last = split_sentences(current[-1].replace("\n", " "))
            overlap = last[-1] if last and len(last[-1]) < 300 and not current[-1].lstrip().startswith("|") else None
            current = [overlap] if overlap else []
            first = number
        if not current:
            first = number
        if len(block) > MAX_CHARS:  # an oversized paragraph: cut at sentences
            for sentence in split_sentences(block.replace("\n", " ")):
                if current and sum(len(b) + 2 for b in current) + len(sentence) > MAX_CHARS:
                    pieces.append((first, "\n\n".join(current)))
                    current, first = [], number
                current.append(sentence)
            continue
        current.append(block)
    if current:
        if pieces and sum(len(b) for b in current) < MIN_CHARS and len(pieces[-1][1]) + MIN_CHARS <= MAX_CHARS:
            pieces[-1] = (pieces[-1][0], pieces[-1][1] + "\n\n" + "\n\n".join(current))
        else:
            pieces.append((first, "\n\n".join(current)))
    return pieces


def chunk_document(doc: Document) -> list[Chunk]:
    """Chunks of one document, in document order."""
    sections: list[tuple[list[str], list[tuple[int, str]]]] = []
    path: list[tuple[int, str]] = []  # (level, heading)
    body: list[tuple[int, str]] = []
    in_code = False
    for offset, line in enumerate(doc.body.split("\n")):
        number = doc.body_start_line + offset
        if line.strip().startswith("```"):
            in_code = not in_code
        heading = None if in_code else _HEADING.match(line)
        if heading:
            sections.append(([h for _, h in path], body))
            level, name = len(heading.group(1)), plain_text(heading.group(2)).strip()
            path = [(lv, h) for lv, h in path if lv < level]
            if level > 1 or name.casefold() != doc.title.casefold():
                path.append((level, name))
            body = []
        else:
            body.append((number, line))
    sections.append(([h for _, h in path], body))

    chunks: list[Chunk] = []
    for headings, lines in sections:
        cited = tuple(dict.fromkeys(url for _, line in lines if SOURCE_LINE.match(line) for url in cited_urls(line)))
        segments = _source_segments(lines)
        lines = [(n, line) for n, line in lines if not SOURCE_LINE.match(line)]
        if not any(line.strip() for _, line in lines):
            continue
        breadcrumb = BREADCRUMB_SEP.join([doc.title, *headings])
        for first, text in _pack(_blocks(lines)):
            sentences = tuple(section_sentences(text))
            if not sentences:
                continue
            chunk_id = hashlib.sha1(f"{doc.file}\x00{breadcrumb}\x00{text}".encode()).hexdigest()[:16]
            per_sentence = tuple(_sentence_urls(s, segments) for s in sentences)
            chunks.append(Chunk(chunk_id, doc.file, doc.title, breadcrumb, text, first, sentences, cited, per_sentence))
    return chunks


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", plain_text(text)).strip()


def _source_segments(lines: list[tuple[int, str]]) -> list[tuple[str, tuple[str, ...]]]:
    """The section's text split at its "Zdroj:" lines, each piece with the URLs of the line that closes it."""
    segments: list[tuple[str, tuple[str, ...]]] = []
    current: list[str] = []
    for _, line in lines:
        if SOURCE_LINE.match(line):
            segments.append((_squash(" ".join(current)), tuple(cited_urls(line))))
            current = []
        else:
            current.append(line)
    return segments


def _sentence_urls(sentence: str, segments: list[tuple[str, tuple[str, ...]]]) -> tuple[str, ...]:
    """URLs of the segment a sentence comes from; () when it is not under a "Zdroj:" line of its own."""
    head = _squash(sentence)[:60]
    for text, urls in segments:
        if head and head in text:
            return urls
    return ()


def cited_urls(line: str) -> list[str]:
    """URLs on a section's "Zdroj:" line."""
    return find_urls(line)
