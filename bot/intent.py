"""What a question asks for — an amount, a date, a body, a contact, steps, a definition, yes or no.

The answer composer leads with the sentence or list that carries that kind of fact. Rules run on
the lowercased text without diacritics, so "do kdy" and "Do kdy" and "do kdý" are the same; a few
English and Ukrainian question words are recognised too, for questions in those languages.
"""

from __future__ import annotations

import re
from enum import StrEnum

from kb.text import fold_lower


class QuestionKind(StrEnum):
    AMOUNT = "amount"  # kolik, jak vysoká, částka
    DATE = "date"  # kdy, do kdy, od kdy, termín
    WHO = "who"  # kdo, který úřad, kdo rozhoduje
    CONTACT = "contact"  # kam, kde, telefon, e-mail, adresa
    PROCEDURE = "procedure"  # jak, postup, co mám udělat
    DEFINITION = "definition"  # co je, co znamená
    YESNO = "yesno"  # může, mohu, lze, dostanu, je … ?
    COMPARISON = "comparison"  # rozdíl mezi
    PURPOSE = "purpose"  # na co, k čemu, co dělá / financuje, na jaká témata
    LIST = "list"  # které / jaké (+ plural): the answer names several things
    OTHER = "other"
    # Not questions for the documents:
    FUNDING = "funding"  # "can we get money for X" – answered from the calls table
    CURATED = "curated"  # matched a staff-written answer
    PLACE = "place"  # a municipality name alone, or "who helps in X"
    GREETING = "greeting"
    THANKS = "thanks"
    EMPTY = "empty"


_RULES: list[tuple[QuestionKind, re.Pattern[str]]] = [
    (
        QuestionKind.DEFINITION,
        re.compile(
            r"^\W*(a\s+)?(co\s+(to\s+)?((vlastne|presne|tedy|teda|tak)\s+)?(je|jsou|znamena|znamenaji|znamena\s+zkratka|se\s+mysli)|"
            r"co\s+je\s+to|what\s+(is|are|does\s+\S+\s+mean)|що\s+таке|що\s+це|что\s+такое)\b"
        ),
    ),
    (QuestionKind.COMPARISON, re.compile(r"\b(rozdil\w*|lisi\s+se|srovna\w*|difference|різниц\w*|отлич\w*)\b")),
    (
        QuestionKind.AMOUNT,
        re.compile(
            r"\b(kolik\w*|jak\s+(vysok|velk)\w*|castk\w*|alokac\w*|procent\w*|how\s+much|how\s+many|"
            r"vys[ei]\s+(podpor|dotac|prispev|davk|voucher|uver|pujck)\w*|"
            r"(nejvyssi|nejnizsi|maximalni|minimalni)\s+(mozn\w+\s+)?(podpor|dotac|prispev|davk|castk|voucher|uver|pujck)\w*|"
            r"percent\w*|скільки|сколько|яку\s+суму|відсот\w*|процент\w*)"
        ),
    ),
    (
        QuestionKind.DATE,
        re.compile(
            r"\b(do\s+kdy|od\s+kdy|kdy\b|dokdy|termin\w*|uzaverk\w*|deadline|lhut\w*|until\s+when|when\b|"
            r"коли|до\s+якого|когда)"
        ),
    ),
    (
        QuestionKind.CONTACT,
        re.compile(
            r"\b(telefon\w*|tel\b|cislo\s+na|e-?mail\w*|mail\b|kontakt\w*|adres\w*|zavolat|napsat|datov\w+\s+schrank\w*|"
            r"sidl[oi]\b|sidlem\b|"
            r"contact|phone|address|e-?mail|контакт\w*|телефон\w*|адрес\w*)"
            # "Where can I find the open calls?": the answer is where to look (a website, an office).
            r"|\bkde\s+(se\s+)?(to\s+)?(muzu\s+|muzeme\s+|da\s+)?(najdu|najdeme|najit|zjistim|zjistit|dozvim|dozvime|"
            r"dozvedet|podivat|sledovat|hledat|ziskam|ziskat|overit|overim)\b(?!.*\ba\s+jak\b)|"  # "… a jak": steps
            r"\bwhere\s+(can|could|do|should)\s+(i|we|one|you)\s+(find|look|check|learn|see)\b|\bwhere\s+to\s+(find|look)\b|"
            r"\bде\s+(можна\s+|я\s+можу\s+|ми\s+можемо\s+)?(знайти|знайду|дізнат\w*|подивит\w*|шукати)"
        ),
    ),
    (
        QuestionKind.WHO,
        re.compile(
            r"^\W*(a\s+)?(kdo|ktery\s+(urad|organ|instituce|ministerstvo)|ktera\s+(instituce|organizace|mas)|"
            r"jaka\s+(instituce|organizace)|who|хто|кто)\b|\bkdo\s+(rozhoduje|ridi|schvaluje|vybira|muze|smi)\b"
        ),
    ),
    (
        QuestionKind.PURPOSE,
        re.compile(
            r"^\W*(a\s+)?na\s+co\b|\bna\s+co\s+(vsechno\s+)?(je|jsou|byl\w*|jde|lze|se\s+da|slouz\w*|pouzit|vyuzit)|"
            r"\bk\s+cemu\b|\bco\s+(vsechno\s+)?(dela|delaji|delal\w*|financuj\w*|podporuj\w*|plati|hradi|pokryv\w*|"
            r"zahrnuj\w*|resi|zajistuj\w*|nabiz\w*)\b|\b(na\s+)?jak\w*\s+(temata|oblasti|ucely)\b|"
            r"\bwhat\s+(does|do|did)\b.*\b(do|fund|support|pay|cover)\b|\bwhat\s+for\b|на\s+що|\bдля\s+чого|"
            r"що\s+(фінансує|робить|підтримує|покриває)"
        ),
    ),
    (
        QuestionKind.LIST,
        re.compile(
            # "Které MAS…", "jaké projekty…", colloquial "který masky…"; not "Jaké je heslo…" (one thing)
            r"^\W*(a\s+)?((ktere|jake|kteri|jaci)\s+(?!je\b|byl\w*\b|bude\b|ma\b|mel\w*\b)\w+|"
            r"(ktery|jaky)\s+(?!je\b|byl\w*\b|bude\b|ma\b|mel\w*\b)\w+[yie]\b)|"
            r"\bvyjmenuj\w*|\bseznam\w*|^\W*which\b|^\W*what\s+\w+\s+(are|were)\b|^\W*(які|яки|перелік)\b"
        ),
    ),
    (
        QuestionKind.PROCEDURE,
        re.compile(
            r"\b(jak\s+(mam|mame|muzu|muzeme|se|zacit|postupovat|zazadat|podat|ziskat|na\s+to)|jak\b|postup\w*|"
            r"co\s+(mam|mame|musim|musime)\s+(udelat|delat|doložit|dolozit)|kroky|how\s+(do|can|to)|як\b|как\b)"
        ),
    ),
    (
        QuestionKind.YESNO,
        re.compile(
            r"^\W*(a\s+)?(muze|muzou|mohou|muzu|mohu|muzeme|muzete|lze|da\s+se|dostanu|dostane|dostaneme|"
            r"je|jsou|ma|maji|mam|plati|zaplati|hradi|uhradi|existuje|podporuje|podporuji|ridi|bude|budou|smi|"
            r"smim|musi|musim|jde|nejde|neni|nemuze|nema|mohl[aiy]?|nemohl[aiy]?|sel|sla|slo|neslo|dalo\s+se|slo\s+by|"
            r"can|is|are|does|do|will|чи|можу|може|можна|є)\b"
            r"|,\s*(ne|ze|vid|jo|nebo\s+ne|right|isn't\s+it)\s*\?+\s*$"  # "…, ne?": a tag question
        ),
    ),
]


_CONTACT = dict(_RULES)[QuestionKind.CONTACT]


def classify(question: str) -> QuestionKind:
    """The kind of fact a question asks for (OTHER when no rule applies)."""
    text = " ".join(fold_lower(question).split())
    for kind, rule in _RULES:
        if rule.search(text):
            # "What is the phone number of …", "Co je kontakt na MAS?": a contact, not a definition.
            if kind is QuestionKind.DEFINITION and _CONTACT.search(text):
                return QuestionKind.CONTACT
            return kind
    return QuestionKind.OTHER


_FOLLOWUP_START = re.compile(
    r"^\W*(a|i|ale|a\s+co|a\s+kdyz|a\s+jak|a\s+kam|a\s+kolik|a\s+kdy|a\s+kde|a\s+pro|a\s+na|and|what\s+about|а|і|и)\b"
)


def looks_like_followup(question: str) -> bool:
    """A short continuation ("a kam mám jít?", "A co na opravu hasičárny?") that needs the previous question."""
    text = " ".join(fold_lower(question).split())
    words = re.findall(r"\w+", text)
    return bool(_FOLLOWUP_START.match(text)) or 0 < len(words) <= 3
