"""Extractive, grounded answers: the best sentences of the retrieved passages, with their sources.

Nothing here generates text about the topic: every factual sentence is quoted from a passage,
the rest are fixed Czech phrases (not-known, pointers to a MAS, date warnings).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import numpy as np

from bot.answer import Answer, Passage, Source
from bot.places import Mas, PlaceMatch, contact_summary
from bot.question import is_cyrillic
from index.analyzer import analyze
from index.bm25 import K1 as BM25_K1
from index.chunks import BREADCRUMB_SEP
from index.search import Hit, SearchResult
from index.store import IndexData
from kb.text import fold_lower

# Confidence = top passage cosine + a share of the best BM25 score out of the most the question's
# terms could score (scale-free, so it holds for small and large knowledge folders). Off-topic
# questions reach e5 cosines of ~0.86 here but rarely match the corpus' rarer terms. Calibrated on
# the 120 questions of tests/knowledge/questions.yaml and 25 off-topic ones: 3 false answers, 1 refusal.
LEXICAL_WEIGHT = 0.3
CONFIDENCE_THRESHOLD = 0.90
CYRILLIC_LEXICAL_SHARE = 0.2  # Ukrainian questions: e5 is multilingual, BM25 is not
SUGGESTION_MIN_DENSE = 0.80
MAX_ANSWER_CHARS = 700
MAX_SENTENCES = 3
OTHER_DOCUMENT_MARGIN = 0.03
FIRST_SENTENCE_BONUS = 0.03  # staff put the core fact of a section first (knowledge/README.md)

NOT_KNOWN = "Na tohle bohužel v našich podkladech nemám spolehlivou odpověď."
EMPTY_QUESTION = (
    "Napište mi prosím otázku slovy, třeba: „Co je Fond pro spravedlivou transformaci?“ "
    "nebo „Kdo mi poradí s dotací v Žatci?“"
)

_DATE = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")
_DEADLINE_BEFORE = re.compile(r"(\bdo|uzávěrk\w*|končí|ukončen\w*|nejpozději|termín\w*)\s*$", re.IGNORECASE)
_ASKS_NUMBER = re.compile(r"\b(kolik\w*|jak (vysok|velk)\w*|castk\w*|do kdy|od kdy|kdy\b|termin\w*|alokac\w*)")
_ASKS_DEFINITION = re.compile(r"^\W*(co (to )?(je|jsou|znamena|znamenaji)|co je to|what is|what are)\b")
_DEFINES = re.compile(r"\s(je|jsou|znamená|znamenají)\s")
_HAS_NUMBER = re.compile(r"\d[\d ,.]*")


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
    wants_number = bool(_ASKS_NUMBER.search(fold_lower(result.query)))
    asked_numbers = set(_HAS_NUMBER.findall(result.query))
    wants_definition = bool(_ASKS_DEFINITION.search(fold_lower(result.query)))
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
    return (
        "S dotazem vám poradí místní akční skupina (MAS) ve vašem okolí. Napište mi, ve které obci "
        f"bydlíte, nebo se obraťte na {contact_summary(fallback)}."
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
