"""Editing knowledge/obce.csv one municipality at a time: only that row's line changes; every other
byte of the file stays as it was. Optimistic locking is per row (the row's own content hash)."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass


class RowGone(KeyError):
    """No row with this municipality code (any more)."""


class StaleRow(Exception):
    def __init__(self, current: str, current_hash: str) -> None:
        super().__init__("stale")
        self.current = current
        self.current_hash = current_hash


@dataclass(frozen=True)
class Row:
    first: int  # 0-based index of the row's first physical line
    last: int  # 0-based index of its last physical line (a quoted field may span lines)
    raw: str  # the row's lines as stored
    values: dict[str, str]

    @property
    def hash(self) -> str:
        return hashlib.sha256(self.raw.encode("utf-8")).hexdigest()


def parse(text: str) -> tuple[list[str], list[Row]]:
    """The header and every data row with the physical lines it occupies."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] = []
    rows: list[Row] = []
    previous = 0
    for fields in reader:
        first, previous = previous, reader.line_num
        if not header:
            header = [h.strip().lstrip("\ufeff") for h in fields]
            continue
        if not any(f.strip() for f in fields):
            continue
        values = {name: (fields[i].strip() if i < len(fields) else "") for i, name in enumerate(header)}
        rows.append(Row(first, previous - 1, "".join(lines[first:previous]), values))
    return header, rows


def find(text: str, code: str) -> tuple[list[str], Row]:
    header, rows = parse(text)
    for row in rows:
        if row.values.get("kod") == code:
            return header, row
    raise RowGone(code)


def update(text: str, code: str, changes: dict[str, str], base: str) -> str:
    """The file with one municipality's row rewritten (raises RowGone, StaleRow)."""
    header, row = find(text, code)
    if row.hash != base:
        raise StaleRow(row.raw, row.hash)
    values = {**row.values, **changes}
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([values.get(name, "") for name in header])
    new_line = out.getvalue()
    lines = text.splitlines(keepends=True)
    ending = "\r\n" if lines[row.last].endswith("\r\n") else "\n"
    if not lines[row.last].endswith(("\n", "\r")):
        ending = ""  # the last line of a file without a final newline
    lines[row.first : row.last + 1] = [new_line.rstrip("\n") + ending]
    return "".join(lines)


def row_text(header: list[str], values: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerow([values.get(name, "") for name in header])
    return out.getvalue()
