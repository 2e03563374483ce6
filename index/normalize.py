"""Query normalisation for search: restore diacritics and map colloquial Czech to standard forms.

Residents type "jaka je pro me pomoc na preskoleni" or "novej stroj s penězma"; the documents say
"přeškolení", "nový", "penězi". `QueryNormalizer.normalize` rewrites the query word by word:

1. **Diacritics.** A word typed without diacritics gets the most likely form among the words that
   fold to it: the knowledge base's own words first (so "mas" stays MAS and never becomes "máš"),
   then the Czech word-frequency list of the `wordfreq` package. A typed word that is itself a
   common word changes only when the restored form is at least 10× more frequent ("me" → "mě",
   "jaka" → "jaká", but "ze" stays "ze", "dole" stays "dole"); from six letters on, the more frequent
   form wins ("kravin" → "kravín"). Curated phrasings written as people type ("kdo mi zaplati
   preskoleni") lend no spelling to the vocabulary.
2. **Colloquial Czech (obecná čeština)**, rule by rule (see `_colloquial`):
   - "-ej"/"ej" → "ý": "novej" → "nový", "bejt" → "být", "bejvalej" → "bývalý";
   - "-ýho"/"-ýmu" → "-ého"/"-ému": "novýho" → "nového";
   - instrumental plural "-ama"/"-ma"/"-ýma" → "-ami"/"-mi"/"-ými": "s holkama" → "s holkami",
     "s penězma" → "s penězi";
   - prothetic v-: "vokno" → "okno", "vodpověď" → "odpověď", "von" → "on";
   - verb endings: "budem" → "budeme", "maj" → "mají", "rozdělujou" → "rozdělují";
   - a short list of colloquial function words (`_WORDS`): "vo" → "o", "kerej" → "který", "sou" → "jsou";
   - in context: "sem" next to a past participle or opening a clause → "jsem" ("dělal sem", "sem
     starosta", "a sem na dlažbě"; "pojď sem" stays), "de" → "jde" (not "de minimis"), "da se" → "dá se",
     "-ý" before a plural noun in "-y" → "-é" ("mladý holky" → "mladé holky").
   A rule fires only when its result is a known word (knowledge base or frequency list) and, where
   the rule could change the meaning ("vosa" → "osa", "pejsek" → "písek"), clearly more frequent than
   the typed word. Knowledge-base words are standard Czech and are never rewritten by these rules.

Words with digits, URLs, e-mail addresses and all-capital acronyms are left alone. The dense side of
the search gets `NormalizedQuery.text`; the lexical side gets the normalised text plus the typed words
the index knows (`NormalizedQuery.lexical_query`), so nothing that matched before stops matching.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from wordfreq import available_languages, read_cBpack

from index.analyzer import STOP_FOLDED, analyze

if TYPE_CHECKING:
    from index.store import IndexData

# Frequencies are kept in centibels as wordfreq stores them: 0 = every word, -100 = 1 in 10, -600 = 1 in a million.
RESTORE_MARGIN_CB = 100  # a typed real word yields to a diacritic form only if that is 10× more frequent
KB_USE_CB = 100  # each tenfold use of a form in the knowledge base counts like tenfold general frequency
LONG_WORD = 6  # from this length an ASCII word of the list is mostly the accented word typed on a phone
MEANING_MARGIN_CB = 50  # a colloquial rule that could swap the word for another one needs 3× the frequency
ENDING_MARGIN_CB = -130  # a same-word ending rule ("-ama" → "-ami") accepts a form down to 1/20 as frequent
MIN_KNOWN_CB = -680  # rarer words of the frequency list (about 2 in 10 million) are not proof of a word
UNKNOWN_CB = -900  # below the list's floor (about 1 in 100 million)
COMMON_CB = -400  # one word in 10 000 or more often: everyday words that name no topic

_TOKEN = re.compile(r"(?P<skip>(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+)|(?P<word>\w+)")
_LETTERS = re.compile(r"[^\W\d_]+")

# Colloquial function words → standard (keys folded: "kerej" and "kerej" with any accents are the same).
_WORDS = {
    "vo": "o",
    "von": "on",  # three-letter "vo-" words are left to this list: "vod", "vor", "voz" are standard
    "kerej": "který",
    "kery": "který",
    "kera": "která",
    "kere": "které",
    "keri": "kteří",
    "kerou": "kterou",
    "kerym": "kterým",
    "kerych": "kterých",
    "kereho": "kterého",
    "keryho": "kterého",
    "esli": "jestli",
    "jesli": "jestli",
    "esi": "jestli",
    "dyk": "vždyť",
    "dyt": "vždyť",
    "todle": "tohle",
    "tadle": "tahle",
    "tudle": "tuhle",
    "takle": "takhle",
    "nakej": "nějaký",
    "nakeho": "nějakého",
    "nejakej": "nějaký",
    "zejtra": "zítra",
    "cejtit": "cítit",
    "vobec": "vůbec",  # not "obec": "vobec nevím"
    "sme": "jsme",
    "ste": "jste",
    "sou": "jsou",
    "bysme": "bychom",
    "abysme": "abychom",
    "kdybysme": "kdybychom",
    "dyz": "když",
    "nakou": "nějakou",
    "nakym": "nějakým",
    "nede": "nejde",
    "nedu": "nejdu",
    "teda": "tedy",
    "tedka": "teď",
    "dneska": "dnes",
    "moh": "mohl",  # "bysme moh žádat"
    "nemoh": "nemohl",
    "pomoh": "pomohl",
}
# In a question typed without any accents, "zadat" is "žádat" ("na co se da zadat", "zadat o dotaci"), not
# "to enter"; someone who types accents and writes "zadat" means "zadat".
_ACCENTLESS_WORDS = {"zadat": "žádat", "zadam": "žádám", "zadame": "žádáme", "zadaji": "žádají"}

# Standard words in "vo-" whose v-less twin is a more frequent word: prothetic-v stripping leaves them.
_V_KEEP = frozenset({"vosa", "vosy", "vosu", "vose", "vosou", "volej", "voleje", "volejem", "volejte", "volga", "vode"})
_PARTICIPLE = re.compile(r"[a-z]{2,}(l|la|lo|li|ly)$")
# "de" is "jde" in Czech except in Latin phrases ("de minimis" is a subsidy term).
_DE_LATIN = frozenset({"minimis", "facto", "jure", "luxe", "novo"})
# "sem" opening a clause ("sem starosta", "a sem na dlažbě", "já sem") is "jsem"; "pojď sem" keeps "sem".
_SEM_BEFORE = frozenset({"ja", "a", "ale", "uz", "tak", "taky", "ted", "porad", "jeste", "kdyz", "protoze", "ze"})
_CLAUSE_END = re.compile(r"[.,;:!?()]")


def _fold_char(c: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", c) if not unicodedata.combining(ch))


# Latin letters with diacritics → base letters; str.translate folds a 600k-word list in a fraction of a second.
_FOLD_TABLE = str.maketrans({chr(i): _fold_char(chr(i)) for i in range(0xC0, 0x250) if _fold_char(chr(i)) != chr(i)})


def fold(word: str) -> str:
    """The word without diacritics (Latin letters; other scripts are left as they are)."""
    return word.translate(_FOLD_TABLE)


@dataclass(frozen=True, slots=True)
class Change:
    """One rewritten word: as typed, as searched, and which rule did it ("diacritics", "colloquial:-ej", …)."""

    original: str
    replacement: str
    rule: str


@dataclass(frozen=True, slots=True)
class NormalizedQuery:
    original: str
    text: str  # the query with restored words: give this to the dense side (and the answer composer)
    changes: tuple[Change, ...] = ()

    @property
    def variants(self) -> tuple[str, ...]:
        """The typed forms of the rewritten words (lowercase, once each): the lexical side keeps them."""
        return tuple(dict.fromkeys(c.original.lower() for c in self.changes))

    @property
    def lexical_text(self) -> str:
        """Restored text plus the typed forms, for BM25: what matched before still matches."""
        return " ".join([self.text, *self.variants]) if self.changes else self.text

    def lexical_query(self, vocabulary: Collection[str]) -> str:
        """Restored text plus only those typed forms whose terms the index has (`IndexData.bm25.postings`):
        a typed form that matches nothing would only lower the share of the query a passage can match."""
        kept = [v for v in self.variants if any(t in vocabulary for t in analyze(v))]
        return " ".join([self.text, *kept])

    @property
    def changed(self) -> bool:
        return bool(self.changes)


@dataclass(frozen=True)
class FrequencyList:
    """A word-frequency list: common words → centibels, and folded key → the most frequent accented form."""

    cb: dict[str, int]  # words at least MIN_KNOWN_CB frequent
    accented: dict[str, str]  # "preskoleni" → "přeškolení": every accented word of the list, rare ones too

    @classmethod
    def from_buckets(cls, buckets: Iterable[Iterable[str]]) -> FrequencyList:
        """Buckets as wordfreq stores them: bucket i holds the words of frequency -i centibels, so the
        first accented form met for a key is its most frequent one."""
        cb: dict[str, int] = {}
        accented: dict[str, str] = {}
        for i, words in enumerate(buckets):
            value = -i
            common = value >= MIN_KNOWN_CB
            for word in words:
                if word.isascii():
                    if common and word.isalpha():
                        cb[word] = value
                    continue
                if not word.isalpha():
                    continue
                if common:
                    cb[word] = value
                key = word.translate(_FOLD_TABLE)
                if key not in accented:
                    accented[key] = word
        return cls(cb, accented)


@lru_cache(maxsize=1)
def czech_frequencies() -> FrequencyList:
    """wordfreq's large Czech list (about 600 000 words, shipped in its wheel; read once per process, ~1 s)."""
    return FrequencyList.from_buckets(read_cBpack(available_languages("large")["cs"]))


class QueryNormalizer:
    """Built once per knowledge base (cheap: the frequency list is shared); `normalize` takes microseconds."""

    def __init__(
        self, texts: Iterable[str], frequencies: FrequencyList | None = None, *, phrasings: Iterable[str] = ()
    ) -> None:
        """`texts`: the documents (standard Czech); `phrasings`: staff-written question phrasings, which
        copy how people type ("kdo mi zaplati preskoleni"): their words without diacritics are no
        standard spelling and never stop a restore."""
        self._freq = frequencies if frequencies is not None else czech_frequencies()
        counts: Counter[str] = Counter()
        for text in texts:  # URLs and e-mail addresses are not vocabulary ("…-pomuze-kraji-…")
            counts.update(_words(text))
        for text in phrasings:
            counts.update(w for w in _words(text) if not self._shortcut(w))
        self._kb = counts
        grouped: dict[str, list[str]] = {}
        for word in counts:
            grouped.setdefault(fold(word), []).append(word)
        # Among the knowledge base's forms of one folded word, its general frequency and how often the
        # documents use it both count: "MAS" written hundreds of times beats one "máš" of a phrasing.
        self._kb_by_fold = {
            k: tuple(sorted(v, key=lambda w: (-(self.score(w) + KB_USE_CB * math.log10(counts[w])), w)))
            for k, v in grouped.items()
        }

    def _shortcut(self, word: str) -> bool:
        """A word typed without its diacritics: an accented form of it is more frequent ("daji" → "dají")."""
        accented = self._freq.accented.get(word) if word.isascii() else None
        return accented is not None and self.score(accented) >= self.score(word)

    @property
    def vocabulary(self) -> Collection[str]:
        """The knowledge base's words (lowercase, with diacritics)."""
        return self._kb.keys()

    def score(self, word: str) -> int:
        """Frequency in centibels; knowledge-base words missing from the list get the floor."""
        return self._freq.cb.get(word, UNKNOWN_CB)

    def is_common(self, word: str) -> bool:
        """A word of everyday Czech at large ("zrovna", "dostat"): at least 1 in 10 000 words."""
        return self._freq.cb.get(word, UNKNOWN_CB) >= COMMON_CB

    def known(self, word: str) -> bool:
        return word in self._kb or self._freq.cb.get(word, UNKNOWN_CB) >= MIN_KNOWN_CB

    def real_words(self, text: str) -> list[str]:
        """The words of a text (lowercase) that are known words: spelled right, so no typos to correct."""
        return [w for t, is_word in _tokens(text) if is_word and self.known(w := t.lower())]

    def best_form(self, key: str) -> str | None:
        """The most likely written form of a folded word: the knowledge base's if it has one."""
        forms = self._kb_by_fold.get(key)
        if forms:
            return forms[0]
        form = self._freq.accented.get(key)
        if form is not None and (key not in self._freq.cb or self.score(form) >= self.score(key)):
            return form
        return key if key in self._freq.cb else None

    def restore(self, word: str) -> str | None:
        """The word (lowercase) with its most likely diacritics, or None to leave it as typed."""
        key = fold(word)
        best = self.best_form(key)
        if best is None or best == word:
            return None
        if word != key:  # typed with some diacritics: only an unknown spelling is corrected
            return None if self.known(word) else best
        if word in self._kb or word in self._freq.cb:
            # A long word of the list ("kravin") is mostly the accented word typed without diacritics:
            # the more frequent form wins. Short ones ("ze", "byt") are real words in their own right.
            margin = RESTORE_MARGIN_CB if word in self._kb or len(word) < LONG_WORD else 1
            if self.score(best) - self.score(word) < margin:
                return None
        return best

    def normalize(self, query: str) -> NormalizedQuery:
        tokens = list(_tokens(query))
        out = [t for t, _ in tokens]
        order = [i for i, (t, is_word) in enumerate(tokens) if is_word]
        current = {i: tokens[i][0].lower() for i in order}  # each word as it stands after the word rules
        changes: dict[int, Change] = {}

        def rewrite(i: int, new: str, rule: str) -> None:
            typed = tokens[i][0]
            current[i] = new
            out[i] = _like(typed, new)
            changes[i] = Change(typed, out[i], rule)

        accentless = fold(query) == query
        for i in order:
            if _rewritable(tokens[i][0]):
                new, rule = self._word(current[i], accentless)
                if new is not None and new != current[i]:
                    rewrite(i, new, rule)
        for pos, i in enumerate(order):
            if _rewritable(tokens[i][0]):
                prev = current[order[pos - 1]] if pos > 0 else None
                nxt = current[order[pos + 1]] if pos + 1 < len(order) else None
                opens = pos == 0 or bool(_CLAUSE_END.search("".join(t for t, _ in tokens[order[pos - 1] + 1 : i])))
                found = self._in_context(current[i], prev, nxt, opens)
                if found is not None:
                    rewrite(i, *found)
        return NormalizedQuery(query, "".join(out), tuple(changes[i] for i in sorted(changes)))

    def _word(self, lw: str, accentless: bool = False) -> tuple[str | None, str]:
        key = fold(lw)
        if key in _WORDS and lw not in self._kb:
            return _WORDS[key], "colloquial:word"
        if accentless and key in _ACCENTLESS_WORDS:
            return _ACCENTLESS_WORDS[key], "colloquial:word"
        restored = self.restore(lw)
        base = restored or lw
        rule = "diacritics"
        for _ in range(2):  # "novejma" → "novýma" → "novými"
            if base in self._kb:
                break
            found = self._colloquial(base)
            if found is None:
                break
            base, rule = found
        return (base if base != lw else None), rule

    def _colloquial(self, word: str) -> tuple[str, str] | None:
        """The standard form of a colloquial word: per rule, the first candidate that is a known word
        decides; it is taken if it is frequent enough against the typed word ("rukama" keeps its
        standard dual, since "rukami" is rarer, and never falls through to "ruky")."""
        key = fold(word)
        own = self.score(word)
        for rule, candidates, margin in _candidates(key):
            if rule == "colloquial:v-" and key in _V_KEEP:
                continue
            for candidate in candidates:
                form = self.best_form(candidate)
                if form is None or not self.known(form):
                    continue
                if margin is None or self.score(form) - own >= margin:
                    return form, rule
                break
        return None

    def _in_context(self, word: str, prev: str | None, nxt: str | None, opens: bool) -> tuple[str, str] | None:
        """Rules that need the neighbours; `opens`: the word starts a clause (first, or after punctuation)."""
        key = fold(word)
        if key == "sem" and (
            any(n is not None and _PARTICIPLE.match(fold(n)) for n in (prev, nxt))
            or (nxt is not None and (opens or fold(prev or "") in _SEM_BEFORE))
        ):
            return "jsem", "colloquial:sem"
        if key == "de" and word == key and nxt not in _DE_LATIN:
            return "jde", "colloquial:de"
        if key == "da" and word == key and (prev == "se" or nxt in _DA_AFTER):
            return "dá", "colloquial:dá"
        if word.endswith("ý") and nxt is not None and word not in _STOP_Y and _plural_noun(nxt):
            form = word[:-1] + "é"
            if self.known(form) and self.known(word):
                return form, "colloquial:-ý"
        return None


_DA_AFTER = frozenset({"se", "si", "to", "mi", "ti", "mu", "nam", "vam", "jim"})  # "da se" → "dá se"
_STOP_Y = frozenset({"který", "jaký", "každý", "tý", "mý", "tvý", "svý"})


def _plural_noun(word: str) -> bool:
    """A word in "-y" that is likely a plural or genitive noun ("holky", "budovy"), not "by", "my", "ty"."""
    key = fold(word)
    return len(key) >= 4 and key.endswith("y") and not word.endswith("ý") and key not in STOP_FOLDED


def _candidates(key: str) -> Iterator[tuple[str, list[str], int | None]]:
    """(rule, folded candidates in order of preference, required margin over the typed word or None)."""
    if "ej" in key:
        parts = key.split("ej")
        yield "colloquial:-ej", ["y".join(parts)], MEANING_MARGIN_CB
    if key.endswith(("yho", "ymu")):
        yield "colloquial:-ýho", [key[:-3] + ("eho" if key.endswith("yho") else "emu")], None
    if len(key) >= 5 and key.endswith("ma"):
        stem = key[:-2]
        if stem.endswith(("y", "i")):  # novýma → novými, cizíma → cizími
            options = [stem + "mi"]
        elif stem.endswith("a"):  # holkama → holkami, kurzama → kurzy (but "rukama" is standard: keep it)
            options = [stem + "mi", stem[:-1] + "y"]
        elif stem.endswith("e"):  # dotacema → dotacemi, strojema → stroji
            options = [stem + "mi", stem[:-1] + "i"]
        elif stem[-1] not in "aeiouy":  # dětma → dětmi, penězma → penězi
            options = [stem + "mi", stem + "i"]
        else:
            options = []
        if options:
            yield "colloquial:-ma", options, ENDING_MARGIN_CB
    if key.startswith("vo") and len(key) >= 4:
        yield "colloquial:v-", [key[1:]], RESTORE_MARGIN_CB
    if len(key) >= 4 and key.endswith("em"):  # first person plural: budem → budeme, muzem → můžeme
        yield "colloquial:-em", [key + "e"], MEANING_MARGIN_CB
    if len(key) >= 3 and key.endswith("aj"):  # third person plural: maj → mají, delaj → dělají
        yield "colloquial:-aj", [key + "i"], MEANING_MARGIN_CB
    if len(key) >= 6 and key.endswith("ujou"):  # rozdelujou → rozdělují, potrebujou → potřebují
        yield "colloquial:-ujou", [key[:-2] + "i"], ENDING_MARGIN_CB


def _tokens(query: str) -> Iterator[tuple[str, bool]]:
    """(text, is a word to consider) pieces that join back into the query."""
    end = 0
    for m in _TOKEN.finditer(query):
        if m.start() > end:
            yield query[end : m.start()], False
        yield m.group(), m.group("word") is not None
        end = m.end()
    if end < len(query):
        yield query[end:], False


def _words(text: str) -> Iterator[str]:
    return (t.lower() for t, is_word in _tokens(text) if is_word and t.isalpha())


def _rewritable(word: str) -> bool:
    """Letters only, and not an acronym in capitals (MAS, FVE, OPST)."""
    return word.isalpha() and not (len(word) > 1 and word.isupper())


def _like(typed: str, new: str) -> str:
    """The new word in the typed word's case: "Preskoleni" → "Přeškolení"."""
    return new[:1].upper() + new[1:] if typed[:1].isupper() else new


def index_normalizer(index: IndexData) -> QueryNormalizer:
    """The normaliser of one published build: its passages and Czech curated phrasings restore diacritics."""
    return QueryNormalizer(
        (c.text for c in index.chunks), phrasings=(p for r in index.curated if r.lang == "cs" for p in r.phrasings)
    )


def unmatched_words(
    questions: Iterable[str],
    vocabulary: Collection[str],
    *,
    normalizer: QueryNormalizer | None = None,
) -> list[tuple[str, int]]:
    """Words of (unanswered) questions that match no index term even after normalisation, most frequent first.

    `vocabulary` is the index's BM25 terms (`IndexData.bm25.postings`). Each word counts once per
    question; stop-words, numbers and one- or two-letter words are skipped. Words are reported as
    normalised ("kulturák", not "kulturak"), so staff can copy them into the synonym file.
    """
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for question in questions:
        seen: set[str] = set()
        query = normalizer.normalize(question) if normalizer is not None else None
        typed = [w.lower() for w, is_word in _tokens(question) if is_word and w.isalpha()]
        restored = [w.lower() for w, is_word in _tokens(query.text) if is_word and w.isalpha()] if query else typed
        for original, word in zip(typed, restored, strict=False):
            if len(word) < 3 or fold(word) in STOP_FOLDED or word in seen:
                continue
            terms = analyze(word) + (analyze(original) if original != word else [])
            if any(t in vocabulary for t in terms):
                continue
            seen.add(word)
            counts[word] += 1
            first_seen.setdefault(word, len(first_seen))
    return sorted(counts.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))


__all__ = [
    "Change",
    "FrequencyList",
    "NormalizedQuery",
    "QueryNormalizer",
    "czech_frequencies",
    "fold",
    "index_normalizer",
    "unmatched_words",
]
