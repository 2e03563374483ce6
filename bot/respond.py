"""From a message to an Answer: the order in which the bot decides what kind of reply a message needs.

1. Nothing to read (empty, binary, emoji) → ask for a question; a thumbs-up is thanks.
2. A greeting or thanks → a short friendly reply (no sources, no MAS line, no rating); a request to
   weigh one's own options or judge a private dispute → who can advise instead (bot.advice).
3. Just a municipality's name, in any script ("Bílina", "Білина") → its MAS card; a MAS named for its contact
   or its municipalities ("tel na MAS Vladař", "which villages belong to MAS Naděje?") → that MAS's card from
   the MAS tables. A card is written in the asker's language (bot.places.cards).
4. A staff-written curated answer that matches → said verbatim with its sources.
5. A funding question ("může naše obec dostat peníze na…") → the short funding answer when a call names
   this applicant and topic (or the documents have no answer); otherwise the documents answer and the calls'
   state follows as a note. The full check is attached either way (`Answer.eligibility`).
6. Otherwise → the extractive answer from the passages (or an honest "nevím").
A short follow-up ("a kam mám jít?") is read together with the previous question of the chat.
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
from bot.advice import asks_personal_advice
from bot.answer import Answer, Source
from bot.compose import answer_id, compose, empty_answer, passages_of, quoted_call_numbers
from bot.curated import CuratedMatch, fitted_to_question, match_curated
from bot.eligibility import Calls, EligibilityResult
from bot.eligibility.detect import detect_applicant, mentions_topic
from bot.eligibility.engine import data_freshness
from bot.eligibility.summary import status_note, summarize
from bot.intent import QuestionKind, classify, looks_like_followup
from bot.language import detect, hint_language
from bot.places import MAS_WORD, PlaceMatch, Places, PlaceStatus, asks_contact, asks_members, contact_summary
from bot.question import asks_for_mas, clean_question, has_words, not_for_the_documents, small_talk
from bot.scope import asks_past_award, regions_named, says_more_than_a_place
from index.analyzer import analyze
from index.glossary import Glossary
from index.normalize import QueryNormalizer
from index.search import search
from index.store import CuratedRecord, IndexData
from index.synonyms import Synonyms
from kb.text import fold_lower

PASSAGES = 8
MAX_PLACE_WORDS = 5  # "z Horního Jiřetína" is a name; a longer message is a question about it
_THUMBS = re.compile(r"^[\s👍👌🙏❤️😊🙂✅]+$")
# "naše vesnice u Chomutova", "our village near Chomutov", "нашому селу біля Хомутова": the named town is a
# landmark, not the asker's municipality ("obec Lom u Mostu" is a name: no possessive before it).
_NEAR_A_LANDMARK = re.compile(
    r"\b(?:nase|nasi|nasem|nasich|mala|male|malou|mali|our|small|a|нашому|наше|наша|нашого|нашій|нашої|маленьк\w*)\s+"
    r"(?:vesnic\w*|vesn\w*|dedin\w*|obec|obce|obci|village|town|сел\w*|громад\w*)\s+"
    r"(?:u|kolem|nedaleko|blizko|near|close to|біля|поблизу|недалеко|коло)\s"
)
_NOT_A_NAME = re.compile(r"\?|\b(kdo|co|jak|kde|kdy|kolik|proc|muze|mas|dotac\w*|penez|penize)\b")


@dataclass(frozen=True)
class Context:
    """What one answer needs from the published build."""

    index: IndexData
    places: Places
    calls: Calls
    synonyms: Synonyms
    glossary: Glossary
    normalizer: QueryNormalizer
    vector: Callable[[str], np.ndarray]  # the query vector of a text (cached by the engine)


def _talk_id(text: str) -> str:
    return hashlib.sha1(text.casefold().encode()).hexdigest()[:10]


def _bare_place(text: str, named: PlaceMatch | None, places: Places) -> bool:
    """The message is only a place name ("Libouchec", "z krasne lipy", "Білина"), as the bot asks people to write;
    a name several municipalities share ("Blatno") gets the card that asks which one."""
    if named is None:
        return False
    if named.found and named.obec is not None:
        name = named.obec.name
    elif named.status is PlaceStatus.AMBIGUOUS and named.candidates:
        name = named.candidates[0].name
    else:
        return False
    folded = fold_lower(text)
    return (
        len(folded.split()) <= MAX_PLACE_WORDS
        and not _NOT_A_NAME.search(folded)
        and not says_more_than_a_place(places.with_official_names(text), name)
    )


def _landmark_as_okres(text: str, named: PlaceMatch | None, places: Places) -> PlaceMatch | None:
    """A village near a named town is somewhere in that town's okres: the okres card (its MAS, and a request
    for the village's name) answers, not the town's own card."""
    if named is None or named.obec is None or not named.okres or not _NEAR_A_LANDMARK.search(fold_lower(text)):
        return named
    okres = places.find(f"okres {named.okres}")
    return okres if okres is not None and okres.obec is None else named


def _bare_name(text: str) -> bool:
    """A message that is only a name ("MAS Vladař"), no question about it."""
    folded = fold_lower(text)
    return len(folded.split()) <= MAX_PLACE_WORDS and not _NOT_A_NAME.search(MAS_WORD.sub("", folded))


def _call_notes(text: str, calls: Calls, today: dt.date, lang: str = i18n.DEFAULT) -> list[str]:
    """Every call a reply quotes carries its status on the day ("95. výzva: příjem do …"), in the asker's language."""
    from bot.eligibility import call_status

    notes = []
    for number in quoted_call_numbers(text):
        call = next((c for c in calls.calls if c.number == number), None)
        if call is None:
            continue
        _, detail = call_status(call, today, lang)
        fresh = data_freshness([call], lang)
        note = i18n.text("call_note", lang, number=str(number), detail=detail)
        notes.append(note + (f" ({fresh})." if fresh else "."))
    return notes


def _curated_answer(question: str, match: CuratedMatch, place: PlaceMatch | None) -> Answer:
    record: CuratedRecord = match.record
    sources = [Source("", url, record.file, as_of) for url, as_of in record.sources]
    return Answer(
        question,
        fitted_to_question(record.body, question),
        True,
        sources=sources,
        place=place,
        answer_id=answer_id(question, [record.id]),
        kind=QuestionKind.CURATED,
        lang=record.lang,
        curated_id=record.id,
    )


def _funding_answer(
    question: str, result: EligibilityResult, ctx: Context, base: Answer, notes: list[str], lang: str = i18n.DEFAULT
) -> Answer:
    """The calls lead; the documents' answer it replaces takes its notes along (a deadline it quoted is not
    shown), only the message's own notes stay."""
    summary = summarize(result, contact_summary(ctx.places.fallback), lang)
    sources = [Source(call.name, call.source, "knowledge/vyzvy.yaml", call.as_of) for call in summary.calls]
    return dataclasses.replace(
        base,
        body=summary.text,
        notes=notes,
        confident=True,
        sources=sources,
        context=None,
        eligibility=result,
        place=result.place or base.place,
        kind=QuestionKind.FUNDING,
        answer_id=answer_id(question, ["funding", result.applicant, result.topic, result.obec or ""]),
        lang=i18n.as_lang(lang),  # the summary speaks the asker's language; only its data are Czech
    )


_NAMES_A_PROGRAMME = re.compile(
    r"\b(\d{1,3}\.\s*vyzv\w*|vyzv\w*\s+(c\.\s*)?\d{1,3}|voucher\w*|program\w*\s+\w+|nult\w+)"
)


# "dostanu ji jen když jsem nezaměstnaný?", "musím mít živnost?": a condition of the support is asked, which
# the documents state; whether a call is open now is not the question.
_ASKS_A_CONDITION = re.compile(
    r"\b(?:jen|jenom|pouze|jedine)\s+(?:kdyz|pokud|pro|jako|kdo|s|se|u)\b|\bmusi(?:m|me|te|)\s+(?:byt|mit)\b"
    r"|\bpodmink\w*|\bpodminen\w*"
)
_ADDRESSED = re.compile(r"^(?:Jako|Pro)\s+([^,:;]{3,60})")  # "Jako obyvatel (fyzická osoba) dostanete …"
_FUNDING_KINDS = frozenset({QuestionKind.YESNO, QuestionKind.OTHER, QuestionKind.LIST})
_WHO_HELPS_KINDS = frozenset({QuestionKind.WHO, QuestionKind.CONTACT, QuestionKind.OTHER, QuestionKind.LIST})


def _leads_with_calls(text: str, kind: QuestionKind, answer: Answer, result: EligibilityResult, asked: str) -> bool:
    """A general funding question ("může naše obec dostat peníze na…", "je nějaká dotace na…") leads with
    the calls that fit this applicant and topic, read from the calls table. A question about one named
    call or programme, or one asking what, how much, when or how, is answered from the documents that
    describe it; the calls' state follows as a note and the full check is one button away.
    The calls table is Ústecký kraj's and lists what is open, so a question about another region or about
    what someone received in the past is not answered from it. When no call names this applicant and topic,
    the calls can only say "nothing fits", and a confident answer from the documents that speaks of the
    asked topic ("households only exceptionally", "the Šluknov housing call") says more; the full check
    stays one button away."""
    if regions_named(text) or asks_past_award(text):
        return False
    if not answer.confident:
        return True
    if _ASKS_A_CONDITION.search(fold_lower(text)):
        return False
    if not any(m.exact for m in result.matches):
        # A passage about something else, or one addressed to another applicant ("Jako obyvatel …" to a
        # village), says less than the calls.
        addressed = _ADDRESSED.match(answer.body)
        to_another = addressed is not None and detect_applicant(addressed.group(1)) not in (None, result.applicant)
        return to_another or not mentions_topic(answer.body, result.topic, asked)
    return kind in _FUNDING_KINDS and not _NAMES_A_PROGRAMME.search(fold_lower(text))


def _small(text: str, key: str, lang: str, kind: QuestionKind, *, confident: bool = True) -> Answer:
    return Answer(text, i18n.text(key, lang), confident, answer_id=_talk_id(f"{key}:{lang}"), kind=kind, lang=lang)


def _in_language(answer: Answer, lang: str) -> Answer:
    """An answer quoting Czech documents to someone who asked in another language: one line in their
    language says so (the facts are never machine-translated); their own-language texts and a MAS card (built
    from the MAS tables in every language) stay as they are."""
    if lang == i18n.DEFAULT or answer.lang == lang:
        return answer
    if answer.place_lead and answer.place is not None:
        return dataclasses.replace(answer, lang=lang)  # the card is the answer, written in the asker's language
    if not answer.confident and not answer.place_lead:
        return answer  # "nevím" and the contact line are already in the asker's language
    return dataclasses.replace(answer, intro=i18n.text("czech_sources", lang), lang=lang)


def respond(
    ctx: Context,
    question: str,
    *,
    obec: str | None = None,
    today: dt.date | None = None,
    previous: str | None = None,
    lang_hint: str | None = None,
) -> Answer:
    """Answer one message (see the module docstring for the order of decisions)."""
    today = today or dt.date.today()
    places = ctx.places
    text, shortened = clean_question(question)
    detected = detect(text, lang_hint) if text else None
    lang = detected.language if detected is not None else i18n.as_lang(lang_hint)
    if not has_words(text):
        if _THUMBS.match(question or "") and question.strip():
            return _small(text, "thanks", lang, QuestionKind.THANKS)
        return empty_answer(text, fallback=places.fallback, lang=lang)
    talk = small_talk(text)
    if talk is not None:
        return _small(text, talk, lang, QuestionKind.GREETING if talk == "greeting" else QuestionKind.THANKS)
    aside = not_for_the_documents(text)
    if aside is not None:  # a friendly reply, but not an answer from the knowledge
        return _small(text, aside, lang, QuestionKind.GREETING, confident=False)
    if asks_personal_advice(text):  # the documents never weigh one person's options: who can, instead
        body = i18n.text("personal_advice", lang, contact=contact_summary(places.fallback))
        return Answer(text, body, False, answer_id=_talk_id(f"advice:{text}"), kind=QuestionKind.GREETING, lang=lang)
    notes = [i18n.text("long_question", lang)] if shortened else []

    named = _landmark_as_okres(text, places.find(text), places)  # resolved once, handed down
    place = named
    if place is None and obec:
        remembered = places.by_name(obec)
        place = remembered if remembered.found else None
    if _bare_place(text, named, places):
        if detected is not None and detected.reason == "model":  # "Zatec" is no English, whatever the model says
            lang = hint_language(lang_hint) or i18n.DEFAULT
        card = Answer(text, "", True, place=named, answer_id=_talk_id(text), place_lead=True, kind=QuestionKind.PLACE)
        return _in_language(card, lang)

    kind = classify(text)
    mas_named = places.named_mas(text) if named is None or named.obec is None else None
    members = asks_members(text)
    if mas_named is not None and (kind is QuestionKind.CONTACT or members or asks_contact(text) or _bare_name(text)):
        # "tel na MAS Vladař", "které obce patří do MAS Naděje?": from the MAS tables, never a sentence
        # about another MAS
        card_of = places.members_card if members else places.mas_card
        card = Answer(
            text, "", True, place=card_of(text, mas_named), answer_id=_talk_id(text), place_lead=True,
            kind=QuestionKind.PLACE,
        )  # fmt: skip
        return _in_language(card, lang)

    followup = previous is not None and looks_like_followup(text)
    search_text = f"{previous} {text}" if followup and previous else text
    if kind in (QuestionKind.OTHER, QuestionKind.LIST) and followup and previous:
        kind = classify(previous)
    # Czech as typed on a phone ("preskoleni", "novej") gets its standard spelling for the search;
    # an English or Ukrainian question gets the documents' Czech words from the staff glossary.
    normalized = ctx.normalizer.normalize(search_text) if lang == "cs" else None
    dense_text = normalized.text if normalized is not None else search_text
    if normalized is not None:
        lexical_text = normalized.lexical_query(ctx.index.bm25.postings)
    else:
        lexical_text = ctx.glossary.lexical_query(search_text, ctx.index.bm25.postings)
    # Real Czech words are never "corrected" into a similar index term ("koupit" is no typo of "vykoupit").
    exact = {t for w in ctx.normalizer.real_words(lexical_text) for t in analyze(w)} if normalized else set()

    vector = ctx.vector(dense_text)
    # The passages are searched with the documents' words for everyday ones ("kývne" → "rozhoduje"); the
    # curated answers keep the question as typed, as their phrasings are written in everyday words too.
    plain = ctx.synonyms.in_document_words(dense_text, ctx.index.bm25.postings) if normalized else dense_text
    search_vector = ctx.vector(plain) if plain != dense_text else vector
    # "kam mám volat v Žatci?": the MAS card leads. A region alone leads only when the question asks who
    # helps there ("kdo poradí na Lounsku?"), not how many or whether ("kolik MAS je na Mostecku?").
    wants_place = named is not None and asks_for_mas(text) and (named.obec is not None or kind in _WHO_HELPS_KINDS)
    curated = (
        None
        if wants_place
        else match_curated(ctx.index, vector, dense_text, lang, ctx.normalizer.is_common, ctx.synonyms)
    )
    # A Ukrainian or English funding question is recognised by the documents' Czech words the glossary gives
    # it ("велодоріжка" → "cyklostezka").
    asked = text if normalized is not None else f"{text} {lexical_text}"
    eligibility = ctx.calls.check_question(
        asked, obec, today, places, named=named, previous=previous if followup else None
    )
    result = search(
        ctx.index,
        None,
        dense_text,
        k=PASSAGES,
        query_vector=search_vector,
        synonyms=ctx.synonyms,
        lexical_query=lexical_text,
        exact_terms=exact,
    )
    if curated is not None:
        answer = _curated_answer(text, curated, place)
        answer = dataclasses.replace(answer, notes=notes, eligibility=eligibility, passages=passages_of(result.hits))
    else:
        answer = compose(
            text,
            result,
            ctx.index,
            kind=kind,
            place=place,
            fallback=places.fallback,
            notes=notes,
            today=today,
            named_place=named.obec.name if named is not None and named.obec is not None else None,
            lang=lang,
        )
        if eligibility is not None and _leads_with_calls(text, kind, answer, eligibility, asked):
            answer = _funding_answer(text, eligibility, ctx, answer, notes, lang)
        elif eligibility is not None:  # the documents answer; the calls' state follows, the full check is a button
            note = status_note(eligibility, lang)
            answer = dataclasses.replace(
                answer, eligibility=eligibility, notes=[*answer.notes, *([note] if note else [])]
            )
        elif wants_place:
            answer = dataclasses.replace(answer, place_lead=True, kind=QuestionKind.PLACE)
    call_notes = _call_notes(answer.body, ctx.calls, today, lang)
    if call_notes:
        answer = dataclasses.replace(answer, notes=[*answer.notes, *call_notes])
    return _in_language(answer, lang)
