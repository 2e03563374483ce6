"""What lies outside the knowledge: other regions and countries than the ones the documents speak of.

The documents are about Ústecký kraj (and mention the other coal regions and the EU in passing). A
question about another region is answered only when a quoted sentence speaks of that region *and* of
what was asked: "Které strategické projekty má Moravskoslezský kraj?" is not answered by a sentence that
names the region's call for preparing them; otherwise a passage about Ústecký kraj, or one that names the
region in passing, would answer a question nobody asked.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Container, Iterable, Sequence

import numpy as np

from index.analyzer import analyze
from index.store import IndexData
from kb.text import fold_lower

# A question is off the topics when an example off-topic question (knowledge/mimo-temata.yaml) is closer
# to it than any curated question and, with this allowance for passages being longer texts, any passage.
PASSAGE_ALLOWANCE = 0.05
CURATED_LIKENESS = 0.88  # a borderline question must be at least this close to a curated question

# Folded word beginnings of regions and countries people ask about; "moravskoslezsk" before "slezsk".
_REGIONS = (
    "karlovarsk",
    "moravskoslezsk",
    "jihomoravsk",
    "olomouck",
    "zlinsk",
    "pardubick",
    "kralovehradeck",
    "libereck",
    "plzensk",
    "jihocesk",
    "vysocin",
    "stredocesk",
    "polsk",
    "polsko",
    "nemeck",
    "nemecko",
    "sask",
    "luzic",
    "slovensk",
    "rakous",
    "slezsk",
    "horni nitr",
    "madarsk",
    "rumunsk",
    "bulharsk",
    "poland",
    "germany",
    "saxony",
    "slovakia",
    "austria",
    "польщ",
    "німеччин",
    "словаччин",
    "саксон",
)
_PATTERN = re.compile(r"(?<!\w)(" + "|".join(re.escape(r) for r in _REGIONS) + r")\w*")


def regions_named(text: str) -> set[str]:
    """The other regions or countries a text names (as their folded word beginnings)."""
    return {m.group(1) for m in _PATTERN.finditer(fold_lower(text))}


# Words that say "a region" without naming one; sharing them with a sentence says nothing about the topic.
_PLACE_WORDS = frozenset(analyze("kraj kraje kraji krajem krajích region regionu regiony země zemi stát státu oblast"))


def _topic_terms(terms: Iterable[str]) -> set[str]:
    """What a question asks about a region, as search terms: its terms without region names and place words."""
    return {t for t in terms if len(t) > 2 and t not in _PLACE_WORDS and not regions_named(t)}


# What a question about a region wants the money or the programme for: the word after "na"/"pro"
# ("Kolik dostal Karlovarský kraj na vodík?", "Má Karlovarský kraj MAS pro transformaci?").
_PURPOSE = re.compile(r"\b(?:na|pro)\s+(\w+)")


def _purpose_terms(question: str) -> set[str]:
    """Search terms of the words after "na"/"pro", without region names and place words ("pro Karlovarský kraj")."""
    words = " ".join(m.group(1) for m in _PURPOSE.finditer(fold_lower(question)) if not regions_named(m.group(1)))
    return _topic_terms(analyze(words))


def outside_scope(
    question: str,
    sentences: Sequence[str],
    terms: Iterable[str] = (),
    carries: Callable[[str], bool] | None = None,
) -> bool:
    """The question asks about a region that no quoted sentence speaks of together with what was asked.

    `terms` are the question's search terms: a sentence naming the region must share one of them (not
    counting region names and words like "kraj"), or `carries` the asked fact (an amount for "kolik…").
    What the question wants it for ("na vodík") must be in such a sentence too: the region's total is no
    answer to what it got for one purpose. Without terms (a question in another language) naming the
    region is enough."""
    asked = regions_named(question)
    if not asked:
        return False
    topic = _topic_terms(terms)
    purpose = _purpose_terms(question) & topic if topic else set()
    for region in asked:
        about = [s for s in sentences if region in regions_named(s)]
        if not any(not topic or topic & set(analyze(s)) or (carries is not None and carries(s)) for s in about):
            return True
        if purpose and not any(purpose <= set(analyze(s)) for s in about):
            return True
    return False


def looks_off_topic(index: IndexData, query_vector: np.ndarray, best_passage: float) -> bool:
    """Closer to an everyday off-topic question than to the knowledge (question-to-question comparison)."""
    if not len(index.offtopic_vectors):
        return False
    off = float((index.offtopic_vectors @ query_vector).max())
    curated = float((index.curated_vectors @ query_vector).max()) if len(index.curated_vectors) else 0.0
    return off > max(curated, best_passage + PASSAGE_ALLOWANCE)


def resembles_curated(index: IndexData, query_vector: np.ndarray) -> bool:
    """Close to the questions staff wrote answers for, and closer to them than to off-topic examples."""
    if not len(index.curated_vectors):
        return False
    curated = float((index.curated_vectors @ query_vector).max())
    off = float((index.offtopic_vectors @ query_vector).max()) if len(index.offtopic_vectors) else 0.0
    return curated >= CURATED_LIKENESS and curated > off


# Someone else's past receipt ("kolik dostala obec …", "jaké dotace čerpala firma …"): the documents
# describe calls, not who was paid. The asker's own story ("dostal jsem výpověď") is not meant.
_PAST_AWARD = re.compile(r"\b(dostal[aiy]?|dostalo|ziskal[aiy]?|ziskalo|cerpal[aiy]?|cerpalo|obdrzel[aiy]?|obdrzelo)\b")
_FIRST_PERSON = re.compile(r"\b(jsem|jsme|jsi|jste)\b")
_NAME = re.compile(r"[^\W\d_][\w&-]*")
_ACRONYM_MAX = 5  # ČEZ, SFŽP: short words in capitals are names; longer ones are shouting
_SENTENCE_END = '.!?:"„“(«'


def asks_past_award(question: str) -> bool:
    """Does the question ask what someone (a village, a firm) received in the past?"""
    text = fold_lower(question)
    return bool(_PAST_AWARD.search(text)) and not _FIRST_PERSON.search(text)


# A call named by its number in folded text: "40. výzva", "vyzva c. 95", "Výzva OPST č. 23", "výzvu číslo 7".
_CALL = re.compile(r"\b(\d{1,3})\.\s*vyzv\w*|\bvyzv\w*\s+(?:opst\s+|fst\s+)?(?:c\.\s*|cislo\s+)?(\d{1,3})\b")


def call_numbers(text: str) -> set[int]:
    """The numbers of the calls a text names, in any spelling (with or without diacritics)."""
    return {int(m.group(1) or m.group(2)) for m in _CALL.finditer(fold_lower(text))}


def asks_unquoted_call(question: str, quoted: str) -> bool:
    """The question names a call ("výzva 250") the quoted text never names: the passages are about other
    calls, and their figures or dates would answer a question nobody asked."""
    return bool(call_numbers(question) - call_numbers(quoted))


def _place_stems(place: str | None) -> set[str]:
    """Stems of a recognised municipality's words, so its inflected forms ("Rumburku") are not names."""
    return {fold_lower(word)[:4] for word in (place or "").split() if len(word) > 2}


def _known_acronym_stem(word: str, vocabulary: Container[str]) -> bool:
    caps = next((i for i, c in enumerate(word) if not c.isupper()), len(word))
    if caps < 2 or caps == len(word):
        return False
    terms = analyze(word[:caps])
    return bool(terms) and all(t in vocabulary for t in terms)


def unknown_names(question: str, vocabulary: Container[str], place: str | None = None) -> list[str]:
    """Capitalised words inside a sentence ("ředitel firmy Unipetrol") that no document ever uses.

    A name the knowledge never mentions means the documents cannot say anything about it; any passage
    the search finds is about something else. The first word of a sentence, a recognised municipality
    (`place`, inflected: "Rumburku"), lowercase text and words in capitals for emphasis are not judged."""
    home = _place_stems(place)
    names = []
    for match in _NAME.finditer(question):
        word = match.group(0).strip("-")
        before = question[: match.start()].rstrip()
        if not before or before[-1] in _SENTENCE_END or not word[:1].isupper():
            continue
        if word.isupper() and len(word) > _ACRONYM_MAX:  # a shouted word ("REKVALIFIKAČNÍ"), not a name
            continue
        if fold_lower(word)[:4] in home:
            continue
        if _known_acronym_stem(word, vocabulary):  # "MASka", "OPSTčko": everyday forms of known acronyms
            continue
        terms = analyze(word)
        if terms and not any(t in vocabulary for t in terms):
            names.append(word)
    return names


# A year the question asks about ("v roce 2030") or a time ahead ("za pět let"): the documents describe
# what was decided and announced, so a year they never name, or a forecast, is not theirs to answer.
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_AHEAD = re.compile(
    r"\bza\s+(?:\d+|dva|dve|tri|ctyri|pet|sest|sedm|osm|devet|deset|dvacet|par|nekolik)\s+(?:let|roku|roky|rok)\b"
)


def asks_unquoted_time(question: str, quoted: str) -> bool:
    """The question names a year the quoted text never names, or asks how things will be some years ahead."""
    if _AHEAD.search(fold_lower(question)):
        return True
    return bool(set(_YEAR.findall(question)) - set(_YEAR.findall(quoted)))


# A capitalised adjective inside a sentence opens a name ("Mostecká uhelná", "Chomutovská nemocnice"):
# its words, each known on its own, name nothing the documents speak of unless they stand together there.
# With its accents: folded "Mostecka" is also the genitive of the region "Mostecko", "MASka" a nickname.
_ADJECTIVE_END = re.compile(r"[sc]k(?:ý|á|é|ého|ému|ých|ým|ou|ými)$")


def word_pairs(texts: Iterable[str]) -> set[tuple[str, str]]:
    """Neighbouring search terms of the texts (stop words left out), for `unknown_phrases`."""
    pairs: set[tuple[str, str]] = set()
    for text in texts:
        terms = analyze(text)
        pairs.update(itertools.pairwise(terms))
    return pairs


def unknown_phrases(question: str, pairs: Container[tuple[str, str]], place: str | None = None) -> list[str]:
    """Names made of a capitalised adjective and the next word ("Mostecké uhelné") that no document uses
    together; a recognised municipality (`place`), other regions (judged by `outside_scope`) and the first
    word of a sentence are not judged."""
    home = _place_stems(place)
    found = []
    for match in re.finditer(r"(\S+)(?=\s+(\S+))", question):
        first, second = match.group(1), match.group(2).strip('?!.,;:"„“')
        before = question[: match.start()].rstrip()
        if not before or before[-1] in _SENTENCE_END or not first[:1].isupper() or not second[:1].islower():
            continue
        folded = fold_lower(first)
        if not _ADJECTIVE_END.search(first.lower()) or folded[:4] in home or regions_named(first):
            continue
        one, two = analyze(first), analyze(second)
        if one and two and (one[-1], two[0]) not in pairs:
            found.append(f"{first} {second}")
    return found


# "Kolik stojí metr krychlový vody": the thing priced, up to the first preposition, must be in the quote.
_PRICED = re.compile(r"\bkolik\s+(?:by\s+|bude\s+)?(?:stoj\w*|stal\w*|stat)\s+([^?.!,]+)")
_PREPOSITION = re.compile(r"\s(?:v|ve|na|u|pro|do|za|od|z|ze|k|ke|v\s+roce)\s")


def unquoted_price(question: str, quoted: str) -> bool:
    """A price asked of a thing ("kolik stojí jízdenka") that the quoted sentences never speak of."""
    found = _PRICED.search(fold_lower(question))
    if found is None:
        return False
    thing = _PREPOSITION.split(f" {found.group(1)} ")[0]
    terms = {t for t in analyze(thing) if len(t) > 2}
    return bool(terms) and not terms & set(analyze(quoted))


# "Jak vysoký důchod…", "jak velkou hypotéku…": the measured thing must be a word the knowledge uses.
_MEASURED = re.compile(r"\bjak\s+(?:vysok|velk)\w*\s+(?:(?:je|jsou|bude|byl\w*)\s+)?(\w+)")


def unknown_measured(question: str, vocabulary: Container[str]) -> bool:
    """The question asks how big something is that no document ever names."""
    found = _MEASURED.search(question.lower())
    if found is None:
        return False
    terms = analyze(found.group(1))
    return bool(terms) and not any(t in vocabulary for t in terms)


# "jaký", "jakou", "kolik", "kolikrát" (folded): the question words that ask for a named thing.
_JAKY_KOLIK = r"jak(?:y|a|e|ou|eho|ych|ej|ym)|kolik\w*"
# The noun a "jaký…/kolik…" question asks about ("Jaký rozpočet má město Louny"); verbs ask for no noun.
_ASKED = re.compile(
    rf"\b(?:{_JAKY_KOLIK})\s+(?:(?:tech|ty|ten|ta|tam|asi|zhruba|mi|mu|nam|vam|si|se|to|je|jsou)\s+)*(\w+)"
)
_NOT_ASKED = re.compile(
    r"^(je|jsou|byl\w*|bude|budou|ma|maji|mel\w*|maj|cini\w*|muze\w*|muzu|lze|to|celkem|tak|ted|dostan\w*|"
    r"stoj\w*|dava\w*|daj\w*|da|dal|daval\w*|penez|penize|prach\w*|korun|procent|miliard\w*|milion\w*)$"
)


def asked_noun(question: str) -> str | None:
    """The folded noun a "jaký/kolik" question asks about, or None (a verb, money, or no such question)."""
    found = _ASKED.search(fold_lower(question))
    if found is None or len(found.group(1)) < 4 or _NOT_ASKED.match(found.group(1)):
        return None
    if _PROPERTY.match(found.group(1)):  # "Jaká je nejvyšší podpora?" asks for a degree, not a named thing
        return None
    return found.group(1)


_PAIRS: dict[str, set[tuple[str, str]]] = {}


def document_pairs(index: IndexData) -> set[tuple[str, str]]:
    """`word_pairs` of every passage and heading of a build, computed once per build.

    Answers run in worker threads and a new build can be swapped in meanwhile: the pairs are returned from a
    local, never read back after another thread may have replaced the cached build."""
    pairs = _PAIRS.get(index.build_id)
    if pairs is None:
        pairs = word_pairs(t for c in index.chunks for t in (c.breadcrumb, c.text))
        _PAIRS.clear()
        _PAIRS[index.build_id] = pairs
    return pairs


# What a "jaký/kolik" or "kdo/co je" question asks about: up to two words after the question word, its
# fillers and "je/jsou" ("Jaká je minimální mzda", "kdo je předseda vlády", "kolik tun uhlí"). It ends at a
# short word or a verb ("jaký plat má poslanec" asks about "plat", "kolik hektarů zabírají" about hektary);
# money words ask for no thing (`asked_noun`). "Co znamená…", "kdo to vede" ask for no named thing.
_QUESTION_WORD = re.compile(rf"^(?:{_JAKY_KOLIK})$")
_WHO_WHAT = re.compile(r"^(?:kdo|co)$")
_COPULA = frozenset("je jsou byl byla bylo byli bude budou".split())
_FILLER = frozenset(
    "tech ty ten ta tam asi zhruba mi mu nam vam si se to je jsou byl byla bylo byli bude budou vlastne presne "
    "ted dnes letos aktualne momentalne soucasny soucasna soucasne nakonec vsechno vse teda tedy vubec uz".split()
)
_PHRASE_END = re.compile(r"^(?:ma|maji|mel\w*|dela\w*|vlastni|pracuj\w*|stoj\w*|muze\w*|dostan\w*|bere|beru)$")
_VERB_END = re.compile(r"^\w{3,}(?:li|ly|la|lo|ji|me|te|is|es|as)$")  # "navýšili", "zabírají", "uděláš"
_PHRASE_WORDS = 2


def asked_phrase(question: str) -> list[str]:
    """The search terms of the thing a "jaký/kolik/kdo je/co je" question asks about, in order (at most two)."""
    words = re.findall(r"\w+", question)
    folded = [fold_lower(w) for w in words]
    start = None
    for i, word in enumerate(folded):
        if _QUESTION_WORD.match(word) or (_WHO_WHAT.match(word) and i + 1 < len(folded) and folded[i + 1] in _COPULA):
            start = i + 1
            break
    if start is None:
        return []
    while start < len(words) and folded[start] in _FILLER:
        start += 1
    phrase: list[str] = []
    for word, plain in zip(words[start:], folded[start:], strict=True):
        if len(plain) < 3 or _PHRASE_END.match(plain) or _VERB_END.match(plain):
            break
        if not phrase and _NOT_ASKED.match(plain):
            break
        terms = analyze(word)
        if not terms:
            break
        phrase.append(terms[0])
        if len(phrase) == _PHRASE_WORDS:
            break
    return phrase


# Words that ask for a property of a thing (its highest amount, its phone number) rather than name one: a
# quote that lacks them may still speak of the thing ("maximální podpora" answered by "nejvyšší podpora").
_PROPERTY = re.compile(
    r"^(?:maxim|minim|nejvy|nejni|celk|prum|aktu|souca|presn|konkr|dals|nov|hlavn|cisl|tele|kont|adres|mail|web|"
    r"nazv|nazev|jmen|poc|vys|cast|term|datu|lhut)"
)


# "Kolik hektarů…": a counted unit right after "kolik" ("kolik je rodičovský příspěvek" names a thing).
_COUNTED = re.compile(r"\bkolik\s+(?!(?:je|jsou|bude|byl\w*|to|stoj\w*)\b)\w")


def asks_unknown_thing(
    question: str,
    vocabulary: Container[str],
    query_terms: Iterable[str] = (),
    fix: Callable[[Sequence[str]], list[str]] | None = None,
) -> bool:
    """The thing the question asks about is not the documents' ("Jaký je přídavek na dítě?"): a word of it the
    search kept but no document uses (not counted in a "kolik" question). Words the search replaced (colloquial
    synonyms) are not judged: only `query_terms` (the search's terms) count; `fix` spells a term as the index
    does (typos, words typed without accents: "rozpocet" is "rozpočet")."""
    if _COUNTED.search(fold_lower(question)):
        return False  # "Kolik hektarů…" is answered by "… ha": a unit the documents abbreviate is no unknown thing
    typed = asked_phrase(question)
    phrase = fix(typed) if fix is not None else typed
    searched = set(query_terms)
    return any(
        (t in searched or f in searched) and f not in vocabulary and not _PROPERTY.match(f)
        for t, f in zip(typed, phrase, strict=True)
    )


# Nouns that ask for a kind of answer rather than name a thing ("Jaký je rozdíl…", "Jaké jsou podmínky…"):
# the answer need not repeat them.
_ASKS_FOR_A_KIND = re.compile(
    r"^(?:rozdil|podmin|postup|moznost|cil|smysl|ucel|rol|ukol|stav|situac|pravid|kriter|zpusob|duvod|vyhod|"
    r"nevyhod|rizik|rada|nazor|vyznam|priklad|zkusenost|pozadav|krok|lhut|harmonogram|prubeh|vysledk|pristup)"
)


_NAMES_A_THING = re.compile(r"\b(?:jak(?:y|a|e|ej)\s+(?:je|jsou|byl\w*|bude)|kdo\s+(?:je|jsou|byl\w*|bude))\b")


def asks_unquoted_thing(question: str, quoted: str) -> bool:
    """The thing a "jaký je X / kdo je X" question names is nowhere in the quote ("Jaký je plat ředitele
    ICUK?" answered by who the director is): the quote speaks of something near it. Words of degree and nouns
    that ask for a kind of answer are not judged; terms are compared by their first four letters."""
    if not _NAMES_A_THING.search(fold_lower(question)):
        return False  # "kolik…" is judged by its figure, "co je…" may name a thing in everyday words ("MASka")
    phrase = asked_phrase(question)
    if not phrase or not _names_a_thing(phrase[0]):
        return False
    said = {t[:4] for t in analyze(quoted)}
    return phrase[0][:4] not in said


def _names_a_thing(term: str) -> bool:
    """A word of an asked phrase worth finding in the quote: not too short, no degree, no kind of answer."""
    return len(term) >= 4 and not _PROPERTY.match(term) and not _ASKS_FOR_A_KIND.match(term)


# "Kdo je starosta Bíliny?" answered by "…, dříve starostka Bíliny": the quote names a former holder only.
_OFFICE = re.compile(r"\bkdo\s+(?:je|bude|dela|ted\s+dela|vede|ridi)\s+(?:ted\s+|dnes\s+|soucasn\w+\s+)?(\w+)")
_FORMER = re.compile(r"\b(?:drive|byval\w*|byl\w*|puvodne|exe?)\s+(?:\w+\s+)?$")


def asks_current_holder_of_former(question: str, quoted: str) -> bool:
    """A "kdo je <office>" question whose office the quote names only as someone's former one ("dříve
    starostka", "bývalý ředitel"): the quote does not say who holds it now."""
    found = _OFFICE.search(fold_lower(question))
    if found is None or len(found.group(1)) < 4:
        return False
    stem = found.group(1)[:5]
    said = fold_lower(quoted)
    mentions = [m.start() for m in re.finditer(rf"\b{re.escape(stem)}", said)]
    return bool(mentions) and all(_FORMER.search(said[max(0, at - 30) : at]) for at in mentions)


# Words that may stand next to a municipality's name in a message that only names it ("z Jirkova", "obec Hrob",
# "я живу в місті Білина", "I live in Zatec"), folded as the message is.
_PLACE_INTRO = frozenset(
    fold_lower(word)
    for word in (
        "obec obci mesto meste mestys mestecko jsem jsme bydlim bydlime zijem zijeme okres "
        "я ми з із зі в у живу живемо мешкаю місто місті села село селі селище громада громади містечко "
        "i we am are live living from in the of town city village municipality"
    ).split()
)


def says_more_than_a_place(text: str, place: str) -> bool:
    """The message holds a word that is neither part of the municipality's name nor a word introducing it
    ("jakej je rozpocet mesta most", "bude zitra v litvinove prset"): it asks something about the place."""
    home = {fold_lower(word)[:3] for word in re.findall(r"\w+", place)}
    for word in re.findall(r"\w+", fold_lower(text)):
        if len(word) <= 2 or word in _PLACE_INTRO or word[:3] in home:
            continue
        return True
    return False


# A question about money or a call ("dotace na kamerový systém", "výzva pro včelaře", "peníze na hasičské auto"):
# what follows "na"/"pro" is what it should pay for or who should get it, up to three words before the next
# preposition. A pronoun after "na" ("dá se na ni sehnat dotace") names nothing.
_FUNDING_WORD = re.compile(r"\b(?:dotac\w*|vyzv\w*|penez\w*|penize|prispev\w*|grant\w*|financ\w*|podpor\w*)\b")
_PURPOSE_PHRASE = re.compile(r"\b(na|pro)\s+(\w+(?:\s+\w+){0,2})")
_PURPOSE_END = re.compile(r"\s(?:v|ve|na|pro|do|od|z|ze|u|k|ke|s|se|a|nebo|kdyz|ktery\w*|jestli|abych\w*|aby)\s")

_PRONOUN = re.compile(r"^(?:ni|nej|neho|nich|ne|to|tom|co|ten|tu|tohle|toto|me|mne|nas|vas|sebe|jak\w*|kolik|kdy)$")


def purpose_terms(question: str) -> dict[str, set[str]]:
    """Search terms of what a funding question wants the money for ("na") and for whom ("pro"), or none."""
    folded = fold_lower(question)
    found: dict[str, set[str]] = {"na": set(), "pro": set()}
    if not _FUNDING_WORD.search(folded):
        return found
    for match in _PURPOSE_PHRASE.finditer(folded):
        words = _PURPOSE_END.split(f" {match.group(2)} ")[0].split()
        if words and not _PRONOUN.match(words[0]) and analyze(words[0]):
            found[match.group(1)] |= {t for t in analyze(" ".join(words)) if len(t) > 2}
    return found


def unquoted_purpose(
    question: str, quoted: str, terms: Iterable[str], idf: Callable[[str], float], vocabulary: Container[str]
) -> bool:
    """A funding question the quote does not answer: the most specific word of what the money is for ("na
    kamerový systém" → kamerový) is nowhere in the quote, or whom it is for ("pro včelaře") is a word no document
    uses. Only words the search kept count (a colloquial word the search replaced is judged by its replacement);
    terms are compared with the quote by their first four letters."""
    searched = set(terms)
    asked = purpose_terms(question)
    purpose = asked["na"] & searched
    if purpose and max(sorted(purpose), key=idf)[:4] not in {t[:4] for t in analyze(quoted)}:
        return True
    return any(t not in vocabulary for t in asked["pro"] & searched)


# A role in a project or a body ("nositel", "žadatel", "vlastník", "člen"): documents say it with a verb.
_ROLE = re.compile(r"^(?:nosit|zadat|prijemc|partner|clen|autor|garant|realiz|zrizov|spravc|vlastn|koordin|predklad)")
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+")
_NEAR = 3  # an asked pair ("ministr práce") counts as said when at most this many terms apart in one sentence


def asked_pair_apart(question: str, quoted: str) -> bool:
    """The two words a "kdo je / jaký je" question asks about ("ministr práce", "předseda vlády", "rozpočet
    kraje") never stand together in a quoted sentence: one sentence names a minister, another the labour
    office, and neither says who the minister of labour is. Words of degree and nouns asking for a kind of
    answer are not judged; terms are compared by their first four letters."""
    if not _NAMES_A_THING.search(fold_lower(question)):
        return False
    phrase = asked_phrase(question)
    if len(phrase) < _PHRASE_WORDS or not all(_names_a_thing(t) for t in phrase):
        return False
    if _ROLE.match(phrase[0]):
        return False  # "Kdo je nositelem projektu X?": documents name the role with a verb ("X realizuje …")
    first, second = (t[:4] for t in phrase)
    for sentence in _SENTENCE.split(quoted):
        stems = [t[:4] for t in analyze(sentence)]
        ones = [i for i, s in enumerate(stems) if s == first]
        twos = [j for j, s in enumerate(stems) if s == second]
        if any(abs(i - j) <= _NEAR for i in ones for j in twos):
            return False
    return True
