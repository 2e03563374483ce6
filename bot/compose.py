"""Extractive, grounded answers: the self-contained piece of the passages that answers what was asked.

Nothing here writes about the topic: every factual sentence is quoted from a passage; the rest are
fixed Czech phrases (not known, who to ask, a call's status on a date, a figure's date).

How the piece is chosen: every sentence of the best passages is scored by its similarity to the
question, the question's rare words it shares, its passage's rank and how well it carries the kind of
fact asked for (an amount, a date, a contact, a list of steps…). The best sentence becomes a *unit*:
with its antecedent when it points back ("Tyto možnosti…"), with what follows when it announces it
("…prochází třemi kroky."). A second unit joins only when it is nearly as good, says something new
and the answer stays short.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from bot import i18n
from bot.answer import Answer, Passage, Source
from bot.intent import QuestionKind, classify
from bot.places import MAS_WORD, Mas, PlaceMatch, contact_summary
from bot.question import is_cyrillic
from bot.scope import (
    asked_noun,
    asked_pair_apart,
    asks_current_holder_of_former,
    asks_past_award,
    asks_unknown_thing,
    asks_unquoted_call,
    asks_unquoted_thing,
    asks_unquoted_time,
    document_pairs,
    looks_off_topic,
    outside_scope,
    resembles_curated,
    unknown_measured,
    unknown_names,
    unknown_phrases,
    unquoted_price,
    unquoted_purpose,
)
from index.analyzer import STOP_FOLDED, analyze
from index.bm25 import K1 as BM25_K1
from index.chunks import BREADCRUMB_SEP
from index.search import Hit, SearchResult
from index.store import ChunkRecord, IndexData
from kb.text import Precision, fold_lower, format_date_cs, partial_date_start, precision

# Confidence = top passage cosine + a share of the best BM25 score out of the most the question's
# terms could score (scale-free, so it holds for small and large knowledge folders). Off-topic
# questions reach e5 cosines of ~0.86 but rarely match the corpus' rarer terms.
LEXICAL_WEIGHT = 0.3
CONFIDENCE_THRESHOLD = 0.90  # at or above: the passages answer
BORDERLINE_THRESHOLD = 0.85  # between: only a question that resembles the curated questions (bot.scope)
FOREIGN_LEXICAL_SHARE = 0.35  # Ukrainian and English questions: e5 is multilingual, the Czech BM25 is not
SUGGESTION_MIN_DENSE = 0.80
TOP_PASSAGES = 5
SHORT_ANSWER = 450  # most answers fit; a list of steps may take LONG_ANSWER
LONG_ANSWER = 900
SECOND_UNIT_MARGIN = 0.08
NEXT_SENTENCE_MARGIN = 0.12  # the one or two sentences right after the lead, in its passage
FOREIGN_UNIT_MARGIN = 0.15
CARRIER_MARGIN = 0.05  # a Czech question's best sentence without the asked fact yields to one this close with it
CHANNEL_MARGIN = 0.10  # how much closer a sentence may read before it outranks the asked phone or e-mail
OTHER_DOCUMENT_MARGIN = 0.03
FIRST_SENTENCE_BONUS = 0.03  # staff put the core fact of a section first (knowledge/README.md)
KIND_BONUS = 0.08
HEADING_KIND_BONUS = 0.04
ASKED_USE_WEIGHT = 2.0  # what the money would pay for ("zaplatit web") weighs double among the question's words
TOPIC_WORD_DISCOUNT = 0.5  # a question word found in every retrieved sentence keeps half its weight
_SPECIFIC_FACTS = frozenset({QuestionKind.AMOUNT, QuestionKind.DATE, QuestionKind.CONTACT})
OLD_FIGURE_DAYS = 365

NOT_KNOWN = i18n.text("not_known")
EMPTY_QUESTION = i18n.text("empty")

_DATE = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")
_DEADLINE_BEFORE = re.compile(r"(\bdo|uzávěrk\w*|končí|ukončen\w*|nejpozději|termín\w*)\s*$", re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d ,.]*")
_CURRENCY_UNITS = r"Kč|korun|tis\.|tisíc\w*|mil\.|mld\.|milion\w*|miliard\w*|EUR|eur|€"
_MONEY = re.compile(rf"\d[\d  ,.]*\s*({_CURRENCY_UNITS}|%|procent)", re.IGNORECASE)
_CURRENCY = re.compile(rf"\d[\d  ,.]*\s*({_CURRENCY_UNITS})", re.IGNORECASE)
_EXAMPLES = re.compile(r"(Příklad\w*|Například|Např\.)\b")
_SHARE = re.compile(r"\d\s*%|procent", re.IGNORECASE)
_PERCENT_ASKED = re.compile(r"procent|%|podil|mir\w* podpor|percent|відсот|процент")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_MONTHS = "leden|únor|březen|duben|květen|červen|červenec|srpen|září|říjen|listopad|prosinec"
_DATE_LIKE = re.compile(rf"{_DATE.pattern}|\b(19|20)\d\d\b|\b({_MONTHS})\w*", re.IGNORECASE)
_CONTACT = re.compile(
    r"@|https?://|www\.|\w\.cz\b|\btel\.|\+420|\b\d{3}\s?\d{3}\s?\d{3}\b|\bul\.|\bnám\.|\b\d{1,4}/\d{1,4}\b|"
    r"\b\d{3}\s\d{2}\b|\bsídl\w*|\bbudov\w*|\badres\w*|datov\w* schránk\w*",
    re.IGNORECASE,
)
# A contact question may name its channel ("tel na kraj?", "kam napsat?"): then that channel answers it.
_CHANNELS = (
    (
        re.compile(r"\btel\b|telefon|zavol|\bvolat|cislo|phone|\bcall|телефон|зателефон|подзвон"),
        re.compile(r"\+420|\btel\.\s*\d|\b\d{3}\s?\d{3}\s?\d{3}\b", re.IGNORECASE),  # a number, not "telefony"
    ),
    (
        re.compile(r"mail|napsat|napis|\bwrite|напис|пошт"),
        re.compile(r"@|datov\w* schránk\w*|e-podateln", re.IGNORECASE),
    ),
    (
        re.compile(r"adres|sidli|osobne|zajit|address|адрес"),
        re.compile(r"\bul\.|\bnám\.|\b\d{1,4}/\d{1,4}\b|\b\d{3}\s\d{2}\b|\bsídl\w*|\badres\w*", re.IGNORECASE),
    ),
)
# The thing a "kolik" question counts ("kolik obyvatel", "kolik MAS"); money words need an amount.
# Words between "kolik" and the counted thing are skipped ("kolik těch autobusů", "kolik asi lidí").
_COUNTED = re.compile(
    r"\bkolik\w*\s+(?:(?:tech|techto|tehle|ty|tam|asi|zhruba|presne|vlastne|vubec|mi|mu|nam|vam|ti|jim|si|"
    r"se\s+(?:da|dalo|dala|daly)|se|jde|slo|lze|muzu|muze|muzeme|mohu|mohl\w*|by|bych|bychom)\s+)*(\w+)"
    # "kolik se dalo dostat": the modal is skipped, the verb after it says what is asked ("kolik dá stát": giving)
)
# The counted thing written as a unit in the documents ("kolik hektarů" → "120 ha").
_UNITS = {"hekta": "ha", "kilom": "km", "metru": "m", "milio": "mil", "milia": "mld", "tisic": "tis"}
# Money asked for by a noun ("kolik peněz") or a verb of paying ("kolik dává / mi dají / stojí").
_MONEY_WORDS = re.compile(
    r"^(penez|penize|prach|korun|kc|eur|procent|dotac|podpor|alokac|castk|stoj|stal|zaplat|plati|dostan|dostal|"
    r"dostava|dostat|ziskat|dava|dal\b|da\b|daj|prispe|prispiv|poskyt|uvoln)"
)
# Another verb right after "kolik" ("kolik je / měla / bude…"): no noun is counted; any figure may answer.
_VERB_AFTER_KOLIK = re.compile(
    r"^(je|jsou|byl[aoiy]?|bude|budou|ma|maji|mel[aoiy]?|cini|cinil\w*|rozdel\w*|ziska\w*|ziskal\w*|muze\w*|"
    r"muzu|muzeme|lze|to|celkem|tak|ted)$"
)
_BODY = re.compile(
    r"\b(Ministerstv\w*|[Úú]řad\w*|MAS\b|[Kk]raj\w*|komis\w*|výbor\w*|[Rr]ad[ay]\b|RSK|SFŽP|MŽP|MMR|"
    r"agentur\w*|sdružení|[Vv]láda|Evropsk\w+ komis\w*)"
)
_DEFINES = re.compile(r"\s(je|jsou|znamená|znamenají|označuje)\s")
_STEPS = re.compile(r"(\d+\.\s|;|\bkrok\w*|nejdřív|nejprve|poté|potom|následně)", re.IGNORECASE)
# What something is for or does: the sentence that says what it funds, supports or does.
_PURPOSE = re.compile(
    r"\b(financuj\w*|podporuj\w*|podpoř\w*|hradí|platí|slouž\w*|určen\w*|funguje\s+jako|pomáh\w*|ručí|"
    r"zaměřuj\w*|zaměřen\w*|zajišťuj\w*|poskytuj\w*|zahrnuj\w*|témat\w*|oblast\w*|aktivit\w*)\b",
    re.IGNORECASE,
)
_COLON_LIST = re.compile(r":\s*\S")  # "…: a, b a c"
_HOW_HIGH = re.compile(r"\bjak\s+(vysok|velk)\w*\s+(je\s+|byla?\s+|bude\s+)?(podpor|dotac|prispev|davk|castk|voucher)")
_YES_OR_NO = re.compile(r"(Ano|Ne)\b\s*[,:–-]")
_MODAL = re.compile(r"\b(může|mohou|můžete|lze|nelze|nemůže|nemohou|smí|nesmí|není|nejsou|ano|ne)\b", re.IGNORECASE)
# A sentence that goes on describing what the one before it named ("Strategický projekt je … nástroj. Jde o
# velký a komplexní projekt …"): it belongs to that sentence's answer.
_GOES_ON = re.compile(r"^(Jde o|Jedná se o|Je to)\b")
# A sentence that only makes sense after the one before it.
_ANAPHORA = re.compile(
    r"^(Tyto|Tyhle|Tento|Tato|Toto|Ten|Ta|To|Ty|Tam|Takto|Takov\w+|Této|Tohoto|Tomto|Tímto|Těchto|Těmto|"
    r"Jeho|Její|Jejich|Ona|On|Oni|Ono|Také|Rovněž|Kromě toho|Dále|Zároveň|Navíc|Proto|Však|Ale|Kdo tyto)\b"
    r"|^(Telefon|E-mail|Adresa|Web|Sídlo|IČO?)\s+(je|má|zní)\b"  # whose? said by the sentence before
    rf"|{_GOES_ON.pattern}"  # what is? the sentence before names it
    r"|^\w+\s+(v|na|o|z|do|při|k|u|s)\s+(něm|ní|nich|něj|něho|nim|ně|nimi)\b"  # "Zasedají v něm …": in what?
    r"|\b(výše|uvedené|uvedených|zmíněn\w*|popsan\w* výše|tyto možnosti|těchto možností)\b"
)
# A sentence that announces what follows it ("… prochází třemi kroky.", "… takto:").
_ANNOUNCES = re.compile(
    r"(\b(dvěma|třemi|čtyřmi|pěti|šesti|dva|dvě|tři|čtyři|pět|šest)\s+(krok|fáz|etap|část|oblast|nástroj|způsob|aktivit)\w*"
    r"|\bnásledující\w*|\btakto\b)[^.]*[.:]$",
    re.IGNORECASE,
)
_CALL_NUMBER = re.compile(r"\b(\d{1,3})\.\s*výzv\w*|\bvýzv\w*\s+(?:č\.\s*)?(\d{1,3})\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quote:
    """A piece of one passage said in the answer: consecutive sentences [start, end) of its chunk."""

    hit: Hit
    start: int
    end: int
    score: float

    @property
    def chunk(self) -> ChunkRecord:
        return self.hit.chunk

    @property
    def text(self) -> str:
        return " ".join(self.chunk.sentences[self.start : self.end])

    def overlaps(self, other: Quote) -> bool:
        return self.chunk.chunk_id == other.chunk.chunk_id and self.start < other.end and other.start < self.end


def confidence(result: SearchResult, index: IndexData, foreign: bool = False) -> float:
    """One number for "do the passages answer this?"; compare with CONFIDENCE_THRESHOLD.

    `foreign`: the question is not in Czech, so its words cannot match the Czech terms; a modest
    lexical share is assumed instead."""
    if not result.hits:
        return 0.0
    best_possible = sum(index.bm25.idf(t) * (BM25_K1 + 1) for t in set(result.query_terms))
    lexical = result.best_lexical / best_possible if best_possible else 0.0
    if foreign or is_cyrillic(result.query):
        lexical = max(lexical, FOREIGN_LEXICAL_SHARE)
    return result.best_dense + LEXICAL_WEIGHT * lexical


def is_confident(result: SearchResult, index: IndexData, foreign: bool = False) -> bool:
    """Do the passages answer this? Colloquial questions ("de ta elektrika ze sdileni schovat na vecer?")
    score lower than standard Czech; in the borderline band a question counts as on-topic when it is
    closer to the staff's curated questions than to everyday off-topic ones."""
    score = confidence(result, index, foreign)
    if score >= CONFIDENCE_THRESHOLD:
        return True
    return score >= BORDERLINE_THRESHOLD and resembles_curated(index, result.query_vector)


def passages_of(hits: list[Hit]) -> list[Passage]:
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


def carries_kind(kind: QuestionKind, text: str, question: str = "") -> bool:
    """Does the text carry the kind of fact asked for (a figure for "kolik", a date for "kdy", a contact)?

    "Kolik obyvatel…" needs a figure next to people, not any figure; "kolik peněz…" needs an amount."""
    match kind:
        case QuestionKind.AMOUNT:
            if not _NUMBER.search(text):
                return False
            noun = _kolik_word(question)
            if noun is not None and _MONEY_WORDS.match(noun):
                return bool(_MONEY.search(text))
            if noun is None or _VERB_AFTER_KOLIK.match(noun):
                return True
            said = fold_lower(text)
            unit = _UNITS.get(noun[:5])
            if len(noun) < 4:  # "kolik MAS…": a figure right before it ("působí 9 MAS"), not any figure
                return _counts(noun, text) if len(noun) == 3 and noun not in STOP_FOLDED else True
            return noun[:5] in said or (unit is not None and re.search(rf"\d\s*{unit}\b", said) is not None)
        case QuestionKind.DATE:
            return bool(_DATE_LIKE.search(text))
        case QuestionKind.CONTACT:
            return bool(_CONTACT.search(text))
        case _:
            return True


def asked_channels(question: str) -> tuple[re.Pattern[str], ...]:
    """The contact channels a question names ("tel na kraj?" → phone), as patterns of sentences that give them."""
    said = fold_lower(question)
    return tuple(gives for asks, gives in _CHANNELS if asks.search(said))


def _kolik_word(question: str) -> str | None:
    """The word a "kolik" question asks about, folded ("kolik těch MAS…" → "mas"), or None."""
    found = _COUNTED.search(fold_lower(question))
    return found.group(1) if found is not None else None


def asks_money(question: str) -> bool:
    """ "Kolik peněz…", "kolik mi dají…", "jak vysoká je podpora…": the question asks for an amount of money."""
    noun = _kolik_word(question)
    return (noun is not None and bool(_MONEY_WORDS.match(noun))) or bool(_HOW_HIGH.search(fold_lower(question)))


def counted_thing(question: str) -> str | None:
    """What a "kolik" question counts, folded ("kolik MAS…" → "mas"); None for money, a verb or no noun."""
    noun = _kolik_word(question)
    if noun is None or len(noun) < 3 or noun in STOP_FOLDED or _MONEY_WORDS.match(noun):
        return None
    return None if _VERB_AFTER_KOLIK.match(noun) else noun


def _counts(noun: str, sentence: str) -> bool:
    """A figure right before the counted thing ("působí 9 MAS", "20 vodíkových autobusů", "120 ha")."""
    unit = _UNITS.get(noun[:5])
    thing = re.escape(noun[:4]) + (f"|{unit}\\b" if unit else "")
    return re.search(rf"\d\s+(?:\w+\s+)?(?:{thing})", fold_lower(sentence)) is not None


def _kind_bonus(
    kind: QuestionKind,
    sentence: str,
    q_terms: set[str],
    asked_numbers: set[str],
    counted: str | None = None,
    percent: bool = False,
    channels: tuple[re.Pattern[str], ...] = (),
    money: bool = False,
) -> float:
    """How well a sentence carries the kind of fact asked for; `counted`: what a "kolik" question counts,
    `percent`: the question asks for a share ("kolik procent"); `channels`: the contact channels asked for;
    `money`: an amount of money is asked ("kolik mi dají")."""
    match kind:
        case QuestionKind.AMOUNT:
            if counted is not None and _counts(counted, sentence):
                return KIND_BONUS
            if money and not percent:  # "kolik mi dají": crowns answer, "14 926 klientů, o 68 % více" does not
                return KIND_BONUS if _CURRENCY.search(sentence) else -KIND_BONUS / 2
            if percent and counted is None:  # "kolik procent nákladů": a share answers, a sum in crowns does not
                return KIND_BONUS if _SHARE.search(sentence) else -KIND_BONUS / 2
            if _MONEY.search(sentence):
                if counted is None and not percent and not _CURRENCY.search(sentence):
                    return KIND_BONUS / 2  # "kolik mi dají" asks for crowns, not "o 68 % více"
                return KIND_BONUS if counted is None else KIND_BONUS / 2
            return KIND_BONUS / 2 if set(_NUMBER.findall(sentence)) - asked_numbers else -KIND_BONUS / 2
        case QuestionKind.DATE:
            return KIND_BONUS if _DATE_LIKE.search(sentence) else -KIND_BONUS / 2
        case QuestionKind.CONTACT:
            if not _CONTACT.search(sentence):
                return -KIND_BONUS / 2
            if channels and not any(c.search(sentence) for c in channels):
                return -KIND_BONUS / 2  # a web address does not answer "tel na kraj?"
            return KIND_BONUS
        case QuestionKind.WHO:
            return KIND_BONUS / 2 if _BODY.search(sentence) else 0.0
        case QuestionKind.PROCEDURE:
            return KIND_BONUS if _STEPS.search(sentence) else 0.0
        case QuestionKind.DEFINITION:
            opening = set(analyze(" ".join(sentence.split()[:6])))
            return KIND_BONUS / 2 if _DEFINES.search(sentence) and q_terms & opening else 0.0
        case QuestionKind.PURPOSE:
            listed = _list_commas(sentence) >= 3 and not _lists_names(sentence)  # "co dělají MAS" ≠ which MAS
            return KIND_BONUS if _PURPOSE.search(sentence) or listed else 0.0
        case QuestionKind.YESNO:
            return KIND_BONUS / 2 if _MODAL.search(sentence) else 0.0
        case QuestionKind.LIST:
            return KIND_BONUS if _list_commas(sentence) >= 2 or _COLON_LIST.search(sentence) else 0.0
        case _:
            return 0.0


_ASIDE = re.compile(r"\([^()]*\)")
# One named MAS ("MAS Naděje o.p.s. má web …"), not the national network ("NS MAS ČR") or MAS in general.
_ONE_MAS = re.compile(r"\bMAS\s+(?!ČR\b)[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][a-záčďéěíňóřšťúůýž]+|\bSERVISO\b|skupina Podřipsko")


def _with_negated(terms: set[str]) -> set[str]:
    """A sentence's terms plus the words its negations deny ("neinvestiční" speaks of "investiční"): "Je
    projekt investiční?" is answered by "Projekt je neinvestiční"."""
    return terms | {t[2:] for t in terms if t.startswith("ne") and len(t) > 6}


def _list_commas(sentence: str) -> int:
    """Commas that separate listed items: not in asides ("(FST, anglicky …, JTF)"), not decimal ("17,5")."""
    return len(re.findall(r",\s", _ASIDE.sub("", sentence)))


_LEGAL_FORM = re.compile(r"^[a-z]{1,3}\.(\s?[a-z]{1,3}\.)*$")  # "z.s.", "o.p.s." after a name's comma


def _lists_names(sentence: str) -> bool:
    """The sentence lists names ("…: MAS Cínovecko, o.p.s.; MAS Český sever, z.s.; …"), not activities."""
    tail = _ASIDE.sub("", sentence).split(":", 1)[-1]
    items = [i.strip() for i in re.split(r"[;,]", tail) if i.strip() and not _LEGAL_FORM.match(i.strip())]
    return len(items) >= 3 and sum(i[:1].isupper() for i in items) * 3 >= len(items) * 2


# "Dá se voucherem zaplatit web?", "Šel voucher použít na stroj?", "dotace na fotovoltaiku": what the money
# would pay for is the detail the answer must speak of.
_PAYS_FOR = re.compile(
    r"\b(?:zaplatit|zaplati|zaplatim|platit|hradit|uhradit|uhradi|hradi|pouzit|vyuzit|koupit|poridit|financovat|"
    r"na(?!\s+(?:co|cem|koho|kolik|jak\w*|kter\w*)\b))\s+(.+)$"
)


def asked_use(question: str) -> set[str]:
    """The words of what the money would pay for (up to four), or none."""
    match = _PAYS_FOR.search(fold_lower(question))
    return set(analyze(" ".join(match.group(1).split()[:4]))) if match else set()


def _locally_weighted(idf: dict[str, float], sentence_terms: list[set[str]]) -> dict[str, float]:
    """Question words that most retrieved sentences share name the topic ("voucher"); the rarer ones say what
    is asked about it ("… na nový stroj?"), so they weigh more than their global IDF alone says."""
    if not sentence_terms:
        return idf
    share = {t: sum(t in terms for terms in sentence_terms) / len(sentence_terms) for t in idf}
    return {t: w * (1.0 - TOPIC_WORD_DISCOUNT * share[t]) for t, w in idf.items()}


def _scored_sentences(result: SearchResult, index: IndexData, kind: QuestionKind) -> list[tuple[float, int, int, Hit]]:
    """(score, rank, position, hit) for every sentence of the top passages, best first."""
    q_terms = set(result.query_terms)
    asked_numbers = set(_NUMBER.findall(result.query))
    counted = counted_thing(result.query) if kind is QuestionKind.AMOUNT else None
    money = kind is QuestionKind.AMOUNT and asks_money(result.query)
    percent = bool(_PERCENT_ASKED.search(fold_lower(result.query)))
    channels = asked_channels(result.query) if kind is QuestionKind.CONTACT else ()
    asks_mas = MAS_WORD.search(fold_lower(result.query)) is not None or "serviso" in fold_lower(result.query)
    idf = {t: index.bm25.idf(t) for t in q_terms}
    hits = result.hits[:TOP_PASSAGES]
    sentence_terms = [[set(analyze(s)) for s in h.chunk.sentences] for h in hits]  # analysed once, used twice
    idf = _locally_weighted(idf, [terms for per_hit in sentence_terms for terms in per_hit])
    if kind not in _SPECIFIC_FACTS:  # a date or an amount is asked of the thing paid for, not about it
        for term in asked_use(result.query) & idf.keys():
            idf[term] *= ASKED_USE_WEIGHT
    idf_total = sum(idf.values())
    scored: list[tuple[float, int, int, Hit]] = []
    for rank, (hit, hit_terms) in enumerate(zip(hits, sentence_terms, strict=True)):
        chunk = hit.chunk
        rows = _sentence_rows(index, chunk)
        sims = rows @ result.query_vector if len(rows) else np.zeros(0)
        heading = chunk.breadcrumb.rsplit(BREADCRUMB_SEP, 1)[-1]
        heading_terms = set(analyze(heading))
        # Staff title sections by the question they answer ("Co FST financuje", "Kolik peněz má FST v EU"):
        # a section titled by the same kind of question answers this one more likely.
        titled_alike = (
            kind not in (QuestionKind.OTHER, QuestionKind.YESNO, QuestionKind.LIST) and classify(heading) is kind
        )
        for pos, (sentence, sim, said) in enumerate(zip(chunk.sentences, sims, hit_terms, strict=True)):
            terms = _with_negated(said)
            # A sentence inherits half the weight of its section heading ("Motto fondu" → "Heslem je …").
            # Weighted by IDF, so the question's rare, specific words count more than its topic words.
            shared = sum(idf[t] for t in q_terms & terms) + 0.5 * sum(idf[t] for t in q_terms & (heading_terms - terms))
            lexical = shared / idf_total if idf_total else 0.0
            score = (0.7 * float(sim) + 0.3 * lexical) * (1.0 - 0.04 * rank)
            score += FIRST_SENTENCE_BONUS if pos == 0 else 0.0
            score += _kind_bonus(kind, sentence, q_terms, asked_numbers, counted, percent, channels, money)
            score += HEADING_KIND_BONUS if titled_alike else 0.0
            if len(sentence) < 25:  # fragments don't answer alone
                score -= 0.05
            if kind is not QuestionKind.YESNO and _YES_OR_NO.match(sentence):
                score -= KIND_BONUS / 2  # "Ano: …" answers its section's yes/no question, not this one
            if not asks_mas and len(set(_ONE_MAS.findall(sentence))) == 1:
                score -= KIND_BONUS  # one MAS's web or phone does not answer a question that names no MAS
            scored.append((score, rank, pos, hit))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    return scored


def _unit(hit: Hit, pos: int, score: float) -> Quote:
    """The sentence at `pos` made self-contained: with its antecedent, or with what it announces."""
    sentences = hit.chunk.sentences
    start, end = pos, pos + 1
    while start > 0 and _ANAPHORA.search(sentences[start]) and pos - start < 2:
        start -= 1
    if (_ANNOUNCES.search(sentences[end - 1]) or sentences[end - 1].endswith(":")) and end < len(sentences):
        end += 1
    elif end < len(sentences) and _EXAMPLES.match(sentences[end]) and not _NUMBER.search(sentences[pos]):
        end += 1  # "Jednotnou míru … určuje každá výzva." needs its "Příklady: … 80 % …"
    elif end < len(sentences) and _GOES_ON.match(sentences[end]):
        end += 1
    return Quote(hit, start, end, score)


def _same_fact(a: str, b: str) -> bool:
    """Two quotes that say the same thing (same figures, mostly the same words)."""
    ta, tb = set(analyze(a)), set(analyze(b))
    if not ta or not tb:
        return False
    overlap = len(ta & tb) / min(len(ta), len(tb))
    numbers_a, numbers_b = set(_NUMBER.findall(a)), set(_NUMBER.findall(b))
    # "Nové výzvy sledujte na opst.cz a …" twice, from two documents: the same advice in the same words
    same_opening = fold_lower(a).split()[:4] == fold_lower(b).split()[:4]
    return (
        overlap > 0.7
        or (bool(numbers_a) and numbers_a == numbers_b and overlap > 0.4)
        or (same_opening and overlap > 0.5)
    )


def _leads_if_close(
    scored: list[tuple[float, int, int, Hit]], margin: float, carries: Callable[[str], bool]
) -> list[tuple[float, int, int, Hit]]:
    """The best sentence that carries what was asked leads when it is within `margin` of the best one.

    A sentence about the topic can outrank the one with the asked date, amount or contact ("Since when can
    energy communities…", "kolik mi daj…" → "Podpora při rekvalifikaci jsou peníze…"), and a sentence about
    where to ask in general can outrank the phone number a "tel na kraj?" asks for."""
    best = scored[0][0]
    for i, (score, _, pos, hit) in enumerate(scored):
        if score < best - margin:
            break
        if carries(hit.chunk.sentences[pos]):
            return [scored[i], *scored[:i], *scored[i + 1 :]]
    return scored


def select_quotes(result: SearchResult, index: IndexData, kind: QuestionKind, *, foreign: bool = False) -> list[Quote]:
    """The lead unit and, when it adds something and the answer stays short, up to two more.

    `foreign`: a question in another language shares no words with the Czech sentences, so the
    sentences are ranked by meaning alone, less sharply; more of the best passage is quoted."""
    scored = _scored_sentences(result, index, kind)
    if not scored:
        return []
    if kind in _SPECIFIC_FACTS:
        # A foreign question ranks by meaning alone, less sharply; a Czech one only when the best sentence
        # lacks the asked figure, date or contact (answer with the one that has it, rather than "nevím").
        margin = FOREIGN_UNIT_MARGIN if foreign else CARRIER_MARGIN
        scored = _leads_if_close(scored, margin, lambda s: carries_kind(kind, s, result.query))
    channels = asked_channels(result.query) if kind is QuestionKind.CONTACT and not foreign else ()
    if channels:
        scored = _leads_if_close(scored, CHANNEL_MARGIN, lambda s: any(c.search(s) for c in channels))
    best_score, _, best_pos, best_hit = scored[0]
    lead = _unit(best_hit, best_pos, best_score)
    chosen = [lead]
    limit = LONG_ANSWER if kind is QuestionKind.PROCEDURE or len(lead.text) > SHORT_ANSWER else SHORT_ANSWER
    margin = FOREIGN_UNIT_MARGIN if foreign else SECOND_UNIT_MARGIN
    for score, _, pos, hit in scored[1:]:
        if len(chosen) >= 3:
            break
        # The sentences right after the lead often qualify it ("… malé a střední podniky." → "Podpořit lze
        # i velké podniky."): it joins on a wider margin; any other sentence must be nearly as good.
        follows_lead = hit.chunk.chunk_id == best_hit.chunk.chunk_id and lead.end <= pos <= lead.end + 1
        if score < best_score - (max(margin, NEXT_SENTENCE_MARGIN) if follows_lead else margin):
            if follows_lead:
                continue
            break
        if hit.chunk.file != best_hit.chunk.file and (foreign or score < best_score - OTHER_DOCUMENT_MARGIN):
            continue  # another document's sentence must be nearly as good to join
        candidate = _unit(hit, pos, score)
        if any(candidate.overlaps(c) or _same_fact(candidate.text, c.text) for c in chosen):
            continue
        if sum(len(c.text) for c in chosen) + len(candidate.text) > limit:
            continue
        chosen.append(candidate)
    # The lead first; a second quote of the same passage keeps reading order.
    return chosen


def quoted_sources(quotes: list[Quote]) -> list[Source]:
    """The sources that support the quoted sentences: a sentence's own "Zdroj:" line, else its section's,
    else its document's first source; each once, with the date the source gives."""
    sources: list[Source] = []
    for q in quotes:
        chunk = q.chunk
        cited: list[tuple[str, str | None]] = []
        for i in range(q.start, q.end):
            rows = chunk.sentence_sources[i] if i < len(chunk.sentence_sources) else ()
            picked = [chunk.sources[j] for j in rows] if rows else list(chunk.sources)
            cited += [c for c in picked if c not in cited]
        if not cited:
            cited = [(chunk.source, chunk.as_of)] if chunk.source else []
        for url, as_of in _supporting(cited, q.text):
            source = Source(chunk.title, url, chunk.file, as_of)
            if all(s.url != url for s in sources):
                sources.append(source)
    return sources


_URL_NUMBER = re.compile(r"(?<![\d.])(\d{1,3})(?![\d.])")


def _supporting(cited: list[tuple[str, str | None]], text: str) -> list[tuple[str, str | None]]:
    """Drop a cited page whose address names a numbered item (a call: "…/39-vyzvy-…") the text never
    mentions, when the section's other sources remain: it supports another sentence of the section."""
    said = set(_NUMBER_WORD.findall(text))
    kept = []
    for url, as_of in cited:
        path = url.split("//", 1)[-1].split("/", 1)[-1]
        numbers = set(_URL_NUMBER.findall(path))
        if numbers and said and not numbers & said:
            continue
        kept.append((url, as_of))
    return kept or cited[:1]


_NUMBER_WORD = re.compile(r"(?<![\d,])(\d{1,3})(?=\.?\s*(?:výzv|č\.)|\b)")


def _age_note(quote: Quote, today: dt.date) -> str | None:
    """A figure from a source older than a year, in a sentence that gives no year, carries its date."""
    text = quote.text
    if not _MONEY.search(text) or _YEAR.search(text):
        return None
    dates = [as_of for _, as_of in quote.chunk.sources if as_of] or ([quote.chunk.as_of] if quote.chunk.as_of else [])
    if not dates:
        return None
    newest = max(dates, key=partial_date_start)
    if (today - partial_date_start(newest)).days <= OLD_FIGURE_DAYS:
        return None
    when = format_date_cs(newest)
    return f"údaj z roku {when}" if precision(newest) is Precision.YEAR else f"údaj k {when}"


_ABBREVIATION_END = re.compile(r"\b(?:tis|mil|mld|atd|apod|tzv|resp|č|s\.r\.o|a\.s)\.$", re.IGNORECASE)


def with_note(sentence: str, note: str) -> str:
    """The note inside the sentence, before its full stop: "… 85 % nákladů (údaj k 8. 9. 2025)."."""
    text = sentence.rstrip()
    if text.endswith((")", ").")):
        return text  # it already ends with an aside, usually its own date
    if text[-1:] in "!?" or (text.endswith(".") and not _ABBREVIATION_END.search(text)):
        return f"{text[:-1]} ({note}){text[-1]}"
    return f"{text} ({note})" + ("." if text.endswith(".") else "")  # "… 1,2 mld. (údaj …)."


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


def quoted_call_numbers(text: str) -> list[int]:
    """Numbers of the calls a text names ("40. výzva", "výzva č. 95"), in order, each once."""
    numbers: list[int] = []
    for m in _CALL_NUMBER.finditer(text):
        number = int(m.group(1) or m.group(2))
        if number not in numbers:
            numbers.append(number)
    return numbers


def contact_line(fallback: Mas | None, lang: str = i18n.DEFAULT) -> str | None:
    return i18n.text("contact", lang, contact=contact_summary(fallback)) if fallback is not None else None


def answer_id(question: str, keys: list[str]) -> str:
    return hashlib.sha1(("\x00".join([question.casefold(), *keys])).encode()).hexdigest()[:10]


def not_known(
    question: str,
    result: SearchResult,
    *,
    place: PlaceMatch | None,
    fallback: Mas | None,
    notes: list[str],
    kind: QuestionKind,
    lang: str = i18n.DEFAULT,
) -> Answer:
    """An honest "nevím": related topics to ask about and a person to ask (in the asker's language)."""
    suggestions: list[str] = []
    for hit in result.hits[:4]:
        if hit.chunk.title not in suggestions and hit.dense >= SUGGESTION_MIN_DENSE:
            suggestions.append(hit.chunk.title)
    return Answer(
        question,
        i18n.text("not_known", lang),
        False,
        passages_of(result.hits),
        [],
        place,
        answer_id(question, []),
        suggestions=suggestions[:3],
        notes=notes,
        contact_line=None if place else contact_line(fallback, lang),
        kind=kind,
        lang=lang,
    )


def empty_answer(question: str, *, fallback: Mas | None, lang: str = i18n.DEFAULT) -> Answer:
    return Answer(
        question,
        i18n.text("empty", lang),
        False,
        answer_id=answer_id(question, []),
        contact_line=contact_line(fallback, lang),
        kind=QuestionKind.EMPTY,
        lang=lang,
    )


def _beyond_the_quotes(
    question: str,
    quoted: str,
    index: IndexData,
    named_place: str | None,
    query_terms: tuple[str, ...] = (),
    retrieved: str = "",
) -> bool:
    """The question asks what the quoted text cannot say: a year it never names or a forecast, a name whose
    words the documents never use together, the price of something it never mentions, the size of something
    no document names, an asked pair ("ministr práce") never said together, a funding purpose no retrieved
    passage names ("dotace na kamerový systém"; `retrieved`: their text, as the quote may be a sentence short
    of it), or what a named municipality has ("Jaký rozpočet má město Louny") when the quote
    names neither the municipality nor the asked thing."""
    if asks_unquoted_time(question, quoted) or unquoted_price(question, quoted):
        return True
    if unknown_phrases(question, document_pairs(index), named_place) or unknown_measured(question, index.bm25.postings):
        return True
    if asks_current_holder_of_former(question, quoted) or asks_unquoted_thing(question, quoted):
        return True
    if asked_pair_apart(question, quoted) or unquoted_purpose(
        question, retrieved or quoted, query_terms, index.bm25.idf, index.bm25.postings
    ):
        return True
    if asks_unknown_thing(question, index.bm25.postings, query_terms, index.bm25.expand):
        return True
    said = fold_lower(quoted)
    noun = asked_noun(question)
    return (
        named_place is not None
        and fold_lower(named_place)[:5] not in said
        and noun is not None
        and noun[:4] not in said
    )


def _sentence_rows(index: IndexData, chunk: ChunkRecord) -> np.ndarray:
    """The vectors of a passage's sentences."""
    return index.sentence_vectors[chunk.sentence_start : chunk.sentence_start + len(chunk.sentences)]


def _best_sentence(result: SearchResult, index: IndexData) -> float:
    """How close the closest sentence of the top passages reads to the question: a passage that also covers
    other things can read farther than the one sentence that answers ("Kde sídlí krajský úřad?")."""
    best = 0.0
    for hit in result.hits[:TOP_PASSAGES]:
        rows = _sentence_rows(index, hit.chunk)
        if len(rows):
            best = max(best, float((rows @ result.query_vector).max()))
    return best


def compose(
    question: str,
    result: SearchResult,
    index: IndexData,
    *,
    kind: QuestionKind,
    place: PlaceMatch | None,
    fallback: Mas | None,
    notes: list[str],
    today: dt.date | None = None,
    named_place: str | None = None,
    lang: str = i18n.DEFAULT,
) -> Answer:
    """Turn search results into an Answer; below the confidence threshold, an honest "nevím".

    `named_place` is a municipality the question itself names: a figure, date or contact asked about it
    must come from a passage that speaks of it."""
    today = today or dt.date.today()
    foreign = lang != i18n.DEFAULT
    off_topic = looks_off_topic(index, result.query_vector, max(result.best_dense, _best_sentence(result, index)))
    if off_topic or not is_confident(result, index, foreign):
        unknown = not_known(question, result, place=place, fallback=fallback, notes=notes, kind=kind, lang=lang)
        return dataclasses.replace(unknown, off_topic=True) if off_topic else unknown
    quotes = select_quotes(result, index, kind, foreign=foreign)
    lead = quotes[0].text if quotes else ""
    said = " ".join(q.text for q in quotes)
    # A figure, date or contact asked about a named municipality, or what it received, must speak of it.
    # "Kdo je ředitel úřadu práce v Mostě?": an office holder of a named municipality, too
    asks_about_place = kind in _SPECIFIC_FACTS or kind is QuestionKind.WHO or asks_past_award(question)
    about_elsewhere = (
        named_place is not None and asks_about_place and fold_lower(named_place)[:5] not in fold_lower(said)
    )
    # Asked about a name no document uses ("Kdo je ředitelem firmy X?"); "Může naše X žádat…?" still asks
    # whether the programme fits, which the documents answer.
    if not foreign and kind is not QuestionKind.YESNO and unknown_names(question, index.bm25.postings, named_place):
        about_elsewhere = True
    headings = " ".join(dict.fromkeys(q.chunk.breadcrumb for q in quotes))
    if asks_unquoted_call(question, f"{headings} {said}"):  # "výzva 250" answered with another call's figures
        about_elsewhere = True
    if not foreign:
        retrieved = " ".join(f"{h.chunk.breadcrumb} {h.chunk.text}" for h in result.hits[:TOP_PASSAGES])
        if _beyond_the_quotes(question, f"{headings} {said}", index, named_place, result.query_terms, retrieved):
            about_elsewhere = True
    sentences = [sentence for q in quotes for sentence in q.chunk.sentences[q.start : q.end]]
    elsewhere = outside_scope(
        question,
        sentences,
        () if foreign else result.query_terms,
        carries=lambda s: kind in _SPECIFIC_FACTS and carries_kind(kind, s, question),
    )
    if not carries_kind(kind, lead, question) or elsewhere or about_elsewhere:
        # "Kolik…" answered without a figure, a question about another region answered about this one:
        # the passages are near the topic but do not answer it.
        return not_known(question, result, place=place, fallback=fallback, notes=notes, kind=kind, lang=lang)
    pieces = []
    for q in quotes:
        age = _age_note(q, today)
        pieces.append(with_note(q.text, age) if age else q.text)
    body = " ".join(pieces)
    all_notes = [*notes, *deadline_notes([q.text for q in quotes], today)]
    return Answer(
        question,
        body,
        True,
        passages_of(result.hits),
        quoted_sources(quotes),
        place,
        answer_id(question, [q.chunk.chunk_id for q in quotes]),
        notes=all_notes,
        quoted=tuple(dict.fromkeys(q.chunk.chunk_id for q in quotes)),
        kind=kind,
    )
