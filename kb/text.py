"""Czech text helpers shared by every layer: diacritic folding and dates at the precision a source gives."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import Enum

# Zero-width and bidi controls hide inside copied words ("dota\u200bce") and break matching.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def _latin_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for start, end in ((0xC0, 0x250), (0x1E00, 0x1F00)):
        for cp in range(start, end):
            base = unicodedata.normalize("NFKD", chr(cp))[0]
            if base.isascii() and base != chr(cp):
                table[cp] = base
    return table


# Only Latin letters lose their marks: Cyrillic й, ї stay themselves (NFKD would turn them into и, і).
_FOLD = _latin_fold_table()


def fold(text: str) -> str:
    """Strip the diacritics of Latin letters ("Ústí" → "Usti"); case is kept."""
    return text.translate(_FOLD)


def fold_lower(text: str) -> str:
    """Lowercase without diacritics: the key for comparing what people type."""
    return text.lower().translate(_FOLD)


def strip_invisible(text: str) -> str:
    """Remove zero-width and direction-control characters."""
    return _INVISIBLE.sub("", text)


class Precision(Enum):
    YEAR = 1
    MONTH = 2
    DAY = 3


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_partial_date(value: object) -> str | None:
    """A date as precise as its source: "2024-07-01", "2024-07" or "2024" (normalised); None if invalid."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    m = _PARTIAL.match(value.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if not 1900 <= year <= 2100:
        return None
    try:
        dt.date(year, int(month or 1), int(day or 1))
    except ValueError:
        return None
    if day:
        return f"{year:04d}-{int(month):02d}-{int(day):02d}"
    if month:
        return f"{year:04d}-{int(month):02d}"
    return f"{year:04d}"


def precision(iso: str) -> Precision:
    return (Precision.YEAR, Precision.MONTH, Precision.DAY)[iso.count("-")]


def partial_date_start(iso: str) -> dt.date:
    """First day the partial date covers (2024-07 → 1. 7. 2024); for ordering and age checks."""
    parts = [int(p) for p in iso.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def partial_date_end(iso: str) -> dt.date:
    """Last day the partial date covers (2024-07 → 31. 7. 2024)."""
    start = partial_date_start(iso)
    match precision(iso):
        case Precision.DAY:
            return start
        case Precision.MONTH:
            following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        case Precision.YEAR:
            return dt.date(start.year, 12, 31)


def format_date_cs(value: str | dt.date | None) -> str | None:
    """Czech form at the value's own precision: 1. 7. 2024 · 7/2024 · 2024 (None for no date).

    Text that is not a date comes back unchanged, so a staff typo is shown rather than lost.
    """
    if value is None:
        return None
    if isinstance(value, dt.date):
        return f"{value.day}. {value.month}. {value.year}"
    text = str(value).strip()
    if not text:
        return None
    iso = parse_partial_date(text)
    if iso is None:
        return text
    parts = [int(p) for p in iso.split("-")]
    match precision(iso):
        case Precision.DAY:
            return f"{parts[2]}. {parts[1]}. {parts[0]}"
        case Precision.MONTH:
            return f"{parts[1]}/{parts[0]}"
        case Precision.YEAR:
            return str(parts[0])
