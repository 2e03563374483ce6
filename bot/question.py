"""What a message is before it is searched: cleaned text, notes about the cleaning, and small talk."""

from __future__ import annotations

import re
import unicodedata

from kb.text import fold, fold_lower, strip_invisible

MAX_QUESTION_CHARS = 1000
LONG_QUESTION = "Zpráva je hodně dlouhá, odpovídám na její začátek."
NOT_CZECH = "Odpovídám česky, podklady mám jen v češtině."

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")
_TAG = re.compile(r"<[^>]{0,200}>")
_ASKS_FOR_MAS = re.compile(r"\bmas\b|mistni akcni|porad\w*|kontakt\w*|obratit|pomuze|pomoc\w*|kdo mi|na koho")
_ENGLISH = frozenset("the what how is are can i my where when who which do does for of to and money".split())
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
_HOW_ARE_YOU = re.compile(r"^(a\s+)?(jak\s+se\s+(mas|mate|vede|dari)|jak\s+je|how\s+are\s+you|як\s+справи)(\s+\w+)?$")
_OPINION = re.compile(
    r"\b(co\s+si\s+myslis|co\s+si\s+myslite|jaky\s+(je\s+)?(tvuj|vas)\s+nazor|nazor\s+na|podporujes|volil|"
    r"what\s+do\s+you\s+think|your\s+opinion|що\s+ти\s+думаєш)\b"
)
HOW_ARE_YOU_REPLY = (
    "Děkuji, jsem tu a rád pomůžu. Odpovídám na otázky o spravedlivé transformaci Ústeckého kraje – "
    "třeba „Kdo může žádat o peníze z OPST?“ nebo „Která MAS pomáhá v Žatci?“"
)
OPINION_REPLY = (
    "Názory ani hodnocení neposkytuji – odpovídám jen fakty z ověřených podkladů o spravedlivé transformaci "
    "Ústeckého kraje."
)


def looks_binary(raw: str) -> bool:
    """Mostly control or replacement characters: data pasted or sent by mistake, not a question."""
    if not raw:
        return False
    odd = sum(1 for c in raw if c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t") or 0x7F <= ord(c) < 0xA0)
    return odd / len(raw) > 0.2


def clean_question(raw: str) -> tuple[str, list[str]]:
    """Question text safe to process (no markup, no invisible characters), and notes about what was done."""
    notes: list[str] = []
    if looks_binary(raw or ""):
        return "", notes
    text = strip_invisible(unicodedata.normalize("NFC", raw or ""))
    text = _CONTROL.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > MAX_QUESTION_CHARS:
        cut = text[:MAX_QUESTION_CHARS]
        text = cut[: cut.rfind(" ")] if " " in cut[-100:] else cut
        notes.append(LONG_QUESTION)
    return text, notes


def has_words(text: str) -> bool:
    return sum(1 for c in text if c.isalpha()) >= 3


def small_talk(question: str) -> str | None:
    """A fixed reply to a bare greeting or thanks (these are not questions for the knowledge base)."""
    text = " ".join(re.sub(r"[^\w ]+", " ", fold(question.lower())).split())
    if _GREETING.match(text):
        return GREETING_REPLY
    if _THANKS.match(text):
        return THANKS_REPLY
    return None


def not_for_the_documents(question: str) -> str | None:
    """A fixed reply to chit-chat ("jak se máš?") and requests for opinions: they are not knowledge questions."""
    text = " ".join(re.sub(r"[^\w ]+", " ", fold_lower(question)).split())
    if _HOW_ARE_YOU.match(text):
        return HOW_ARE_YOU_REPLY
    if _OPINION.search(text):
        return OPINION_REPLY
    return None


def asks_for_mas(question: str) -> bool:
    """Does the question ask who helps locally (which MAS, whom to contact)?"""
    return bool(_ASKS_FOR_MAS.search(fold_lower(question)))


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
