"""Free-text eligibility questions → (applicant, topic) codes; other questions → (None, None)."""

from __future__ import annotations

import pytest

from bot.eligibility import detect

CASES = [
    ("může naše obec dostat peníze na cyklostezku?", ("obec", "infrastruktura")),
    ("muze nase obec dostat penize na cyklostezku", ("obec", "infrastruktura")),
    ("jsem živnostník z Žatce, je nějaký voucher?", ("osvc", "podnikani")),
    ("jsem zivnostnik ze Zatce, je nejaky voucher?", ("osvc", "podnikani")),
    ("Chceme jako spolek dotaci na hřiště", ("nno", "kultura_sport")),
    ("Je dotace na fotovoltaiku pro obec do 3000 obyvatel?", ("obec", "energie")),
    ("Může mi úřad práce zaplatit rekvalifikaci?", ("obcan", "vzdelavani")),
    ("Naše firma chce dotaci na opuštěný areál (brownfield)", ("msp", "brownfieldy")),
    ("v obci nam chatra stary kravin, je na to dotace?", ("obec", "brownfieldy")),
    ("Mikroregion hledá peníze na studii proveditelnosti", ("svazek", "priprava")),
    ("Může farnost žádat o příspěvek na opravu památky?", ("cirkev", "kultura_sport")),
    ("Dá se získat grant na design webu pro město?", ("obec", "kreativni")),
    ("Jsme MAS, můžeme žádat o kreativní voucher?", ("mas", "kreativni")),
    ("Jakou podporu může dostat škola na digitalizaci výuky?", ("skola", "digitalizace")),
    ("dotace na zeleň a rybník v obci", ("obec", "priroda")),
    ("Je nějaká dotace na zateplení?", (None, "energie")),
]


@pytest.mark.parametrize(("question", "expected"), CASES)
def test_detects(question: str, expected: tuple[str | None, str | None]) -> None:
    assert detect(question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "Jaká je alokace OPST pro Ústecký kraj?",
        "Kdo je předseda RSK?",
        "Co je to spravedlivá transformace?",
        "Ke které MAS patří Žatec?",
        "Jaká je nejvyšší podpora v nezaměstnanosti v roce 2026?",
        "muzu dostat podporu v nezamestnanosti kdyz jsem osvc?",
        "",
        "   ",
    ],
)
def test_other_questions_are_not_eligibility(question: str) -> None:
    assert detect(question) == (None, None)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("muze obec dostat penize na opravu skoly", ("obec", "vzdelavani")),
        ("Může obec dostat peníze na rekonstrukci školy?", ("obec", "vzdelavani")),
        ("dotace na novou školku pro obec", ("obec", "vzdelavani")),
        ("jsme škola, můžeme žádat o dotaci na fotovoltaiku?", ("skola", "energie")),
        ("může škola dostat peníze na učebnu?", ("skola", "vzdelavani")),
    ],
)
def test_a_school_that_is_paid_for_is_the_topic_not_the_applicant(
    question: str, expected: tuple[str | None, str | None]
) -> None:
    assert detect(question) == expected


def test_slang_for_money_asks_about_money() -> None:
    assert detect("je nejaka kacka pro firmy na stroje?") == ("msp", "podnikani")
