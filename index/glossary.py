"""The staff glossary compiled for questions in English and Ukrainian: their expressions → the documents' Czech words.

An English or Ukrainian question shares no words with the Czech documents, so the lexical side of the
search (BM25) and the choice of the quoted sentence had nothing to go on but the dense model, which
often prefers a sentence of a neighbouring topic. The glossary (read and validated by `kb.synonyms`)
gives such a question the Czech words of the expressions it uses ("retraining" → "rekvalifikace").

Foreign words are matched in a forgiving form: English by the Snowball stemmer, Ukrainian by cutting
its common inflectional endings ("перекваліфікацію", "перекваліфікації" → "перекваліфікац"), so staff
write an expression once, in its dictionary form.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from index.analyzer import analyze
from kb.problems import Problem, Severity
from kb.synonyms import GLOSSARY_FILE, SynonymEntry

_WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NOT = re.compile(r"n['’]t\b")
_english = Stemmer.Stemmer("english")

# Words that carry no topic; dropped before matching so "the managing authority of OPST" holds
# "managing authority" as a phrase. Negations stay: "не належить" is not "належить".
_STOP = frozenset(
    """
a an the of in on at to for from by with and or is are was were be been do does did can could will would
should may might i me my we our you your it its this that these there what which who whom how when where
why whether if any some about as into than then so yes please hi hello
і й та а в у на до з із зі за від для про по під над при чи це що як де коли хто який яка яке які
якщо мені мене я ми ви ти він вона воно вони наш наша наше наші ваш ваша ваше ваші мій моя моє мої
є був була було були буде бути можна треба так же ж би б
""".split()
)

# Ukrainian inflectional endings (nouns, adjectives, verbs), longest first; a stem keeps at least 3 letters.
_UK_REFLEXIVE = ("ся", "сь")
_UK_ENDINGS = tuple(
    sorted(
        """
ями ами ові еві єві ого ього ому ьому ими іми ією ами ях ах ям ам ів їв ей ом ем єм ою ею єю ій ий ої ий
их іх им ім ую юю ая яя ти ть ла ло ли ють ять уть ать ємо емо ете єте ить ите ив ия ія ію ії ієї
а я у ю і ї и о е є ь й
""".split(),
        key=len,
        reverse=True,
    )
)
_MIN_STEM = 3


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    if not _CYRILLIC.search(word):
        return str(_english.stemWord(word))
    word = word.replace("'", "").replace("’", "").replace("ʼ", "").replace("ґ", "г")
    for ending in _UK_REFLEXIVE:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM + 1:
            word = word[: -len(ending)]
            break
    for ending in _UK_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


def foreign_terms(text: str) -> tuple[str, ...]:
    """The topic words of an English or Ukrainian text in a form that ignores inflection."""
    text = _NOT.sub(" not", text.lower())  # "doesn't belong" → "does not belong"
    return tuple(_stem(w) for w in _WORD.findall(text) if w not in _STOP)


@dataclass(frozen=True)
class Glossary:
    """Foreign expressions (as term sequences) → the Czech words the documents use."""

    rules: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()

    @classmethod
    def compile(cls, entries: Iterable[SynonymEntry]) -> Glossary:
        rules = [(foreign_terms(e.phrase), e.words) for e in entries]
        return cls(tuple((key, words) for key, words in rules if key and words))

    def czech_words(self, text: str) -> list[str]:
        """The Czech words of every glossary expression the text uses (each once, in glossary order)."""
        terms = foreign_terms(text)
        out: list[str] = []
        for key, words in self.rules:
            n = len(key)
            if any(terms[i : i + n] == key for i in range(len(terms) - n + 1)):
                out.extend(w for w in words if w not in out)
        return out

    def lexical_query(self, text: str, vocabulary: Collection[str]) -> str:
        """What the Czech lexical search should read for a foreign question: the words it shares with the
        documents as written (names, abbreviations: "OPST", "ICUK", "Jsem v kurzu") and the glossary's
        Czech words. Words the documents never use are left out: they would only dilute the share of the
        question the quoted sentence covers. Without either, the question itself (as before)."""
        # Foreign function words that happen to be Czech index terms ("for") carry no topic.
        words_typed = [w for w in _WORD.findall(text) if w.lower() not in _STOP]
        known = [w for w in words_typed if (terms := analyze(w)) and all(t in vocabulary for t in terms)]
        words = [*known, *self.czech_words(text)]
        return " ".join(words) if words else text


def useless_glossary_entries(entries: Iterable[SynonymEntry], knowledge_name: str = "knowledge") -> list[Problem]:
    """Entries whose expression is only common words ("the", "of", "на") or whose Czech words analyse to
    nothing — for `index check`."""
    return [
        Problem(
            f"{knowledge_name}/{GLOSSARY_FILE}",
            entry.line,
            Severity.WARNING,
            f"Výraz „{entry.phrase}“ nic nepřidá (jen běžná slova jako „the“, „of“, „на“, nebo česká slova "
            "jako „a“, „na“). Doplňte slova, která používají dokumenty.",
        )
        for entry in entries
        if not foreign_terms(entry.phrase) or not any(analyze(w) for w in entry.words)
    ]
