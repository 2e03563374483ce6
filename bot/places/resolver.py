"""Which municipality of Ústecký kraj a text names, and which MAS serves it, as Czech messages.

Statuses (`PlaceStatus`): assigned (verified MAS) · no_mas (in no MAS) · unknown (municipality or
okres known, MAS not verified: candidates = MAS active in the okres) · ambiguous (several
municipalities match: candidates = them with okres) · not_found. The data never guesses; for
`unknown` the contact offered is the regional MAS association. Where a municipality's MAS comes
from (source, period) is staff evidence: it is in obce.csv and the console, not in replies.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from kb.places import Mas, MasStatus, Municipality, PlaceData, read_places
from kb.problems import Severity
from kb.text import fold_lower

from .contacts import contact_summary, contact_text
from .match import PlaceMatch, PlaceStatus
from .recognize import Found, Index

ASSOCIATION_HELP = "Krajského sdružení NS MAS ČR Ústeckého kraje"  # genitive, "u …"
# "MAS", "masku", "v masce", "místní akční skupina" in folded text.
MAS_WORD = re.compile(r"\b(?:mas|mask\w*|masc\w*|mistni\w* akcni\w* skupin\w*)\b")
_NOT_A_NAME_WORD = frozenset({"mas", "sdruzeni", "mistni", "akcni", "skupina", "z", "s", "o", "p", "ops", "zs"})
STEM = 4  # "Vladař", "Vladaře", "Vladařem": names are matched by their first letters, in any case


def _name_stems(mas: Mas) -> tuple[str, ...]:
    """The words that tell this MAS from the others ("MAS Labské skály" → "labs", "skal"), folded and cut."""
    words = re.findall(r"\w+", fold_lower(mas.short_name))
    return tuple(w[:STEM] for w in words if w not in _NOT_A_NAME_WORD and len(w) > 2)


class PlacesDataError(RuntimeError):
    """The place tables cannot be read at all; `message_cs` says what to do."""

    def __init__(self, message_cs: str) -> None:
        super().__init__(message_cs)
        self.message_cs = message_cs


def clean_text(text: object) -> str:
    """Any input to a printable str (lone surrogates from binary argv become '?')."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return text.encode("utf-8", "replace").decode("utf-8")


class Places:
    """The municipalities and MAS of Ústecký kraj plus a precomputed index of name forms."""

    def __init__(self, data: PlaceData, today: dt.date | None = None) -> None:
        self.data = data
        self.municipalities = data.municipalities
        self.mas = data.mas
        self.fallback: Mas = data.association
        self.helpers = data.helpers
        self.index = Index(data.municipalities)
        self._by_code = {m.code: m for m in data.municipalities}
        self._today = today

    @classmethod
    def load(cls, knowledge_dir: Path) -> Places:
        """Read obce.csv + mas.yaml of a knowledge folder; PlacesDataError when they cannot be read."""
        data, problems = read_places(Path(knowledge_dir))
        if data is None:
            first = next((p for p in problems if p.severity is Severity.ERROR), None)
            detail = first.format() if first else "neznámá chyba"
            raise PlacesDataError(f"Chybí soubor nebo ho nejde přečíst – {detail}")
        return cls(data)

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
        text = clean_text(name)
        stripped = text.strip()
        if stripped.startswith("/"):
            stripped = stripped.split(maxsplit=1)[1] if " " in stripped else ""
        if okres:
            stripped = f"{stripped}, okres {okres}"
        found = self.index.find(stripped, whole_name=True)
        return self._decide(text, found, suggest=True)

    def resolve(self, text: str) -> PlaceMatch:
        """The place a text names; always a PlaceMatch (status not_found when none)."""
        text = clean_text(text)
        return self._decide(text, self.index.find(text), suggest=True)

    def find(self, text: str) -> PlaceMatch | None:
        """Like resolve(), but None when the text names no place (for questions)."""
        text = clean_text(text)
        match = self._decide(text, self.index.find(text), suggest=False)
        return None if match.status is PlaceStatus.NOT_FOUND else match

    def named_mas(self, text: str) -> Mas | None:
        """The one MAS a text names ("tel na MAS Vladař", "kontakt na masku Naděje"), or None.

        A name that is also a common word ("naděje", "Podřipsko") counts only next to "MAS"/"masku"; a name
        that never goes with "MAS" (SERVISO) counts alone."""
        said = fold_lower(clean_text(text))
        with_mas_word = MAS_WORD.search(said) is not None
        named = []
        for mas in self.mas.values():
            stems = _name_stems(mas)
            brand = not fold_lower(mas.short_name).startswith("mas ")
            if stems and (with_mas_word or brand) and all(re.search(rf"\b{s}", said) for s in stems):
                named.append(mas)
        return named[0] if len(named) == 1 else None

    def mas_card(self, query: str, mas: Mas) -> PlaceMatch:
        """The contact card of a MAS asked for by name."""
        okresy = ", ".join(mas.okresy)
        where = f" (působí v okrese {okresy})" if len(mas.okresy) == 1 else f" (působí v okresech {okresy})"
        message = (
            f"Kontakt na {mas.name}{where if mas.okresy else ''}: {self._contacts(mas)}.\n"
            f"{self._missing_contacts(mas)}"
            "S přípravou projektu a žádostí o dotaci vám MAS poradí. Do které MAS patří vaše obec, vám řeknu, "
            "když mi napíšete její název."
        )
        line = f"{mas.short_name}: {self._contacts(mas, address=False)}."
        return PlaceMatch(query, PlaceStatus.ASSIGNED, None, None, mas, (), message, None, False, self.fallback, line)

    def members_card(self, query: str, mas: Mas) -> PlaceMatch:
        """Which municipalities of the kraj a MAS serves, as far as the table verifies it (never guessed)."""
        members = sorted(
            (m for m in self.municipalities if m.mas_status is MasStatus.ASSIGNED and m.mas_id == mas.id),
            key=lambda m: fold_lower(m.name),
        )
        unverified = [m for m in self.municipalities if m.mas_status is MasStatus.UNKNOWN and m.okres in mas.okresy]
        if members:
            names = ", ".join(m.name for m in members)
            text = (
                f"Do {mas.short_name} patří podle našich ověřených údajů tyto obce Ústeckého kraje "
                f"({len(members)}): {names}."
            )
        else:
            text = f"Obce, které patří do {mas.short_name}, v našich údajích zatím ověřené nemáme."
        if unverified:
            okresy = ", ".join(mas.okresy)
            text += (
                f"\nSeznam nemusí být úplný: v okresech, kde MAS působí ({okresy}), máme {len(unverified)} obcí, "
                f"u kterých MAS zatím ověřenou nemáme, a některé z nich mohou patřit i do {mas.short_name}. "
                "Úplný seznam má MAS sama."
            )
        message = f"{text}\nKontakt: {self._contacts(mas)}."
        line = f"{mas.short_name}: {self._contacts(mas, address=False)}."
        return PlaceMatch(query, PlaceStatus.ASSIGNED, None, None, mas, (), message, None, False, self.fallback, line)

    def storable_name(self, obec: Municipality) -> str:
        """The name to remember for a user: plain, or with its okres when the name alone is ambiguous."""
        if self.by_name(obec.name).status is not PlaceStatus.AMBIGUOUS:
            return obec.name
        return f"{obec.name} (okres {obec.okres})"

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
        suggestions = [munis[i] for i in self.index.suggest(query)] if suggest else []
        return self._not_found(query, suggestions)

    def _contacts(self, mas: Mas, *, address: bool = True) -> str:
        return contact_text(mas, address=address, today=self._today)

    def _for_municipality(self, query: str, muni: Municipality, *, fuzzy: bool = False) -> PlaceMatch:
        lead = f"Beru to jako obec {muni.name} (okres {muni.okres}).\n" if fuzzy else ""
        where = f"{muni.name} (okres {muni.okres})"
        if muni.mas_status is MasStatus.ASSIGNED and muni.mas_id in self.mas:
            mas = self.mas[muni.mas_id]
            message = (
                f"{lead}Obec {where} patří do místní akční skupiny {mas.name.rstrip('.')}.\n"
                f"Kontakt: {self._contacts(mas)}.\n"
                f"{self._missing_contacts(mas)}"
                "S přípravou projektu a žádostí o dotaci vám MAS poradí."
            ).rstrip()
            line = f"Obec {muni.name} patří do {mas.short_name}: {self._contacts(mas, address=False)}."
            return PlaceMatch(
                query, PlaceStatus.ASSIGNED, muni, muni.okres, mas, (), message, None, fuzzy, self.fallback, line
            )
        if muni.mas_status is MasStatus.NO_MAS:
            reason = f" ({muni.note})" if muni.note else ""
            helpers = "\n".join(f"– {h.name}: {self._contacts(h)}" for h in self.helpers)
            message = (
                f"{lead}Obec {where} podle našich zdrojů nepatří do území žádné místní akční skupiny (MAS){reason}.\n"
                f"S projekty a dotacemi vám pomohou:\n{helpers}\n"
                f"– {self.fallback.name}: {self._contacts(self.fallback)}"
            )
            kraj = self.helpers[0] if self.helpers else self.fallback
            line = (
                f"Obec {muni.name} nepatří do žádné MAS; s projekty poradí {kraj.short_name} "
                f"({self._contacts(kraj, address=False)})."
            )
            return PlaceMatch(
                query, PlaceStatus.NO_MAS, muni, muni.okres, None, (), message, None, fuzzy, self.fallback, line
            )
        candidates = self.mas_in_okres(muni.okres)
        message = (
            f"{lead}Obec {where} v našich datech zatím nemá ověřenou místní akční skupinu (MAS).\n"
            f"{self._okres_candidates(muni.okres, candidates)}"
        )
        line = (
            f"MAS pro obec {muni.name} zatím nemáme ověřenou; {self._okres_short(muni.okres, candidates)}"
            f" poradí i {contact_summary(self.fallback)}."
        )
        return PlaceMatch(
            query,
            PlaceStatus.UNKNOWN,
            muni,
            muni.okres,
            None,
            tuple(candidates),
            message,
            None,
            fuzzy,
            self.fallback,
            line,
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
        line = f"{short[0].upper()}{short[1:]} poradí i {contact_summary(self.fallback)}."
        return PlaceMatch(
            query,
            PlaceStatus.UNKNOWN,
            None,
            okres,
            None,
            tuple(candidates),
            message,
            region,
            False,
            self.fallback,
            line,
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
            query, PlaceStatus.AMBIGUOUS, None, None, None, tuple(options), message, None, fuzzy, self.fallback
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
        return PlaceMatch(
            query, PlaceStatus.NOT_FOUND, None, None, None, tuple(suggestions), message, fallback=self.fallback
        )

    def _okres_candidates(self, okres: str, candidates: list[Mas]) -> str:
        if candidates:
            listed = "\n".join(f"– {m.name}: {self._contacts(m)}" for m in candidates)
            text = f"V okrese {okres} podle našich zdrojů působí:\n{listed}\n"
        else:
            text = f"Pro okres {okres} v našich zdrojích žádnou doloženou MAS nemáme.\n"
        return (
            text + f"Ke které MAS obec patří, ověříte na obecním úřadě nebo u {ASSOCIATION_HELP} "
            f"({self._contacts(self.fallback)})."
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
