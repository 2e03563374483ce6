"""The result of recognising a place: a municipality (or okres) with its MAS status and its card in cs, uk, en."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot import i18n
from kb.places import Mas, Municipality


class PlaceStatus(StrEnum):
    ASSIGNED = "assigned"  # a source ties the municipality to a MAS
    NO_MAS = "no_mas"  # the municipality is in no MAS
    UNKNOWN = "unknown"  # municipality or okres known, its MAS not verified (candidates: MAS of the okres)
    AMBIGUOUS = "ambiguous"  # several municipalities match (candidates: them, with okres)
    NOT_FOUND = "not_found"  # nothing recognised (candidates: municipalities for "Myslíte …?", if any)


# A user's municipality can be remembered only when we know which one it is.
FOUND = frozenset({PlaceStatus.ASSIGNED, PlaceStatus.NO_MAS, PlaceStatus.UNKNOWN})


def mas_json(mas: Mas) -> dict[str, Any]:
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


@dataclass(frozen=True)
class PlaceMatch:
    query: str
    status: PlaceStatus
    obec: Municipality | None
    okres: str | None
    mas: Mas | None
    candidates: tuple[Municipality | Mas, ...] = ()
    message: str = ""  # the full Czech card (what `bot mas` prints)
    region: str | None = None
    fuzzy: bool = False
    fallback: Mas | None = None  # the regional association, for "unknown"
    line: str | None = None  # one Czech line pointing to the MAS (the end of an answer)
    # the card in a language (bot.places.cards), written only when asked for: most matches are never shown
    render: Callable[[str], str] | None = field(default=None, compare=False, repr=False)

    def in_language(self, lang: str) -> str:
        """The card in `lang` (the Czech `message` when there is no other version)."""
        if self.render is None or i18n.as_lang(lang) == i18n.DEFAULT:
            return self.message
        return self.render(lang)

    @property
    def found(self) -> bool:
        """A municipality is identified (its MAS may still be unknown)."""
        return self.status in FOUND and self.obec is not None

    def to_json(self) -> dict[str, Any]:
        """`mas --json`: {query, status, obec, okres, mas, candidates, message}."""
        candidates: list[dict[str, Any]] = []
        for c in self.candidates:
            if isinstance(c, Municipality):
                candidates.append(
                    {"obec": c.name, "okres": c.okres, "kod": c.code, "mas": c.mas_id, "status": str(c.mas_status)}
                )
            else:
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
            "status": str(self.status),
            "obec": self.obec.name if self.obec else None,
            "okres": self.okres,
            "mas": mas_json(self.mas) if self.mas else None,
            "candidates": candidates,
            "message": self.message,
        }

    def ask_json(self) -> dict[str, Any] | None:
        """The `mas` field of `ask --json`: {obec, okres, name, web, email, phone}; None without a place."""
        if self.status in (PlaceStatus.NOT_FOUND, PlaceStatus.AMBIGUOUS):
            return None
        contact = {PlaceStatus.ASSIGNED: self.mas, PlaceStatus.UNKNOWN: self.fallback}.get(self.status)
        return {
            "obec": self.obec.name if self.obec else None,
            "okres": self.okres,
            "name": contact.name if contact else None,
            "web": contact.web if contact else None,
            "email": contact.email if contact else None,
            "phone": contact.phone if contact else None,
        }

    def mas_line(self) -> str | None:
        return self.line
