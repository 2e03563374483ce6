"""Places: which municipality of Ústecký kraj a text names, and which MAS serves it.

Public API (see /tmp/CONTRACTS.md and DESIGN.md §2):

    places = Places.load(Path("knowledge"))        # cached per folder + file mtimes
    match = places.resolve("bydlím v Libouchci")    # always a PlaceMatch (status not_found if nothing)
    match = places.find(question)                   # PlaceMatch, or None when no place is named
    match = places.by_name("most")                  # /obec <název>, remembered municipality
    match.to_json(); match.ask_json(); match.mas_line(); match.message
    validate(Path("knowledge")) -> list[Problem]    # for `python -m index check`
    cli(["--json", "v Kadani"])                     # `python -m bot mas [--json] TEXT`

Statuses: assigned (verified MAS) · no_mas (the municipality is in no MAS) · unknown (municipality
or area known, its MAS not verified: candidates = MAS active in the okres) · ambiguous (several
municipalities match: candidates = them with okres) · not_found (candidates = municipalities whose
name looks like a word of the text, for "Myslíte …?"; empty when nothing is close).

Decisions: the data never guesses (empty MAS = unknown); for `unknown` the fallback contact is
the regional association (Krajské sdružení NS MAS ČR Ústeckého kraje); `ask_json()` then carries
the association's contact, for `no_mas` it carries obec/okres with null MAS fields.
"""

from __future__ import annotations

import json
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .data import (
    OKRESY,
    Mas,
    Municipality,
    PlaceData,
    PlacesDataError,
    load_data,
    validate,
)
from .recognize import Found, Index

__all__ = ["OKRESY", "Mas", "Municipality", "PlaceMatch", "Places", "PlacesDataError", "cli", "validate"]

ASSOCIATION_HELP = "Krajského sdružení NS MAS ČR Ústeckého kraje"  # genitive, "u …"


def format_date(as_of: str | None) -> str:
    """'2023-07-01' → '1. 7. 2023', '2018-12' → '12/2018', '2014' → '2014'."""
    if not as_of:
        return "nedatováno"
    parts = as_of.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])}. {int(parts[1])}. {parts[0]}"
    if len(parts) == 2:
        return f"{int(parts[1])}/{parts[0]}"
    return as_of


def contact_text(mas: Mas, *, dated: bool = True, address: bool = True) -> str:
    labels = {"web": "web", "email": "e-mail", "phone": "tel.", "address": "adresa"}
    parts = []
    for c in mas.contacts:
        if c.kind == "address" and not address:
            continue
        text = f"{labels[c.kind]} {c.value}"
        if dated and c.kind != "web":
            text += f" (údaj ze zdroje {format_date(c.as_of)})" if c.as_of else " (zdroj bez data)"
        parts.append(text)
    return "; ".join(parts) if parts else "kontakt v našich zdrojích zatím nemáme"


def _mas_json(mas: Mas) -> dict[str, Any]:
    return {
        "id": mas.id,
        "name": mas.name,
        "short_name": mas.short_name,
        "web": mas.web,
        "email": mas.email,
        "phone": mas.phone,
        "address": mas.address,
        "okresy": list(mas.okresy),
        "source": mas.source,
        "as_of": mas.as_of,
    }


@dataclass
class PlaceMatch:
    query: str
    status: str  # assigned | no_mas | unknown | ambiguous | not_found
    obec: Municipality | None
    okres: str | None
    mas: Mas | None
    candidates: list[Any] = field(default_factory=list)  # Mas (unknown) or Municipality (ambiguous)
    message: str = ""
    region: str | None = None
    fuzzy: bool = False
    fallback: Mas | None = None
    line: str | None = None

    def to_json(self) -> dict[str, Any]:
        """DESIGN §2 `mas --json`: {query, status, obec, okres, mas, candidates, message}."""
        candidates: list[dict[str, Any]] = []
        for c in self.candidates:
            if isinstance(c, Municipality):
                candidates.append(
                    {"obec": c.name, "okres": c.okres, "kod": c.code, "mas": c.mas_id, "status": c.mas_status}
                )
            elif isinstance(c, Mas):
                candidates.append(
                    {
                        "id": c.id,
                        "name": c.name,
                        "short_name": c.short_name,
                        "web": c.web,
                        "email": c.email,
                        "phone": c.phone,
                    }
                )
        return {
            "query": self.query,
            "status": self.status,
            "obec": self.obec.name if self.obec else None,
            "okres": self.okres,
            "mas": _mas_json(self.mas) if self.mas else None,
            "candidates": candidates,
            "message": self.message,
        }

    def ask_json(self) -> dict[str, Any] | None:
        """DESIGN §2 ask `mas` field {obec, okres, name, web, email, phone}; None without a place."""
        if self.status in ("not_found", "ambiguous"):
            return None
        contact = self.mas if self.status == "assigned" else (self.fallback if self.status == "unknown" else None)
        return {
            "obec": self.obec.name if self.obec else None,
            "okres": self.okres,
            "name": contact.name if contact else None,
            "web": contact.web if contact else None,
            "email": contact.email if contact else None,
            "phone": contact.phone if contact else None,
        }

    def mas_line(self) -> str | None:
        """One Czech line pointing to the MAS (the end of an answer); None without a place."""
        return self.line


class Places:
    """The municipalities and MAS of Ústecký kraj plus a precomputed index of name forms."""

    fallback: Mas

    def __init__(self, data: PlaceData) -> None:
        self.data = data
        self.municipalities = data.municipalities
        self.mas = data.mas
        self.fallback = data.association
        self.helpers = data.helpers
        self.index = Index(data.municipalities)
        self._by_code = {m.code: m for m in data.municipalities}

    _cache: dict[tuple[str, tuple[int, ...]], Places] = {}  # noqa: RUF012
    _lock = threading.Lock()

    @classmethod
    def load(cls, knowledge_dir: Path) -> Places:
        """Read knowledge/obce.csv + knowledge/mas.yaml (cached until either file changes)."""
        folder = Path(knowledge_dir).resolve()
        stamp: list[int] = []
        for name in ("obce.csv", "mas.yaml"):
            try:
                st = (folder / name).stat()
                stamp += [st.st_mtime_ns, st.st_size]
            except OSError:
                stamp += [-1, -1]
        key = (str(folder), tuple(stamp))
        with cls._lock:
            cached = cls._cache.get(key)
        if cached is not None:
            return cached
        places = cls(load_data(folder))
        with cls._lock:
            cls._cache = {k: v for k, v in cls._cache.items() if k[0] != key[0]}
            cls._cache[key] = places
        return places

    # ------------------------------------------------------------------ lookups

    def mas_in_okres(self, okres: str) -> list[Mas]:
        return [m for m in self.mas.values() if okres in m.okresy]

    def by_code(self, code: str) -> PlaceMatch:
        muni = self._by_code.get(str(code).strip())
        if muni is None:
            return self._not_found(str(code), [])
        return self._for_municipality(str(code), muni)

    def by_name(self, name: str, okres: str | None = None) -> PlaceMatch:
        """Resolve text that is meant to be just a municipality name (`/obec most`)."""
        text = _clean(name)
        stripped = text.strip()
        if stripped.startswith("/"):
            stripped = stripped.split(maxsplit=1)[1] if " " in stripped else ""
        if okres:
            stripped = f"{stripped}, okres {okres}"
        found = self.index.find(stripped, whole_name=True)
        return self._decide(text, found, suggest=True)

    def resolve(self, text: str) -> PlaceMatch:
        """The place a text names; always a PlaceMatch (status not_found when none)."""
        text = _clean(text)
        return self._decide(text, self.index.find(text), suggest=True)

    def find(self, text: str) -> PlaceMatch | None:
        """Like resolve(), but None when the text names no place (for questions)."""
        text = _clean(text)
        match = self._decide(text, self.index.find(text), suggest=False)
        return None if match.status == "not_found" else match

    # ------------------------------------------------------------------ decisions

    def _decide(self, query: str, found: Found, *, suggest: bool) -> PlaceMatch:
        munis = self.municipalities
        if found.hits:
            hints = list(found.okresy)
            for hit in found.hits:
                if len({munis[i].okres for i in hit.municipalities}) == 1:
                    hints.append(munis[hit.municipalities[0]].okres)
            primary = found.hits[0]
            options = [munis[i] for i in primary.municipalities]
            if len(options) > 1:
                narrowed = [m for m in options if m.okres in hints]
                if len(narrowed) == 1:
                    options = narrowed
            if len(options) == 1:
                return self._for_municipality(query, options[0], fuzzy=primary.fuzzy)
            return self._ambiguous(query, options, fuzzy=primary.fuzzy)
        if found.okresy:
            return self._for_area(query, found.okresy[0], found.region)
        suggestions: list[Municipality] = []
        if suggest:
            suggestions = [munis[i] for i in self.index.suggest(query)]
        return self._not_found(query, suggestions)

    def _for_municipality(self, query: str, muni: Municipality, *, fuzzy: bool = False) -> PlaceMatch:
        lead = f"Beru to jako obec {muni.name} (okres {muni.okres}).\n" if fuzzy else ""
        where = f"{muni.name} (okres {muni.okres})"
        if muni.mas_status == "assigned" and muni.mas_id in self.mas:
            mas = self.mas[muni.mas_id]
            period = f", období: {muni.period}" if muni.period else ""
            message = (
                f"{lead}Obec {where} patří do místní akční skupiny {mas.name.rstrip('.')}.\n"
                f"Kontakt: {contact_text(mas)}.\n"
                f"{self._missing_contacts(mas)}"
                f"Přiřazení obce k MAS podle zdroje: {muni.source}{period}."
            )
            line = f"Obec {muni.name} patří do {mas.short_name}: {contact_text(mas, dated=False, address=False)}."
            return PlaceMatch(
                query, "assigned", muni, muni.okres, mas, [], message, fuzzy=fuzzy, fallback=self.fallback, line=line
            )
        if muni.mas_status == "no_mas":
            reason = f" ({muni.note})" if muni.note else ""
            helpers = "\n".join(f"– {h.name}: {contact_text(h, dated=False)}" for h in self.helpers)
            message = (
                f"{lead}Obec {where} podle našich zdrojů nepatří do území žádné místní akční skupiny "
                f"(MAS){reason}.\n"
                f"S projekty a dotacemi vám pomohou:\n{helpers}\n"
                f"– {self.fallback.name}: {contact_text(self.fallback, dated=False)}\n"
                f"Zdroj: {muni.source}."
            )
            kraj = self.helpers[0] if self.helpers else self.fallback
            line = (
                f"Obec {muni.name} nepatří do žádné MAS; s projekty poradí {kraj.short_name} "
                f"({contact_text(kraj, dated=False, address=False)})."
            )
            return PlaceMatch(
                query, "no_mas", muni, muni.okres, None, [], message, fuzzy=fuzzy, fallback=self.fallback, line=line
            )
        candidates = self.mas_in_okres(muni.okres)
        message = (
            f"{lead}Obec {where} v našich datech zatím nemá ověřenou místní akční skupinu (MAS).\n"
            f"{self._okres_candidates(muni.okres, candidates)}"
        )
        line = (
            f"MAS pro obec {muni.name} zatím nemáme ověřenou; {self._okres_short(muni.okres, candidates)}"
            f" poradí i {self.fallback.name} ({contact_text(self.fallback, dated=False)})."
        )
        return PlaceMatch(
            query,
            "unknown",
            muni,
            muni.okres,
            None,
            candidates,
            message,
            fuzzy=fuzzy,
            fallback=self.fallback,
            line=line,
        )

    def _for_area(self, query: str, okres: str, region: str | None) -> PlaceMatch:
        candidates = self.mas_in_okres(okres)
        area = f"oblast {region} (okres {okres})" if region else f"okres {okres}"
        message = (
            f"Rozumím, že jde o {area}, ale ne o konkrétní obec. MAS se určuje podle obce – napište mi "
            "prosím její název.\n"
            f"{self._okres_candidates(okres, candidates)}"
        )
        short = self._okres_short(okres, candidates)
        fb_contact = contact_text(self.fallback, dated=False)
        line = f"{short[0].upper()}{short[1:]} poradí i {self.fallback.name} ({fb_contact})."
        return PlaceMatch(
            query, "unknown", None, okres, None, candidates, message, region=region, fallback=self.fallback, line=line
        )

    def _ambiguous(self, query: str, options: list[Municipality], *, fuzzy: bool) -> PlaceMatch:
        listed = ", ".join(f"{m.name} (okres {m.okres})" for m in options)
        names = {m.name for m in options}
        if len(names) == 1 and not fuzzy:
            name = options[0].name
            message = (
                f"Obec {name} je v Ústeckém kraji víckrát: {listed}. Kterou myslíte? Napište prosím "
                f"název i s okresem, např. „{name}, okres {options[-1].okres}“."
            )
        else:
            message = (
                f"Nevím jistě, kterou obec myslíte: {listed}. Napište prosím přesný název obce, případně i s okresem."
            )
        return PlaceMatch(
            query, "ambiguous", None, None, None, list(options), message, fuzzy=fuzzy, fallback=self.fallback
        )

    def _not_found(self, query: str, suggestions: list[Municipality]) -> PlaceMatch:
        message = (
            "V textu jsem nenašel žádnou obec Ústeckého kraje. Zkontrolujte prosím, že je název "
            "napsaný správně (klidně i bez diakritiky), nebo napište jen název obce, např. „Libouchec“."
        )
        if suggestions:
            listed = [f"{m.name} (okres {m.okres})" for m in suggestions]
            options = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + ", nebo " + listed[-1]
            message += f" Myslíte {options}?"
        # candidates = the suggested municipalities (typos: "Libouchov" → Libouchec)
        return PlaceMatch(query, "not_found", None, None, None, list(suggestions), message, fallback=self.fallback)

    def _okres_candidates(self, okres: str, candidates: list[Mas]) -> str:
        fb = self.fallback
        if candidates:
            listed = "\n".join(f"– {m.name}: {contact_text(m)}" for m in candidates)
            text = f"V okrese {okres} podle našich zdrojů působí:\n{listed}\n"
        else:
            text = f"Pro okres {okres} v našich zdrojích žádnou doloženou MAS nemáme.\n"
        return (
            text + f"Ke které MAS obec patří, ověříte na obecním úřadě nebo u {ASSOCIATION_HELP} "
            f"({contact_text(fb, dated=False)})."
        )

    @staticmethod
    def _okres_short(okres: str, candidates: list[Mas]) -> str:
        if not candidates:
            return f"v okrese {okres} doloženou MAS nemáme;"
        listed = ", ".join(f"{m.short_name} ({m.web})" if m.web else m.short_name for m in candidates)
        return f"v okrese {okres} působí {listed};"

    @staticmethod
    def _missing_contacts(mas: Mas) -> str:
        missing = [label for kind, label in (("email", "e-mail"), ("phone", "telefon")) if mas.contact(kind) is None]
        if not missing:
            return ""
        what = " ani ".join(missing)
        return f"{what.capitalize()} této MAS v našich zdrojích nemáme – aktuální kontakty najdete na jejím webu.\n"


def _clean(text: object) -> str:
    """Any input to a printable str (lone surrogates from binary argv become '?')."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return text.encode("utf-8", "replace").decode("utf-8")


USAGE = (
    "použití: python -m bot mas [--json] TEXT\n"
    "  Najde v textu obec Ústeckého kraje a řekne, do které MAS patří.\n"
    "  --json   vypíše výsledek jako JSON (DESIGN.md §2)\n"
)


def cli(argv: list[str]) -> int:
    """`python -m bot mas [--json] TEXT` → exit 0; 2 on a usage error; 1 when data cannot be read."""
    as_json = False
    words: list[str] = []
    knowledge: str | None = None
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            words.extend(args[i + 1 :])
            break
        if arg in ("-h", "--help"):
            sys.stdout.write(USAGE)
            return 0
        if arg == "--json":
            as_json = True
        elif arg == "--knowledge-dir" and i + 1 < len(args):
            knowledge = args[i + 1]
            i += 1
        elif arg.startswith("--"):
            sys.stderr.write(f"Neznámý přepínač {_clean(arg)!r}.\n{USAGE}")
            return 2
        else:
            words.append(arg)
        i += 1
    if not words:
        sys.stderr.write(USAGE)
        return 2
    if knowledge is None:
        from bot.config import load_settings

        knowledge_dir = load_settings().knowledge_dir
    else:
        knowledge_dir = Path(knowledge)
    try:
        places = Places.load(knowledge_dir)
    except PlacesDataError as exc:
        sys.stderr.write(f"{exc.message_cs}\n")
        return 1
    match = places.resolve(" ".join(_clean(w) for w in words))
    if as_json:
        sys.stdout.write(json.dumps(match.to_json(), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(match.message + "\n")
    return 0
