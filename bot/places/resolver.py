"""Which municipality of Ústecký kraj a text names, and which MAS serves it, as cards in cs, uk and en.

Statuses (`PlaceStatus`): assigned (verified MAS) · no_mas (in no MAS) · unknown (municipality or
okres known, MAS not verified: candidates = MAS active in the okres) · ambiguous (several
municipalities match: candidates = them with okres) · not_found. The data never guesses; for
`unknown` the contact offered is the regional MAS association. The cards' wording is in cards.py; `message` is
the Czech card, `PlaceMatch.in_language(lang)` any of them. Where a municipality's MAS comes
from (source, period) is staff evidence: it is in obce.csv and the console, not in replies.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bot import i18n
from kb.places import Mas, MasStatus, Municipality, PlaceData, read_places
from kb.problems import Severity
from kb.text import fold_lower

from . import cards
from .contacts import contact_summary, contact_text
from .cyrillic import canonical, has_cyrillic, transliterate
from .match import PlaceMatch, PlaceStatus
from .recognize import Found, Index

# "MAS", "masku", "v masce", "místní akční skupina" in folded text.
MAS_WORD = re.compile(r"\b(?:mas|mask\w*|masc\w*|mistni\w* akcni\w* skupin\w*)\b")
_NOT_A_NAME_WORD = frozenset({"mas", "sdruzeni", "mistni", "akcni", "skupina", "z", "s", "o", "p", "ops", "zs"})
STEM = 4  # "Vladař", "Vladaře", "Vladařem": names are matched by their first letters, in any case


def _name_stems(mas: Mas) -> tuple[str, ...]:
    """The words that tell this MAS from the others ("MAS Labské skály" → "labs", "skal"), folded and cut."""
    words = re.findall(r"\w+", fold_lower(mas.short_name))
    return tuple(w[:STEM] for w in words if w not in _NOT_A_NAME_WORD and len(w) > 2)


# "МАС", "маски", "місцева група дій" in the canonical Cyrillic spelling (bot.places.cyrillic: і → и).
_MAS_WORD_CYRILLIC = re.compile(r"(?<!\w)(?:мас|маск\w*|мисцев\w* груп\w*)(?!\w)")
# A MAS name a Ukrainian or Russian speaker translates rather than transliterates ("Naděje" is "hope").
# Russian writes "Czech" as "чешский".
_MAS_NAME_TRANSLATIONS = {"naděje": ("надий", "надежд"), "český": ("чешск",), "české": ("чешск",)}


def _cyrillic_stems(mas: Mas) -> tuple[tuple[str, ...], ...]:
    """Each distinguishing word of the MAS name as canonical Cyrillic prefixes ("Vladař" → "влад")."""
    words = re.findall(r"\w+", mas.short_name)
    stems: list[tuple[str, ...]] = []
    for word in words:
        if fold_lower(word) in _NOT_A_NAME_WORD or len(word) <= 2:
            continue
        spelled = canonical(transliterate(word))[:STEM]
        stems.append((spelled, *_MAS_NAME_TRANSLATIONS.get(word.lower(), ())))
    return tuple(stems)


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

    def with_official_names(self, text: str) -> str:
        """The text's words with each municipality it names exactly written as the municipality's own name
        ("з Білини" → "з Bílina", "z krasne lipy" → "z Krásná Lípa"): which words are the name, in any script."""
        found = self.index.find(clean_text(text), fuzzy=False)
        words = [token.text for token in found.tokens]
        for hit in reversed(found.hits):
            words[hit.start : hit.end] = [self.municipalities[hit.municipalities[0]].name]
        return " ".join(words)

    def named_mas(self, text: str) -> Mas | None:
        """The one MAS a text names ("tel na MAS Vladař", "kontakt na masku Naděje"), or None.

        A name that is also a common word ("naděje", "Podřipsko") counts only next to "MAS"/"masku"; a name
        that never goes with "MAS" (SERVISO) counts alone."""
        said = fold_lower(clean_text(text))
        with_mas_word = MAS_WORD.search(said) is not None
        named = self._named_in(said, with_mas_word, lambda mas: tuple((s,) for s in _name_stems(mas)))
        if not named and has_cyrillic(said):  # "МАС Владар", "контакти МАС Надія"
            spelled = " ".join(canonical(w) for w in re.findall(r"\w+", said))
            with_mas_word = with_mas_word or _MAS_WORD_CYRILLIC.search(spelled) is not None
            named = self._named_in(spelled, with_mas_word, _cyrillic_stems)
        return named[0] if len(named) == 1 else None

    def _named_in(
        self, said: str, with_mas_word: bool, stems_of: Callable[[Mas], tuple[tuple[str, ...], ...]]
    ) -> list[Mas]:
        """The MAS whose every name word (any of its spellings) starts a word of `said`."""
        named = []
        for mas in self.mas.values():
            stems = stems_of(mas)
            brand = not fold_lower(mas.short_name).startswith("mas ")
            if (
                stems
                and (with_mas_word or brand)
                and all(any(re.search(rf"\b{s}", said) for s in alt) for alt in stems)
            ):
                named.append(mas)
        return named

    def mas_card(self, query: str, mas: Mas) -> PlaceMatch:
        """The contact card of a MAS asked for by name."""
        card = partial(cards.mas_contact, mas, today=self._today)
        line = f"{mas.short_name}: {self._contacts(mas, address=False)}."
        return PlaceMatch(
            query, PlaceStatus.ASSIGNED, None, None, mas, (), card(i18n.DEFAULT), None, False, self.fallback, line,
            card,
        )  # fmt: skip

    def members_card(self, query: str, mas: Mas) -> PlaceMatch:
        """Which municipalities of the kraj a MAS serves, as far as the table verifies it (never guessed)."""
        members = sorted(
            (m for m in self.municipalities if m.mas_status is MasStatus.ASSIGNED and m.mas_id == mas.id),
            key=lambda m: fold_lower(m.name),
        )
        unverified = sum(1 for m in self.municipalities if m.mas_status is MasStatus.UNKNOWN and m.okres in mas.okresy)
        card = partial(cards.members, mas, members, unverified, today=self._today)
        line = f"{mas.short_name}: {self._contacts(mas, address=False)}."
        return PlaceMatch(
            query, PlaceStatus.ASSIGNED, None, None, mas, (), card(i18n.DEFAULT), None, False, self.fallback, line,
            card,
        )  # fmt: skip

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
        today = self._today  # the cards are written when shown
        if muni.mas_status is MasStatus.ASSIGNED and muni.mas_id in self.mas:
            mas = self.mas[muni.mas_id]
            card = partial(cards.assigned, muni, mas, fuzzy=fuzzy, today=today)
            line = f"Obec {muni.name} patří do {mas.short_name}: {self._contacts(mas, address=False)}."
            return PlaceMatch(
                query, PlaceStatus.ASSIGNED, muni, muni.okres, mas, (), card(i18n.DEFAULT), None, fuzzy,
                self.fallback, line, card,
            )  # fmt: skip
        if muni.mas_status is MasStatus.NO_MAS:
            card = partial(cards.no_mas, muni, self.helpers, self.fallback, fuzzy=fuzzy, today=today)
            kraj = self.helpers[0] if self.helpers else self.fallback
            line = (
                f"Obec {muni.name} nepatří do žádné MAS; s projekty poradí {kraj.short_name} "
                f"({self._contacts(kraj, address=False)})."
            )
            return PlaceMatch(
                query, PlaceStatus.NO_MAS, muni, muni.okres, None, (), card(i18n.DEFAULT), None, fuzzy,
                self.fallback, line, card,
            )  # fmt: skip
        candidates = self.mas_in_okres(muni.okres)
        card = partial(cards.unknown, muni, candidates, self.fallback, fuzzy=fuzzy, today=today)
        line = (
            f"MAS pro obec {muni.name} zatím nemáme ověřenou; {self._okres_short(muni.okres, candidates)}"
            f" poradí i {contact_summary(self.fallback)}."
        )
        return PlaceMatch(
            query, PlaceStatus.UNKNOWN, muni, muni.okres, None, tuple(candidates), card(i18n.DEFAULT), None, fuzzy,
            self.fallback, line, card,
        )  # fmt: skip

    def _for_area(self, query: str, okres: str, region: str | None) -> PlaceMatch:
        candidates = self.mas_in_okres(okres)
        card = partial(cards.area, okres, region, candidates, self.fallback, today=self._today)
        short = self._okres_short(okres, candidates)
        line = f"{short[0].upper()}{short[1:]} poradí i {contact_summary(self.fallback)}."
        return PlaceMatch(
            query, PlaceStatus.UNKNOWN, None, okres, None, tuple(candidates), card(i18n.DEFAULT), region, False,
            self.fallback, line, card,
        )  # fmt: skip

    def _ambiguous(self, query: str, options: list[Municipality], *, fuzzy: bool) -> PlaceMatch:
        card = partial(cards.ambiguous, options, fuzzy=fuzzy)
        return PlaceMatch(
            query, PlaceStatus.AMBIGUOUS, None, None, None, tuple(options), card(i18n.DEFAULT), None, fuzzy,
            self.fallback, render=card,
        )  # fmt: skip

    def _not_found(self, query: str, suggestions: list[Municipality]) -> PlaceMatch:
        card = partial(cards.not_found, suggestions)
        return PlaceMatch(
            query, PlaceStatus.NOT_FOUND, None, None, None, tuple(suggestions), card(i18n.DEFAULT),
            fallback=self.fallback, render=card,
        )  # fmt: skip

    @staticmethod
    def _okres_short(okres: str, candidates: list[Mas]) -> str:
        if not candidates:
            return f"v okrese {okres} doloženou MAS nemáme;"
        listed = ", ".join(f"{m.short_name} ({m.web})" if m.web else m.short_name for m in candidates)
        return f"v okrese {okres} působí {listed};"
