"""What kind of fact a question asks for (bot.intent.classify): it decides which sentence leads."""

from __future__ import annotations

import pytest

from bot.compose import KIND_BONUS, _kind_bonus, carries_kind, counted_thing
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
        ("mohl jsem dostat víc voucherů najednou?", QuestionKind.YESNO),
        ("Šel voucher použít na nový stroj?", QuestionKind.YESNO),
        ("Dalo se z toho zaplatit i auto?", QuestionKind.YESNO),
        ("Jaký je rozdíl mezi FST a OPST?", QuestionKind.COMPARISON),
        ("Jaká je nejvyšší podpora v nezaměstnanosti?", QuestionKind.AMOUNT),
        ("jaka je vyse dotace na fotovoltaiku", QuestionKind.AMOUNT),
        ("Jaký je nejvyšší orgán OPST?", QuestionKind.OTHER),
        ("Jakou datovou schránku má Ústecký kraj?", QuestionKind.CONTACT),
        ("tel na kraj? potrebuju se zeptat", QuestionKind.CONTACT),
        ("kde najdu seznam vyzev", QuestionKind.CONTACT),  # where to look: a website, an office
        ("Kde sídlí ICUK?", QuestionKind.CONTACT),
        ("a kde sidli?", QuestionKind.CONTACT),
        ("Kde se dozvím o nových výzvách?", QuestionKind.CONTACT),
        ("Kde najít rekvalifikační kurzy a jak se přihlásit", QuestionKind.PROCEDURE),
        ("Where can I find the list of MAS in the region?", QuestionKind.CONTACT),
        ("where to find retraining courses", QuestionKind.CONTACT),
        ("Де можна дізнатися про нові конкурси?", QuestionKind.CONTACT),
        ("Where is the money from the fund going?", QuestionKind.OTHER),
        ("Které MAS spolupracují v projektu Animace?", QuestionKind.LIST),
        ("ktery masky v tom jedou?", QuestionKind.LIST),
        ("Jaké strategické projekty doporučila RSK?", QuestionKind.LIST),
        ("Which MAS take part in the project?", QuestionKind.LIST),
        ("Jaké je heslo fondu?", QuestionKind.OTHER),  # one thing, not a list
        ("Který úřad řídí OPST?", QuestionKind.WHO),
    ],
)
def test_the_kind_of_fact_asked_for(question: str, kind: QuestionKind) -> None:
    assert classify(question) is kind


@pytest.mark.parametrize(
    ("question", "said", "carried"),
    [
        ("kolik těch vodíkových autobusů bude jezdit", "Projekt počítá s nákupem 20 vodíkových autobusů.", True),
        ("kolik těch vodíkových autobusů bude jezdit", "Stanice bude stát v roce 2027 u 3 hal.", False),
        ("kolik dával kraj začínajícím podnikatelům", "Podpora začínajících podnikatelů: 50–200 tis. Kč.", True),
        ("kolik dával kraj začínajícím podnikatelům", "Program vznikl v roce 2023.", False),
    ],
)
def test_a_how_many_question_needs_a_figure_of_what_it_counts(question: str, said: str, carried: bool) -> None:
    """Words between "kolik" and the counted thing are skipped; "kolik dával" asks for money."""
    assert carries_kind(QuestionKind.AMOUNT, said, question) is carried


def test_the_figure_of_the_counted_thing_leads_a_how_many_answer() -> None:
    assert counted_thing("kolik těch mas je u nás v kraji") == "mas"
    assert counted_thing("kolik mi dají na přeškolení") is None  # money, or no noun: any amount
    assert _kind_bonus(QuestionKind.AMOUNT, "V Ústeckém kraji působí 9 MAS.", set(), set(), "mas") == KIND_BONUS
    assert _kind_bonus(QuestionKind.AMOUNT, "MAS pokrývají 89,8 % obcí.", set(), set(), "mas") < KIND_BONUS
