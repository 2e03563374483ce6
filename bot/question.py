"""What a message is before it is searched: cleaned text, notes about the cleaning, and small talk."""

from __future__ import annotations

import re
import unicodedata

from kb.text import fold_lower, strip_invisible

MAX_QUESTION_CHARS = 1000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")
_TAG = re.compile(r"<[^>]{0,200}>")
_ASKS_FOR_MAS = re.compile(
    r"\bmas\b|\bmask[uy]\b|mistni akcni|porad\w*|kontakt\w*|obratit|pomuze|pomoc\w*|kdo mi|na koho"
    r"|\bkam (?:patri|spada)\b|\bpod (?:koho|co) spada"  # "kam patří Bílina?"
    # "who can help me with a project in Zatec?", "хто допоможе з проєктом у Жатці?" (folded: no "й")
    r"|\bhelp\w*|\badvi[cs]\w*|\bwho can\b|\bwhom\b|допомож|порад|зверн|консульт"
)
_GREETING = re.compile(
    r"^(ahoj\w*|dobry (den|vecer)|dobre (rano|odpoledne)|zdravim|cau|cus|nazdar|hello|hi|hey|good (morning|day)|"
    r"привіт|добрий день|здравствуйте|вітаю)( vsem| prusvodce| pruvodce)?$"
)
# An acknowledgement is a short message made only of these words ("super dík", "jo dobře, díky").
_ACK_WORDS = frozenset(
    "diky dik dekuji dekuju dekujeme dekuje moc pekne mockrat vam ti super ok okay oki jo jasne fajn vyborne "
    "paradni skvele dobre dobra to pomohlo pomohla a thanks thank you thx great perfect nice дякую спасибі "
    "спасибо добре супер дуже".split()
)
_ACK_MAX_WORDS = 6
_HOW_ARE_YOU = re.compile(r"^(a\s+)?(jak\s+se\s+(mas|mate|vede|dari)|jak\s+je|how\s+are\s+you|як\s+справи)(\s+\w+)?$")
_OPINION = re.compile(
    r"\b(co\s+si\s+myslis|co\s+si\s+myslite|jaky\s+(je\s+)?(tvuj|vas)\s+nazor|nazor\s+na|podporujes|volil|"
    r"what\s+do\s+you\s+think|your\s+opinion|що\s+ти\s+думаєш)\b"
)


def looks_binary(raw: str) -> bool:
    """Mostly control or replacement characters: data pasted or sent by mistake, not a question."""
    if not raw:
        return False
    odd = sum(1 for c in raw if c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t") or 0x7F <= ord(c) < 0xA0)
    return odd / len(raw) > 0.2


def clean_question(raw: str) -> tuple[str, bool]:
    """Question text safe to process (no markup, no invisible characters), and whether it was shortened."""
    if looks_binary(raw or ""):
        return "", False
    text = strip_invisible(unicodedata.normalize("NFC", raw or ""))
    text = _CONTROL.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > MAX_QUESTION_CHARS:
        cut = text[:MAX_QUESTION_CHARS]
        return (cut[: cut.rfind(" ")] if " " in cut[-100:] else cut), True
    return text, False


def has_words(text: str) -> bool:
    return sum(1 for c in text if c.isalpha()) >= 3


def small_talk(question: str) -> str | None:
    """ "greeting" or "thanks" for a bare greeting or thanks (these are not questions for the knowledge base)."""
    text = " ".join(re.sub(r"[^\w ]+", " ", fold_lower(question)).split())
    if _GREETING.match(text):
        return "greeting"
    words = text.split()
    if words and len(words) <= _ACK_MAX_WORDS and set(words) <= _ACK_WORDS:
        return "thanks"
    return None


def not_for_the_documents(question: str) -> str | None:
    """ "how_are_you" or "opinion": chit-chat and requests for opinions are not knowledge questions."""
    text = " ".join(re.sub(r"[^\w ]+", " ", fold_lower(question)).split())
    if _HOW_ARE_YOU.match(text):
        return "how_are_you"
    if _OPINION.search(text):
        return "opinion"
    return None


def asks_for_mas(question: str) -> bool:
    """Does the question ask who helps locally (which MAS, whom to contact)?"""
    return bool(_ASKS_FOR_MAS.search(fold_lower(question)))


def is_cyrillic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if "\u0400" <= c <= "\u04ff") / len(letters) > 0.5
