"""Recognise free-text eligibility questions ("může naše obec dostat peníze na cyklostezku?").

Keyword rules on lower-cased text without diacritics, so "muze nase obec dostat penize" works too.
A question counts only when it asks about money (dotace, peníze, voucher, žádat, …); then the
applicant and the topic are each returned when recognised, otherwise `None`.
"""

from __future__ import annotations

import re

from kb.text import fold_lower

_MONEY = re.compile(
    r"\b(dotac\w*|penez\w*|penize|penizk\w*|voucher\w*|vouchr\w*|poukaz\w*|grant\w*|prispev\w*|"
    r"podpor\w*|financ\w*|zadat|zazadat|zadost\w*|vyzv\w*|dostat|dostanu|dostane\w*|dostaneme|"
    r"uver\w*|pujck\w*|zaplati\w*|uhradi\w*|proplati\w*|narok\w*|prost[rř]edk\w*|kac(?:ka|ky|ku|ek)|prachy)\b"
)

# Order matters: the first applicant rule that matches wins (more specific first).
_APPLICANT_RULES: list[tuple[str, str]] = [
    ("mas", r"\bmas\b|mistni akcni skupin"),
    ("svazek", r"\bsvazek\w*|\bsvazk\w*|\bdso\b|mikroregion\w*"),
    ("po", r"prispevkov\w* organizac\w*|\bprispevkovk\w*"),
    (
        "skola",
        r"\bskol(a|y|u|e|ou|ka|ky|ku|ce|ni|nim|ach|am)\b|\bzs\b|\bms\b|gymnazi\w*|univerzit\w*|"
        r"\bucilist\w*|\bskolk\w*|reditel\w* skoly",
    ),
    ("cirkev", r"\bcirk\w*|\bfarnost\w*|\bfarar\w*|\bsbor\w* (cb|cce)\b"),
    ("nno", r"\bspol(ek|ku|kem|ky|ku)\b|\bnno\b|neziskov\w*|\bnadac\w*|\bo\.?\s?p\.?\s?s\b|\bzapsan\w* ustav"),
    (
        "velky_podnik",
        r"velk\w* (podnik|firm|spolecnost|chemick|elektrarn|zavod|fabrik|zamestnavatel|investor)\w*|korporac\w*",
    ),
    ("osvc", r"zivnostni\w*|\bosvc\b|\bzivnost\w*|na volne noze|\bico\b|remeslni\w*|podnikam sam"),
    (
        "msp",
        r"\bfirm\w*|\bpodnik(y|u|em|ani)?\b|\bs\.?\s?r\.?\s?o\b|\bmsp\b|\bpodnikatel\w*|"
        r"mal\w* a stredn\w*|\bstart-?up\w*|\bspolecnost\w*|\bdruzstv\w*",
    ),
    ("kraj", r"\bjako kraj\b|\bkrajsk\w* urad\w*|\bkraj zada\w*"),
    (
        "obec",
        r"\bobec\b|\bobce\b|\bobci\b|\bobcich\b|\bmest(o|a|u|em|ys)\b|\bstarost\w*|\bradnic\w*|"
        r"zastupitel\w*|\bmestsk\w* urad|\bobecni\w*",
    ),
    (
        "obcan",
        r"\bobcan\w*|fyzick\w* osob\w*|\bdomacnost\w*|\brodin\w*|\bduchodc\w*|\bnezamestnan\w*|"
        r"\bzamestnan(ec|kyne|y)\b|\bpro me\b|\bmuzu\b|\bmohu\b|\bsoukrom\w* osob\w*|\brekvalifik\w*|"
        r"\bbarak\w*|\bv duchodu\b",  # "zateplit barák", "jsem v důchodu": a household
    ),
]

_TOPIC_RULES: list[tuple[str, str]] = [
    ("kreativni", r"kreativ\w*|\bdesign\w*|\bgrafi\w*|\bbranding\w*|\bux\b|\bvideo\w*|\bcopywrit\w*"),
    ("brownfieldy", r"brownfield\w*|opusten\w* areal\w*|z?chatra\w*|\bruin\w*|byval\w* (areal|tovarn|kasarn)\w*"),
    (
        "energie",
        r"fotovolt\w*|\bfve\b|solar\w*|energ\w*|zatepl\w*|tepeln\w* cerpad\w*|\boze\b|kotl\w*|\bkotel\b|"
        r"uspor\w* energi\w*|vodik\w*|baterie|elektromobil\w*",
    ),
    ("vzdelavani", r"rekvalifik\w*|\bkurz\w*|vzdelav\w*|skoleni\w*|\bucebn\w*|\bvycvik\w*"),
    ("priprava", r"projektov\w* dokumentac\w*|\bstudi(e|i)\b|uzemni plan\w*|priprav\w* projekt\w*|\bpd\b"),
    (
        "infrastruktura",
        r"cyklostez\w*|chodnik\w*|silnic\w*|infrastruktur\w*|\bcest(a|u|y)\b|komunikac\w*|"
        r"parkovist\w*|kanalizac\w*|vodovod\w*|verejn\w* osvetlen\w*",
    ),
    (
        "kultura_sport",
        r"kultur\w*|\bsport\w*|hrist\w*|muze(um|a|i)\w*|koupalist\w*|\bkemp\w*|\bpamat\w*|"
        r"telocvic\w*|divadl\w*|knihovn\w*|komunitni centr\w*",
    ),
    (
        "priroda",
        r"prirod\w*|krajin\w*|\bzelen\w*|\bstrom\w*|rybnik\w*|mokrad\w*|\bale(j|je)\b|\bsad\w*|"
        r"tuen\w*|biotop\w*|\bparku?\b",
    ),
    ("digitalizace", r"digital\w*|software\w*|\bweb\w*|e-?shop\w*|\bit\b|pocitac\w*|aplikac\w*|automatiz\w*"),
    ("socialni", r"social\w*|senior\w*|komunit\w*|\bbydleni\b|zamestnanost\w*|chudob\w*"),
    (
        "podnikani",
        r"podnikan\w*|inovac\w*|\bstroj\w*|technologi\w*|\bvyrob\w*|voucher\w*|rozvoj firm\w*|"
        r"start-?up\w*|provozovn\w*|zalozeni firm\w*|\bzivnost\w*",
    ),
]

_APPLICANTS = [(code, re.compile(rx)) for code, rx in _APPLICANT_RULES]
_TOPICS = [(code, re.compile(rx)) for code, rx in _TOPIC_RULES]
_TOPIC_BY_CODE = dict(_TOPICS)


def detect_applicant(text: str) -> str | None:
    """The applicant type a text names ("obyvatel (fyzická osoba)" → obcan), or None."""
    return _applicant(" ".join(fold_lower(text).split()))[0]


def mentions_topic(text: str, topic: str, question: str = "") -> bool:
    """Does the text speak of what the question asks under this topic code? The word that made the question's
    topic ("cyklostezku" → "cyklo…") must be in the text; without one, any word of the topic counts."""
    rule = _TOPIC_BY_CODE.get(topic)
    if rule is None:
        return False
    said = " ".join(fold_lower(text).split())
    asked = rule.search(" ".join(fold_lower(question).split()))
    if asked is not None:
        return asked.group(0)[:5] in said
    return rule.search(said) is not None


# Benefits paid by Úřad práce are not grants: "podpora v nezaměstnanosti" asks about the benefit.
_BENEFIT = re.compile(r"\bpodpor\w*\s+(v|pri)\s+(nezamestnanosti|rekvalifikaci)\b")


# "… peníze na opravu školy", "… na novou školku": what follows "na" is the thing paid for, not who applies.
_PAID_FOR = re.compile(r"\bna(?:\s+[a-z]+){0,2}\s+$")
# A school (or nursery) that is the thing paid for is a school project: the schooling calls fit it.
_TOPIC_OF_PAID_FOR = {"skola": "vzdelavani"}


def _applicant(text: str) -> tuple[str | None, str | None]:
    """(applicant, topic its paid-for mention implies): the first rule met outside a "na …" phrase wins;
    when every match is the thing paid for, the first rule met stays the applicant, as before."""
    found: list[tuple[str, bool]] = []
    for code, rx in _APPLICANTS:
        matches = list(rx.finditer(text))
        if matches:
            found.append((code, all(_PAID_FOR.search(text[: m.start()]) for m in matches)))
    subjects = [code for code, paid_for in found if not paid_for]
    implied = next((_TOPIC_OF_PAID_FOR[c] for c, paid_for in found if paid_for and c in _TOPIC_OF_PAID_FOR), None)
    if subjects:
        return subjects[0], implied
    return (found[0][0] if found else None), None


def _parts(question: str) -> tuple[bool, str | None, str | None]:
    text = " ".join(fold_lower(question or "").split())
    if _BENEFIT.search(text):
        return False, None, None
    applicant, implied = _applicant(text)
    topic = next((code for code, rx in _TOPICS if rx.search(text)), implied)
    return bool(_MONEY.search(text)), applicant, topic


def detect(question: str, previous: str | None = None) -> tuple[str | None, str | None]:
    """(applicant code, topic code) of a free-text eligibility question; (None, None) if it is none.

    With `previous` (a follow-up such as "A co na opravu hasičárny?" after "může obec dostat peníze na
    cyklostezku?"), what the follow-up does not say is taken from the question before it.
    """
    money, applicant, topic = _parts(question)
    if previous is not None:
        was_money, was_applicant, was_topic = _parts(previous)
        money, applicant, topic = money or was_money, applicant or was_applicant, topic or was_topic
    if not money or (applicant is None and topic is None):
        return None, None
    if topic is None and applicant in {"osvc", "msp"}:
        topic = "podnikani"  # "jsem živnostník, je nějaký voucher?" – business support by default
    return applicant, topic
