"""The typed answer: what the bot says, as an ordered list of parts that every renderer walks.

`bot.render` turns an Answer into plain text (CLI, JSON) or Telegram HTML; both walk the same
parts, so the terminal and Telegram can never say different things.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot import i18n
from bot.eligibility import EligibilityResult
from bot.intent import QuestionKind
from bot.places import PlaceMatch, PlaceStatus, contact_summary


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
    INTRO = "intro"  # in the asker's language when the answer quotes Czech documents
    BODY = "body"  # the answer itself
    CONTEXT = "context"  # quoted passages after a lead (a MAS card, a funding summary): "Z podkladů: …"
    NOTE = "note"  # passed deadlines, language, a shortened question
    TAIL = "tail"  # who to ask: the user's MAS or the regional association


@dataclass(frozen=True, slots=True)
class Text:
    role: TextRole
    text: str


@dataclass(frozen=True, slots=True)
class PlaceLead:
    match: PlaceMatch


@dataclass(frozen=True, slots=True)
class Suggestions:
    topics: tuple[str, ...]


def topic_key(title: str) -> str:
    """A short stable key of a suggested topic (a document title), for button data under 64 bytes."""
    return hashlib.sha1(title.encode()).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class SourceList:
    sources: tuple[Source, ...]


Part = Text | PlaceLead | Suggestions | SourceList


@dataclass(frozen=True)
class Answer:
    question: str
    body: str
    confident: bool
    passages: list[Passage] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    place: PlaceMatch | None = None
    answer_id: str = ""
    suggestions: list[str] = field(default_factory=list)  # related topics (buttons in Telegram)
    notes: list[str] = field(default_factory=list)  # a call's status, a passed deadline, the language
    contact_line: str | None = None  # who to ask, when not confident and no MAS is known
    eligibility: EligibilityResult | None = None  # the full check of a funding question ("Podrobné ověření")
    context: str | None = None  # a quote that follows a lead (MAS card) or a funding summary
    place_lead: bool = False  # the question asks who helps here (or is just a name): the MAS card leads
    quoted: tuple[str, ...] = ()  # chunk ids the body quotes, leading sentence first
    kind: QuestionKind = QuestionKind.OTHER
    lang: str = "cs"  # the language the bot addresses the asker in (quotes may be Czech: see `intro`)
    intro: str | None = None  # "my documents are in Czech", in the asker's language
    curated_id: str | None = None  # the staff-written answer said verbatim, if any
    off_topic: bool = False  # "nevím" because the question is about something else entirely (weather, recipes)

    @property
    def source_passage(self) -> Passage | None:
        """The passage behind the answer's leading sentence ("Zobrazit zdroj"); None when nothing was quoted."""
        if not self.confident or not self.quoted:
            return None
        return next((p for p in self.passages if p.chunk_id == self.quoted[0]), None)

    @property
    def mas_line(self) -> str | None:
        return self.place.mas_line() if self.place else None

    @property
    def is_small_talk(self) -> bool:
        return self.kind in (QuestionKind.GREETING, QuestionKind.THANKS)

    @property
    def tail(self) -> str | None:
        """Who to ask: the user's MAS or the regional association (never under small talk or a MAS card)."""
        if self.is_small_talk or self.place_lead or self.kind is QuestionKind.FUNDING:
            return None
        if self.lang != i18n.DEFAULT and self.place is not None:
            return self._tail_in_language(self.place)
        return self.mas_line or self.contact_line

    def _tail_in_language(self, place: PlaceMatch) -> str | None:
        """The MAS line in the asker's language (the resolver words it in Czech)."""
        obec = place.obec.name if place.obec is not None else None
        if place.status is PlaceStatus.ASSIGNED and place.mas is not None and obec is not None:
            return i18n.text("your_mas", self.lang, obec=obec, contact=contact_summary(place.mas))
        if place.fallback is None:
            return self.contact_line
        contact = contact_summary(place.fallback)
        if obec is not None and place.status in (PlaceStatus.NO_MAS, PlaceStatus.UNKNOWN):
            key = "no_mas" if place.status is PlaceStatus.NO_MAS else "mas_unknown"
            return i18n.text(key, self.lang, obec=obec, contact=contact)
        return i18n.text("contact", self.lang, contact=contact)

    def parts(self, *, with_tail: bool = True) -> list[Part]:
        """What the bot says, in order; the renderers walk these."""
        out: list[Part] = []
        if self.intro:
            out.append(Text(TextRole.INTRO, self.intro))
        if self.place_lead and self.place is not None:
            out.append(PlaceLead(self.place))  # the card is the answer: a quote about other MAS would be noise
        else:
            out.append(Text(TextRole.BODY, self.body))
            if self.context:
                out.append(Text(TextRole.CONTEXT, self.context))
        if self.notes:
            out.append(Text(TextRole.NOTE, "\n".join(self.notes)))
        if self.suggestions and not self.confident:
            out.append(Suggestions(tuple(self.suggestions)))
        if self.sources and self.confident and not self.place_lead:
            out.append(SourceList(tuple(self.sources)))
        tail = self.tail if with_tail else None
        if tail:
            out.append(Text(TextRole.TAIL, tail))
        return out

    @property
    def text(self) -> str:
        """Plain text, exactly what the bot says (Telegram adds only markup, links and buttons)."""
        from bot.render import render_plain

        return render_plain(self)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "confident": self.confident,
            "kind": str(self.kind),
            "lang": self.lang,
            "passages": [p.to_json() for p in self.passages],
            "sources": [s.to_json() for s in self.sources],
            "mas": self.place.ask_json() if self.place else None,
            "eligibility": self.eligibility.to_json() if self.eligibility else None,
        }
