"""The typed answer: what the bot says, as an ordered list of parts that every renderer walks.

`bot.render` turns an Answer into plain text (CLI, JSON) or Telegram HTML; both walk the same
parts, so the terminal and Telegram can never say different things.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.eligibility import EligibilityResult
from bot.places import PlaceMatch


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str | None
    file: str
    as_of: str | None  # at the precision the source gives: 2024-07-01, 2024-07 or 2024

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url, "file": self.file, "as_of": self.as_of}


@dataclass(frozen=True, slots=True)
class Passage:
    chunk_id: str
    text: str
    title: str
    breadcrumb: str
    file: str
    source: str | None
    as_of: str | None
    score: float

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "title": self.title,
            "file": self.file,
            "source": self.source,
            "as_of": self.as_of,
            "score": round(self.score, 3),
        }


class TextRole(StrEnum):
    BODY = "body"  # the answer itself
    CONTEXT = "context"  # quoted passages after a lead ("Z podkladů: …")
    NOTE = "note"  # passed deadlines, language, a shortened question
    TAIL = "tail"  # who to ask: the user's MAS or the regional association


@dataclass(frozen=True, slots=True)
class Text:
    role: TextRole
    text: str


@dataclass(frozen=True, slots=True)
class EligibilityLead:
    result: EligibilityResult


@dataclass(frozen=True, slots=True)
class PlaceLead:
    match: PlaceMatch


@dataclass(frozen=True, slots=True)
class Suggestions:
    topics: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceList:
    sources: tuple[Source, ...]


Part = Text | EligibilityLead | PlaceLead | Suggestions | SourceList


@dataclass(frozen=True)
class Answer:
    question: str
    body: str
    confident: bool
    passages: list[Passage] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    place: PlaceMatch | None = None
    answer_id: str = ""
    suggestions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # date warnings, language note
    contact_line: str | None = None  # who to ask, when not confident and no MAS is known
    eligibility: EligibilityResult | None = None  # "can we get money for this?" questions
    place_lead: bool = False  # the question asks who helps here: the MAS answer leads
    quoted: tuple[str, ...] = ()  # chunk ids the body quotes, leading sentence first

    @property
    def source_passage(self) -> Passage | None:
        """The passage behind the answer's leading sentence ("Zobrazit zdroj"); None when nothing was quoted."""
        if not self.confident or not self.quoted:
            return None
        return next((p for p in self.passages if p.chunk_id == self.quoted[0]), None)

    @property
    def mas_line(self) -> str | None:
        return self.place.mas_line() if self.place else None

    def parts(self) -> list[Part]:
        """What the bot says, in order; the renderers walk these."""
        out: list[Part] = []
        if self.eligibility is not None:
            out.append(EligibilityLead(self.eligibility))
        elif self.place_lead and self.place is not None:
            out.append(PlaceLead(self.place))
        lead = bool(out)
        if not lead:
            out.append(Text(TextRole.BODY, self.body))
        elif self.confident:
            out.append(Text(TextRole.CONTEXT, self.body))
        if self.notes:
            out.append(Text(TextRole.NOTE, "\n".join(self.notes)))
        if self.suggestions and not lead:
            out.append(Suggestions(tuple(self.suggestions)))
        if self.sources and self.confident:
            out.append(SourceList(tuple(self.sources)))
        tail = None if lead else (self.mas_line or self.contact_line)
        if tail:
            out.append(Text(TextRole.TAIL, tail))
        return out

    @property
    def text(self) -> str:
        """Plain text, exactly what the bot says (Telegram adds only markup and links)."""
        from bot.render import render_plain

        return render_plain(self)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "confident": self.confident,
            "passages": [p.to_json() for p in self.passages],
            "sources": [s.to_json() for s in self.sources],
            "mas": self.place.ask_json() if self.place else None,
        }
