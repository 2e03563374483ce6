"""Matching a question to a staff-written curated answer (knowledge/odpovedi/), before any search.

Curated answers are not passages of the search: they are said whole or not at all.

A question matches when it is close to one of an answer's phrasings (the question or an alternative,
compared query to query with the same model) and clearly closer than to any other answer: answers on
neighbouring topics ("kolik dostane kraj" / "kolik dostane Česko") are close to each other, so a
margin is required as well as a threshold. The answer is said in the asker's language when a
translation exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from bot.intent import QuestionKind, classify
from index.analyzer import analyze
from index.store import CuratedRecord, IndexData
from index.synonyms import Synonyms
from kb.text import fold_lower

# Calibrated on the question sets (bench/bench_quality.py): cosine of e5 query vectors.
MATCH_THRESHOLD = 0.94
MARGIN = 0.015
SURE_THRESHOLD = 0.965  # this close, the margin no longer matters (the same question in other words)
MIN_COVERAGE = 0.7  # share of the question's words (by rarity) the answer's phrasings and text must contain
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class CuratedMatch:
    record: CuratedRecord  # in the asker's language when a translation exists
    score: float
    margin: float
    phrasing: str  # the phrasing that matched


def _family(record: CuratedRecord) -> str:
    """The id of the Czech original: a translation and its original are one answer."""
    return record.translation_of or record.id


def _never_common(word: str) -> bool:
    return False


def coverage(
    question: str,
    record: CuratedRecord,
    idf: Callable[[str], float],
    common: Callable[[str], bool] = _never_common,
    synonyms: Synonyms | None = None,
) -> float:
    """Share of the question's words (weighted by rarity) that the answer's phrasings or text use:
    "Kolik dostalo Polsko" is close to "Kolik dostalo Česko" for the model, but Polsko is nowhere in
    that answer; "nultá výzva" is close to "otevřená výzva", but "nultá" is the word that matters.

    `common`: words of everyday Czech ("zrovna", "dostat") tell no topic apart, however rare they are
    in the knowledge base, so they do not count."""
    asked: dict[str, float] = {}
    for word in _WORD.findall(question):
        for term in analyze(word):
            if not common(word.lower()):
                asked[term] = idf(term)
    if not asked:
        return 1.0
    known = set(analyze(" ".join([*record.phrasings, record.body])))
    if synonyms is not None:
        for key, expansion in synonyms.found(tuple(analyze(question))):
            if any(e in known for e in expansion):
                known.update(key)
    total = sum(asked.values())
    return sum(w for t, w in asked.items() if t in known) / total if total else 1.0


_NUMBER = re.compile(r"(?<![\d,.])\d{2,4}(?![\d,])")


def numbers_covered(question: str, record: CuratedRecord) -> bool:
    """A year or a call number the answer never mentions ("Program obnovy venkova 2027", "výzva 108")
    asks about something else than this answer says, however close the words."""
    said = set(_NUMBER.findall(" ".join([*record.phrasings, record.body])))
    return all(n in said for n in _NUMBER.findall(question))


_SPECIFIC = frozenset(
    {
        QuestionKind.AMOUNT,
        QuestionKind.DATE,
        QuestionKind.WHO,
        QuestionKind.CONTACT,
        QuestionKind.PROCEDURE,
        QuestionKind.DEFINITION,
        QuestionKind.COMPARISON,
    }
)


def same_kind(question: str, phrasing: str) -> bool:
    """ "Kdo může žádat?" is not "Jak žádat?": both asking for a specific kind of fact, they must agree."""
    asked, matched = classify(question), classify(phrasing)
    return asked == matched or asked not in _SPECIFIC or matched not in _SPECIFIC


def answers_kind(question: str, phrasing: str) -> bool:
    """A translated answer has no word-coverage guard (its words are not the index's Czech ones), and across
    languages the model rates a topic match high: "Who makes the final funding decision on strategic projects?"
    is close to "Which strategic projects does the region have?". A question asking for a specific kind of
    fact then needs a phrasing that asks for one too, unless the match is sure."""
    return classify(question) not in _SPECIFIC or classify(phrasing) in _SPECIFIC


_YES_NO_OPENER = re.compile(r"^(ano|ne|yes|no|так|ні)\s*[,.:–-]\s*((ale|but|але)\s+)?", re.IGNORECASE)
_NOT_YES_OR_NO = _SPECIFIC | {QuestionKind.PURPOSE, QuestionKind.LIST}
_WHY = re.compile(r"^\W*(a\s+)?(proc|why|чому|почему)\b")


def fitted_to_question(body: str, question: str) -> str:
    """The answer without its "Ano,"/"Ne," when the question asks no yes/no: a family of phrasings mixes "Řídí
    OPST MMR?" with "kdo řídí OPST", and "Ne, OPST řídí MŽP" reads wrong to the latter."""
    asks_no_yes_or_no = classify(question) in _NOT_YES_OR_NO or _WHY.search(fold_lower(question)) is not None
    if not asks_no_yes_or_no:
        return body
    opener = _YES_NO_OPENER.match(body)
    if opener is None or opener.end() >= len(body):
        return body
    rest = body[opener.end() :]
    return rest[0].upper() + rest[1:]


def match_curated(
    index: IndexData,
    query_vector: np.ndarray,
    question: str,
    lang: str = "cs",
    common: Callable[[str], bool] = _never_common,
    synonyms: Synonyms | None = None,
) -> CuratedMatch | None:
    """The curated answer this question asks for, or None (`common`, `synonyms`: see `coverage`)."""
    records = index.curated
    if not records or not len(index.curated_vectors):
        return None
    sims = index.curated_vectors @ query_vector
    best: dict[str, tuple[float, CuratedRecord, int]] = {}
    for record in records:
        rows = sims[record.phrasing_start : record.phrasing_start + len(record.phrasings)]
        if not len(rows):
            continue
        i = int(np.argmax(rows))
        family = _family(record)
        if family not in best or rows[i] > best[family][0]:
            best[family] = (float(rows[i]), record, i)
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
    # Near-ties are settled by the question words: the model reads "How long …" and "How much …" about the
    # same benefit as one question.
    tied = [kv for kv in ranked if ranked[0][1][0] - kv[1][0] < MARGIN]
    if len(tied) > 1:
        opening = _opening(question)
        chosen = max(tied, key=lambda kv: len(opening & _opening(kv[1][1].phrasings[kv[1][2]])))
        ranked = [chosen, *(kv for kv in ranked if kv is not chosen)]
    family, (score, record, row) = ranked[0]
    second = ranked[1][1][0] if len(ranked) > 1 else 0.0
    phrasing = record.phrasings[row]
    margin = score - second
    if score < MATCH_THRESHOLD or (score < SURE_THRESHOLD and margin < MARGIN):
        return None
    if record.lang == "cs" and coverage(question, record, index.bm25.idf, common, synonyms) < MIN_COVERAGE:
        return None
    if not numbers_covered(question, record):
        return None
    if not same_kind(question, phrasing):
        return None
    if record.lang != "cs" and score < SURE_THRESHOLD and not answers_kind(question, phrasing):
        return None
    return CuratedMatch(_in_language(records, family, lang), score, margin, phrasing)


def _opening(text: str) -> set[str]:
    """The first two words, folded: the question words ("jak dlouho", "how much", "kdo může")."""
    return set(_WORD.findall(fold_lower(text))[:2])


def _in_language(records: list[CuratedRecord], family: str, lang: str) -> CuratedRecord:
    versions = [r for r in records if _family(r) == family]
    return next((r for r in versions if r.lang == lang), next(r for r in versions if r.lang == "cs"))
