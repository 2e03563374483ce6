"""What a message asks about a MAS it names: its municipalities, or its contacts (in Czech, Ukrainian, English).

Czech is matched on folded text (no diacritics, as people type it); Ukrainian and English on the lowercased
text. The patterns are general question shapes ("které obce patří do …", "which villages belong to …",
"які громади входять до …"), read only when the message names one MAS (`Places.named_mas`).
"""

from __future__ import annotations

import re

from kb.text import fold_lower

_PLACES_EN = r"(?:municipalit\w*|villages?|towns?|cities|communities|settlements?)"
_PLACES_UK = (
    r"(?:громад\w*|сел[оаиі]\w*|сіл\w*|міст(?:о|а|ах|ам|ами)?\b|містечк\w*|населен\w*\s+пункт\w*|муніципалітет\w*)"
)
_MEMBERS_CS = re.compile(
    r"\b(kolik|ktere|jake|seznam\w*|vsechny)\b.*\bob(?:ec|c)|\bob(?:ec|c\w*)\b.*\b(patri|spada\w*|jsou|v|ve|pod|do)\b"
)
_MEMBERS_OTHER = re.compile(
    # "which villages belong to MAS X", "list of municipalities in MAS X", "what towns does MAS X cover"
    rf"\b(?:which|what|how many|list of|all(?: the)?)\s+(?:\w+\s+)?{_PLACES_EN}\b"
    rf"|\b{_PLACES_EN}\b.*\b(?:belong\w*|fall\w* under|members? of|part of|covered by|are in|is in)\b"
    # "які громади входять до MAS X", "скільки сіл у MAS X", "населені пункти у складі MAS X"
    rf"|(?:^|\s)(?:які|яких|котрі|скільки|список|перелік|усі|всі)\s+(?:\w+\s+)?{_PLACES_UK}"
    rf"|{_PLACES_UK}.*(?:вход\w*|належ\w*|склад\w*)"
)
_CONTACT_OTHER = re.compile(
    r"\b(?:contacts?|phone|telephone|e-?mail|address|website|web ?site|reach|where is|located)\b"
    r"|(?:контакт\w*|телефон\w*|пошт\w*|адрес\w*|сайт\w*|зв.яза\w*|знаходит\w*|розташован\w*)"
)


def asks_members(text: str) -> bool:
    """The message asks which (or how many) municipalities belong to a MAS."""
    return _MEMBERS_CS.search(fold_lower(text)) is not None or _MEMBERS_OTHER.search(text.lower()) is not None


def asks_contact(text: str) -> bool:
    """The message asks a MAS's phone, e-mail, address, web or how to reach it, in Ukrainian or English
    (Czech contact questions are `QuestionKind.CONTACT`)."""
    return _CONTACT_OTHER.search(text.lower()) is not None
