"""Extractive, grounded answers (DESIGN.md §5): the best sentences of the retrieved passages, with sources.

Nothing here generates text about the topic: every factual sentence is quoted from a passage,
the rest are fixed Czech phrases (not-known, pointers to a MAS, date warnings).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from index.analyzer import analyze, fold
from index.bm25 import K1 as BM25_K1
from index.chunks import BREADCRUMB_SEP
from index.search import Hit, SearchResult
from index.store import IndexData

if TYPE_CHECKING:
    from bot.eligibility import EligibilityResult
    from bot.places import Mas, PlaceMatch

# Confidence = top passage cosine + a share of the best BM25 score out of the most the question's
# terms could score (scale-free, so it holds for small and large knowledge folders). Off-topic
# questions reach e5 cosines of ~0.86 here but rarely match the corpus' rarer terms. Calibrated on
# the 120 questions of tests/knowledge/questions.yaml and 25 off-topic ones: 3 false answers, 1 refusal.
LEXICAL_WEIGHT = 0.3
CONFIDENCE_THRESHOLD = 0.90
CYRILLIC_LEXICAL_SHARE = 0.2  # Ukrainian questions: e5 is multilingual, BM25 is not
SUGGESTION_MIN_DENSE = 0.80
MAX_QUESTION_CHARS = 1000
MAX_ANSWER_CHARS = 700
MAX_SENTENCES = 3
OTHER_DOCUMENT_MARGIN = 0.03
FIRST_SENTENCE_BONUS = 0.03  # staff put the core fact of a section first (knowledge/README.md)

NOT_KNOWN = "Na tohle bohužel v našich podkladech nemám spolehlivou odpověď."
EMPTY_QUESTION = (
    "Napište mi prosím otázku slovy, třeba: „Co je Fond pro spravedlivou transformaci?“ "
    "nebo „Kdo mi poradí s dotací v Žatci?“"
)
LONG_QUESTION = "Zpráva je hodně dlouhá, odpovídám na její začátek."
NOT_CZECH = "Odpovídám česky, podklady mám jen v češtině."

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_TAG = re.compile(r"<[^>]{0,200}>")
_DATE = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")
_DEADLINE_BEFORE = re.compile(r"(\bdo|uzávěrk\w*|končí|ukončen\w*|nejpozději|termín\w*)\s*$", re.IGNORECASE)
_ASKS_NUMBER = re.compile(r"\b(kolik\w*|jak (vysok|velk)\w*|castk\w*|do kdy|od kdy|kdy\b|termin\w*|alokac\w*)")
_ASKS_DEFINITION = re.compile(r"^\W*(co (to )?(je|jsou|znamena|znamenaji)|co je to|what is|what are)\b")
_DEFINES = re.compile(r"\s(je|jsou|znamená|znamenají)\s")
_HAS_NUMBER = re.compile(r"\d[\d ,.]*")
_ASKS_FOR_MAS = re.compile(r"\bmas\b|mistni akcni|porad\w*|kontakt\w*|obratit|pomuze|pomoc\w*|kdo mi|na koho")
_ENGLISH = frozenset(
    [
        "the",
        "what",
        "how",
        "is",
        "are",
        "can",
        "i",
        "my",
        "where",
        "when",
        "who",
        "which",
        "do",
        "does",
        "for",
        "of",
        "to",
        "and",
        "money",
    ]
)


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str | None
    file: str
    as_of: str | None

    def to_json(self) -> dict:
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

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "title": self.title,
            "file": self.file,
            "source": self.source,
            "as_of": self.as_of,
            "score": round(self.score, 3),
        }


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

    def parts(self) -> list[tuple[str, object]]:
        """What the bot says, in order, as (kind, content); `.text` and the Telegram HTML render these.

        Kinds: "eligibility" (EligibilityResult), "place" (PlaceMatch), "body", "context" (the body
        after a lead), "notes", "suggestions" (list[str]), "sources" (list[Source]), "tail" (str).
        """
        out: list[tuple[str, object]] = []
        if self.eligibility is not None:
            out.append(("eligibility", self.eligibility))
        elif self.place_lead and self.place is not None:
            out.append(("place", self.place))
        lead = bool(out)
        if not lead:
            out.append(("body", self.body))
        elif self.confident:
            out.append(("context", self.body))
        if self.notes:
            out.append(("notes", "\n".join(self.notes)))
        if self.suggestions and not lead:
            out.append(("suggestions", self.suggestions))
        if self.sources and self.confident:
            out.append(("sources", self.sources))
        tail = None if lead else (self.mas_line or self.contact_line)
        if tail:
            out.append(("tail", tail))
        return out

    @property
    def text(self) -> str:
        """Plain text, exactly what the bot says (Telegram adds only markup and links)."""
        rendered = []
        for kind, content in self.parts():
            if kind in ("eligibility", "place"):
                rendered.append(content.message)  # type: ignore[attr-defined]
            elif kind == "context":
                rendered.append(f"Z podkladů: {content}")
            elif kind == "suggestions":
                rendered.append("Možná vás zajímá: " + "; ".join(content) + ".")  # type: ignore[arg-type]
            elif kind == "sources":
                lines = "\n".join(f"• {source_line(s)}" for s in content)  # type: ignore[attr-defined]
                rendered.append(f"Zdroje:\n{lines}")
            else:
                rendered.append(str(content))
        return "\n\n".join(rendered)

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "confident": self.confident,
            "passages": [p.to_json() for p in self.passages],
            "sources": [s.to_json() for s in self.sources],
            "mas": self.place.ask_json() if self.place else None,
        }


def source_line(source: Source) -> str:
    date = f" (stav k {format_date(source.as_of)})" if source.as_of else ""
    url = f": {source.url}" if source.url else ""
    return f"{source.title}{date}{url}"


def format_date(iso: str) -> str:
    """2024-07-01 → 1. 7. 2024 (Czech style)."""
    try:
        d = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.day}. {d.month}. {d.year}"


def clean_question(raw: str) -> tuple[str, list[str]]:
    """Question text safe to process, and notes for the user about what was done to it."""
    notes: list[str] = []
    if looks_binary(raw or ""):
        return "", notes
    text = unicodedata.normalize("NFC", raw or "")
    text = _CONTROL.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > MAX_QUESTION_CHARS:
        cut = text[:MAX_QUESTION_CHARS]
        text = cut[: cut.rfind(" ")] if " " in cut[-100:] else cut
        notes.append(LONG_QUESTION)
    return text, notes


_GREETING = re.compile(
    r"^(ahoj\w*|dobry (den|vecer)|dobre (rano|odpoledne)|zdravim|cau|cus|nazdar|hello|hi|hey|"
    r"привіт|добрий день|здравствуйте)( vsem| prusvodce| pruvodce)?$"
)
_THANKS = re.compile(
    r"^(diky|dik|dekuji|dekuju|dekujeme|diky moc|dekuji moc|dekuji pekne|super|ok|okay|"
    r"thanks|thank you|дякую)( moc| pekne| mockrat)?$"
)
GREETING_REPLY = (
    "Dobrý den! Jsem Průvodce transformací a odpovídám na otázky o spravedlivé transformaci Ústeckého "
    "kraje. Zeptejte se třeba: „Kdo může žádat o peníze z OPST?“, „Jak začít s komunitní energetikou "
    "v obci?“ nebo „Která MAS pomáhá v Žatci?“"
)
THANKS_REPLY = "Rádo se stalo. Kdybyste potřebovali ještě něco, stačí napsat."


def small_talk(question: str) -> str | None:
    """A fixed reply to a bare greeting or thanks (these are not questions for the knowledge base)."""
    text = re.sub(r"[^\w ]+", " ", fold(question.lower()))
    text = " ".join(text.split())
    if _GREETING.match(text):
        return GREETING_REPLY
    if _THANKS.match(text):
        return THANKS_REPLY
    return None


def asks_for_mas(question: str) -> bool:
    """Does the question ask who helps locally (which MAS, whom to contact)?"""
    return bool(_ASKS_FOR_MAS.search(fold(question.lower())))


def looks_binary(raw: str) -> bool:
    """Mostly control or replacement characters: data pasted or sent by mistake, not a question."""
    if not raw:
        return False
    odd = sum(1 for c in raw if c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t") or 0x7F <= ord(c) < 0xA0)
    return odd / len(raw) > 0.2


def has_words(text: str) -> bool:
    return sum(1 for c in text if c.isalpha()) >= 3


def is_cyrillic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if "\u0400" <= c <= "\u04ff") / len(letters) > 0.5


def language_note(text: str) -> str | None:
    if is_cyrillic(text):
        return NOT_CZECH
    words = re.findall(r"[a-z]+", text.lower())
    if (
        len(words) >= 3
        and sum(w in _ENGLISH for w in words) / len(words) >= 0.3
        and not re.search(r"[ěščřžýáíéůú]", text.lower())
    ):
        return NOT_CZECH
    return None


def confidence(result: SearchResult, index: IndexData) -> float:
    """One number for "do the passages answer this?"; compare with CONFIDENCE_THRESHOLD."""
    if not result.hits:
        return 0.0
    best_possible = sum(index.bm25.idf(t) * (BM25_K1 + 1) for t in set(result.query_terms))
    lexical = result.best_lexical / best_possible if best_possible else 0.0
    if is_cyrillic(result.query):  # Czech terms cannot match: assume a modest lexical share instead
        lexical = max(lexical, CYRILLIC_LEXICAL_SHARE)
    return result.best_dense + LEXICAL_WEIGHT * lexical


def is_confident(result: SearchResult, index: IndexData) -> bool:
    return confidence(result, index) >= CONFIDENCE_THRESHOLD


def _passages(hits: list[Hit]) -> list[Passage]:
    return [
        Passage(
            h.chunk.chunk_id,
            h.chunk.text,
            h.chunk.title,
            h.chunk.breadcrumb,
            h.chunk.file,
            h.chunk.source,
            h.chunk.as_of,
            h.score,
        )
        for h in hits
    ]


def select_sentences(result: SearchResult, index: IndexData, top: int = 3) -> list[tuple[Hit, str]]:
    """The best sentences of the top passages: semantic similarity, shared terms and passage rank."""
    q_terms = set(result.query_terms)
    wants_number = bool(_ASKS_NUMBER.search(fold(result.query.lower())))
    asked_numbers = set(_HAS_NUMBER.findall(result.query))
    wants_definition = bool(_ASKS_DEFINITION.search(fold(result.query.lower())))
    idf = {t: index.bm25.idf(t) for t in q_terms}
    idf_total = sum(idf.values())
    scored: list[tuple[float, int, int, Hit, str]] = []
    for rank, hit in enumerate(result.hits[:top]):
        chunk = hit.chunk
        rows = index.sentence_vectors[chunk.sentence_start : chunk.sentence_start + len(chunk.sentences)]
        sims = rows @ result.query_vector if len(rows) else np.zeros(0)
        heading_terms = set(analyze(chunk.breadcrumb.rsplit(BREADCRUMB_SEP, 1)[-1]))
        for pos, (sentence, sim) in enumerate(zip(chunk.sentences, sims, strict=True)):
            terms = set(analyze(sentence))
            # A sentence inherits half the weight of its section heading ("Motto fondu" → "Heslem je …").
            # Weighted by IDF, so the question's rare, specific words count more than its topic words.
            shared = sum(idf[t] for t in q_terms & terms) + 0.5 * sum(idf[t] for t in q_terms & (heading_terms - terms))
            lexical = shared / idf_total if idf_total else 0.0
            score = (0.7 * float(sim) + 0.3 * lexical) * (1.0 - 0.04 * rank) + (
                FIRST_SENTENCE_BONUS if pos == 0 else 0.0
            )
            if wants_number and set(_HAS_NUMBER.findall(sentence)) - asked_numbers:  # "kolik": new figures answer
                score += 0.04
            if (
                wants_definition
                and _DEFINES.search(sentence)
                and q_terms & set(analyze(" ".join(sentence.split()[:6])))
            ):
                score += 0.04  # "co je OPST?": "OPST je …" answers
            if len(sentence) < 25 or sentence.endswith(":"):  # fragments and list intros don't answer alone
                score -= 0.05
            scored.append((score, rank, pos, hit, sentence))
    if not scored:
        return []
    scored.sort(key=lambda s: -s[0])
    best_score = scored[0][0]
    chosen: list[tuple[float, int, int, Hit, str]] = [scored[0]]
    length = len(scored[0][4])
    for item in scored[1:]:
        if len(chosen) >= MAX_SENTENCES or item[0] < best_score - 0.05:
            break
        if length + len(item[4]) > MAX_ANSWER_CHARS or any(item[4] == c[4] for c in chosen):
            continue
        if item[3].chunk.file != scored[0][3].chunk.file and item[0] < best_score - OTHER_DOCUMENT_MARGIN:
            continue  # another document's sentence must be nearly as good to join
        chosen.append(item)
        length += len(item[4])
    # The best sentence leads; the others follow in reading order so they stay coherent.
    head, rest = chosen[0], sorted(chosen[1:], key=lambda s: (s[1], s[2]))
    return [(s[3], s[4]) for s in [head, *rest]]


def deadline_notes(sentences: list[str], today: dt.date) -> list[str]:
    """Warn when a quoted deadline ("do 30. 6. 2024") has already passed."""
    notes = []
    for sentence in sentences:
        for m in _DATE.finditer(sentence):
            try:
                day = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                continue
            if day < today and _DEADLINE_BEFORE.search(sentence[: m.start()]):
                note = f"Pozor: termín {m.group(0)} už uplynul (dnes je {today.day}. {today.month}. {today.year})."
                if note not in notes:
                    notes.append(note)
    return notes


def contact_line(fallback: Mas | None) -> str | None:
    if fallback is None:
        return None
    contacts = ", ".join(x for x in (fallback.web, fallback.email, fallback.phone) if x)
    return (
        "S dotazem vám poradí místní akční skupina (MAS) ve vašem okolí. Napište mi, ve které obci "
        f"bydlíte, nebo se obraťte na {fallback.name}" + (f" ({contacts})." if contacts else ".")
    )


def compose(
    question: str,
    result: SearchResult | None,
    index: IndexData | None,
    *,
    place: PlaceMatch | None,
    fallback: Mas | None,
    notes: list[str],
    today: dt.date | None = None,
) -> Answer:
    """Turn search results into an Answer; below the confidence threshold, an honest "nevím"."""
    today = today or dt.date.today()
    if result is None or index is None:
        body = EMPTY_QUESTION
        return Answer(
            question,
            body,
            False,
            place=place,
            answer_id=_answer_id(question, []),
            notes=notes,
            contact_line=None if place else contact_line(fallback),
        )
    passages = _passages(result.hits)
    if not is_confident(result, index):
        seen: list[str] = []
        for hit in result.hits[:4]:
            if hit.chunk.title not in seen and hit.dense >= SUGGESTION_MIN_DENSE:
                seen.append(hit.chunk.title)
        return Answer(
            question,
            NOT_KNOWN,
            False,
            passages,
            [],
            place,
            _answer_id(question, []),
            suggestions=seen[:3],
            notes=notes,
            contact_line=None if place else contact_line(fallback),
        )
    chosen = select_sentences(result, index)
    body = " ".join(s for _, s in chosen)
    sources: list[Source] = []
    for hit, _ in chosen:
        chunk = hit.chunk
        cited = chunk.sources or ((chunk.source, chunk.as_of),)  # the section's own sources, else the document's
        for url, as_of in cited:
            source = Source(chunk.title, url, chunk.file, as_of)
            if source not in sources:
                sources.append(source)
    all_notes = [*notes, *deadline_notes([s for _, s in chosen], today)]
    quoted = tuple(dict.fromkeys(h.chunk.chunk_id for h, _ in chosen))
    return Answer(
        question,
        body,
        True,
        passages,
        sources,
        place,
        _answer_id(question, [h.chunk.chunk_id for h, _ in chosen]),
        notes=all_notes,
        quoted=quoted,
    )


def _answer_id(question: str, chunk_ids: list[str]) -> str:
    return hashlib.sha1(("\x00".join([question.casefold(), *chunk_ids])).encode()).hexdigest()[:10]
