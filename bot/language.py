"""Which language to answer a message in: Czech (the default), Ukrainian or English.

Six languages are told apart: cs, sk, uk, ru, en, de. Three are answered:
- sk → cs: Slovak readers read Czech without effort, and a Slovak-looking message is often Czech
  typed without diacritics;
- ru → uk: in Ústecký kraj Russian is written mostly by people from Ukraine, who read Ukrainian;
  Ukrainian is the closest language the bot has (the detected "ru" is kept in `Detection.written`);
- de → en: German-speaking partners and investors are served best in English.

Order of evidence:
1. Acronyms are set aside ("MAS", "OPST"), and capitalised words with diacritics ("Ústí", "Žatec",
   but also a sentence's first word) count without their diacritics: a Czech place name inside an
   English sentence must not make it Czech. A message of nothing but acronyms has no language.
2. The script and letters only one language has, outside those capitalised words: Ukrainian
   і ї є ґ settle uk vs ru; Czech ě ř ů; German ö ß.
3. Czech everyday words and no English or German ones ("co je to brownfield") are Czech, whatever the
   model makes of the borrowed word; English or German ones and no Czech ones ("e-mail of MAS Vladař")
   are English or German, whatever it makes of the Czech name (a very short message with a Telegram hint
   is left to step 5).
4. The lingua model restricted to the six languages (low-accuracy mode: ~40 MB instead of ~340 MB,
   and as accurate on the bot's messages, see bench/bench_language.py), plus a share for the
   everyday words of each language (`_LEXICON`): the model alone reads "co je opst" as German.
5. Telegram's `language_code` decides for very short messages the model cannot read ("ok", "👍",
   "MAS"): cs and sk → cs, uk → uk, en (and de) → en; "ru" and others are no hint. Czech wins
   whatever stays uncertain. Longer messages are read from their text whatever the hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from lingua import Language as LinguaLanguage
from lingua import LanguageDetector, LanguageDetectorBuilder

Language = Literal["cs", "uk", "en"]
Written = Literal["cs", "sk", "uk", "ru", "en", "de", ""]

DEFAULT: Language = "cs"
ANSWER_IN: dict[str, Language] = {"cs": "cs", "sk": "cs", "uk": "uk", "ru": "uk", "en": "en", "de": "en"}
# Telegram's language_code is a hint only: a Russian interface is common among people who do not read
# Ukrainian, so "ru" is not ours (the usual fallback decides); a German one is served in English.
HINT_IN: dict[str, Language] = {"cs": "cs", "sk": "cs", "uk": "uk", "en": "en", "de": "en"}
MIN_CONFIDENCE = 0.6  # below this the best language is no better than the Czech default
SHORT_WORDS = 2  # up to this many words the evidence must be this strong, or the hint decides
SHORT_CONFIDENCE = 0.9
LEXICON_WEIGHT = 1.5  # added to a language's model confidence × the share of its everyday words

# Everyday words (lowercase, without diacritics) that are frequent in bot messages and belong to one
# language only among the six; words shared by two of them ("to", "do", "on", "i", "den", "was"), also once
# diacritics are dropped ("mit" is German "with" and Czech "mít"), are left out.
_LEXICON: dict[Written, frozenset[str]] = {
    "cs": frozenset(
        """a je jsou co cem jak kde kdo kdy kolik proc na pro od se si mi mne ta jsem jsi jsme sme mam mame muze
        muzu muzeme chci potrebuji potrebuju jaka jaky jake ktera ktery ktere nebo ale taky take uz jeste dekuji
        diky dobry ahoj cau prosim vo nas nase muj moje jo ne ano dotace dotaci obec obce obci penize penez
        vyzva vyzvy kraj kraje prace urad pomoc nam vam ted tady tam kam byl byla bylo bude budu mel mela ma
        mate neni nejsou bych kdyz jestli aby zda tak neco nic nekdo nikdo nejaky nejaka nejake mohu lze
        dostat dostanu delat udelat""".split()
    ),
    "en": frozenset(
        """the an is are were what how where when who which why can could would should my we you your our does
        for of in with and about thanks thank hello hi please help there any this that get much many have has
        need want job work money funding apply from live near village town city district region""".split()
    ),
    "de": frozenset(
        """der die das ist wie wo wer ich und nicht danke bitte gibt es fur ein eine einen hallo guten tag
        bekommt kann habe meine mein sie wir""".split()
    ),
}

_CODES: dict[LinguaLanguage, Written] = {
    LinguaLanguage.CZECH: "cs",
    LinguaLanguage.SLOVAK: "sk",
    LinguaLanguage.UKRAINIAN: "uk",
    LinguaLanguage.RUSSIAN: "ru",
    LinguaLanguage.ENGLISH: "en",
    LinguaLanguage.GERMAN: "de",
}
_NOISE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|[@/#]\w+")  # links, addresses, @mentions, /commands
_WORD = re.compile(r"[^\W\d_]+")
_UKRAINIAN = frozenset("іїєґІЇЄҐ")
_RUSSIAN = frozenset("ыэъёЫЭЪЁ")
_CZECH = frozenset("ěřůĚŘŮ")  # Czech letters Slovak does not have
_GERMAN = frozenset("ößÖẞ")  # German letters neither Czech nor Slovak has (ä and ü are ambiguous)
_SLOVAK = frozenset("ľĺŕôäĽĹŔÔÄ")  # Slovak letters Czech does not have (the model tells Slovak from Czech)


@dataclass(frozen=True, slots=True)
class Detection:
    language: Language  # the language to answer in
    written: Written  # what the message looks like ("" when it has no words)
    reason: Literal["letters", "words", "model", "hint", "default"]
    confidence: float  # the model's (or 1.0 for letters, 0.0 for hint and default)


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """The lingua detector for the six languages, models loaded (once per process, ~0.2 s)."""
    builder = LanguageDetectorBuilder.from_languages(*_CODES).with_low_accuracy_mode()
    return builder.with_preloaded_language_models().build()


def hint_language(code: str | None) -> Language | None:
    """Telegram's `language_code` ("uk", "en-US", "sk") as an answer language, or None if not ours ("ru")."""
    if not code:
        return None
    return HINT_IN.get(code.strip().lower().replace("_", "-").split("-")[0])


def detect(text: str, hint: str | None = None) -> Detection:
    """The language to answer `text` in; `hint` is the sender's Telegram `language_code`, if any."""
    hinted = hint_language(hint)
    words = [w for w in _WORD.findall(_NOISE.sub(" ", text)) if not _is_acronym(w)]
    letters = "".join(words)
    if len(letters) < 2:  # numbers, emoji, acronyms only, a single letter
        return _fallback(hinted)
    slovak = any(c in _SLOVAK for c in letters)  # before capitalised words lose their diacritics
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if cyrillic * 2 > len(letters):
        return _cyrillic(" ".join(words), letters)
    if all(_is_name(w) for w in words):  # "Žatec", "Děkuji": letters may tell, the model cannot
        if not any(c in _CZECH or c in _GERMAN for c in letters):
            return _fallback(hinted)
    else:
        words = [w.translate(_FOLD) if _is_name(w) else w for w in words]
        letters = "".join(words)
    if any(c in _CZECH for c in letters):
        return Detection("cs", "cs", "letters", 1.0)
    if any(c in _GERMAN for c in letters):
        return Detection("en", "de", "letters", 1.0)
    by_words = _everyday_words_only(words)
    if by_words is not None and not (by_words == "cs" and slovak) and (len(words) > SHORT_WORDS or hinted is None):
        return Detection(ANSWER_IN[by_words], by_words, "words", 1.0)
    scores = _latin(words)
    written, confidence = max(scores.items(), key=lambda kv: kv[1]) if scores else ("", 0.0)
    if len(words) <= SHORT_WORDS and confidence < SHORT_CONFIDENCE and hinted is not None:
        return Detection(hinted, written, "hint", 0.0)
    if confidence < MIN_CONFIDENCE or not written:
        return Detection(DEFAULT, written, "default", confidence)
    return Detection(ANSWER_IN[written], written, "model", confidence)


def detect_language(text: str, hint: str | None = None) -> Language:
    """Shortcut for `detect(text, hint).language`."""
    return detect(text, hint).language


def _fallback(hinted: Language | None) -> Detection:
    if hinted is not None:
        return Detection(hinted, "", "hint", 0.0)
    return Detection(DEFAULT, "", "default", 0.0)


def _cyrillic(text: str, letters: str) -> Detection:
    """Ukrainian or Russian: unique letters first, then the model between the two; both answer in uk."""
    if any(c in _UKRAINIAN for c in letters):
        return Detection("uk", "uk", "letters", 1.0)
    if any(c in _RUSSIAN for c in letters):
        return Detection("uk", "ru", "letters", 1.0)
    scores: dict[Written, float] = {code: value for code, value in _scores(text).items() if code in ("uk", "ru")}
    written: Written = "ru" if scores.get("ru", 0.0) > scores.get("uk", 0.0) else "uk"
    return Detection("uk", written, "model", scores.get(written, 0.0))


def _scores(text: str) -> dict[Written, float]:
    return {_CODES[v.language]: v.value for v in detector().compute_language_confidence_values(text)}


def _latin(words: list[str]) -> dict[Written, float]:
    """Latin-script evidence per language: model confidence plus the share of everyday words. Slovak
    and Czech are pooled (both are answered in Czech, and Czech without diacritics often looks Slovak
    to the model); the pooled value is named after the larger of the two."""
    scores = _scores(" ".join(words))
    cs, sk = scores.pop("cs", 0.0), scores.pop("sk", 0.0)
    pooled: Written = "cs" if cs >= sk else "sk"
    scores[pooled] = cs + sk
    scores.pop("uk", None)
    scores.pop("ru", None)
    folded = [w.lower().translate(_FOLD) for w in words]
    for lang, lexicon in _LEXICON.items():
        share = sum(w in lexicon for w in folded) / len(folded)
        key: Written = pooled if lang == "cs" else lang
        scores[key] = scores.get(key, 0.0) + LEXICON_WEIGHT * share
    return {k: v for k, v in scores.items() if v > 0.0}


def _everyday_words_only(words: list[str]) -> Literal["cs", "en", "de"] | None:
    """The one language whose everyday words the message has: "co je to brownfield" is Czech whatever the model
    makes of the loanword, "e-mail of MAS Vladař" English whatever it makes of the Czech name; None when none
    or several. "a" is not Czech evidence: it is English too."""
    folded = {w.lower().translate(_FOLD) for w in words}
    czech = folded & _LEXICON["cs"]
    english, german = len(folded & _LEXICON["en"]), len(folded & _LEXICON["de"])
    if czech - {"a"} and not english and not german:
        return "cs"
    if not czech and (english or german):
        return "en" if english >= german else "de"
    return None


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _is_name(word: str) -> bool:
    """A capitalised Latin word with diacritics: maybe a place ("Ústí", "Žatec"), maybe a sentence start."""
    return word[:1].isupper() and any("\u00c0" <= c <= "\u024f" for c in word)


_FOLD = str.maketrans("áčďéěíňóřšťúůýžäöüľĺŕôÁČĎÉĚÍŇÓŘŠŤÚŮÝŽÄÖÜĽĹŔÔ", "acdeeinorstuuyzaoullroACDEEINORSTUUYZAOULLRO")
