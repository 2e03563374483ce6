"""What kind of fact a question asks for (bot.intent.classify): it decides which sentence leads."""

from __future__ import annotations

import pytest

from bot.intent import QuestionKind, classify


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Kolik peněz dostane Ústecký kraj?", QuestionKind.AMOUNT),
        ("do kdy muzu podat zadost", QuestionKind.DATE),
        ("Kdo rozhoduje o strategických projektech?", QuestionKind.WHO),
        ("Kam mám zavolat kvůli rekvalifikaci?", QuestionKind.CONTACT),
        ("Co je OPST?", QuestionKind.DEFINITION),
        ("What is the Just Transition Fund?", QuestionKind.DEFINITION),
        ("What is the phone number of the Ústí Regional Authority?", QuestionKind.CONTACT),
        ("Co je kontakt na MAS Naděje?", QuestionKind.CONTACT),
        ("Může i velká firma žádat?", QuestionKind.YESNO),
        ("Jaký je rozdíl mezi FST a OPST?", QuestionKind.COMPARISON),
        ("Jaká je nejvyšší podpora v nezaměstnanosti?", QuestionKind.AMOUNT),
        ("jaka je vyse dotace na fotovoltaiku", QuestionKind.AMOUNT),
        ("Jaký je nejvyšší orgán OPST?", QuestionKind.OTHER),
        ("Jakou datovou schránku má Ústecký kraj?", QuestionKind.CONTACT),
    ],
)
def test_the_kind_of_fact_asked_for(question: str, kind: QuestionKind) -> None:
    assert classify(question) is kind
