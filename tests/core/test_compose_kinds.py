"""Does a quoted sentence carry the kind of fact asked for (bot.compose.carries_kind)?"""

from __future__ import annotations

import pytest

from bot.compose import (
    _kind_bonus,
    _list_commas,
    _lists_names,
    _locally_weighted,
    _same_fact,
    _with_negated,
    asked_channels,
    asked_use,
    asks_money,
    carries_kind,
    counted_thing,
    with_note,
)
from bot.intent import QuestionKind
from index.analyzer import analyze


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Kolik dává kraj začínajícím podnikatelům?", "Kraj dává začínajícím podnikatelům 50–200 tis. Kč."),
        ("kolik dava opst na animaci", "Projekt má rozpočet 46 473 750 Kč."),
        ("Kolik měla 79. výzva?", "Výzva měla alokaci 450 000 000 Kč."),
        ("Kolik obyvatel má Most?", "Most má 65 000 obyvatel."),
        ("Kolik peněz dostane kraj?", "Kraj dostane 15,8 mld. Kč."),
    ],
)
def test_a_figure_of_the_asked_kind_answers(question: str, sentence: str) -> None:
    assert carries_kind(QuestionKind.AMOUNT, sentence, question)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Kolik dává kraj začínajícím podnikatelům?", "V kraji působí 9 MAS."),  # "dává": money is asked
        ("Kolik obyvatel má Most?", "Most leží 20 km od Chomutova."),
        ("Kolik peněz dostane kraj?", "Kraj má 7 okresů."),
    ],
)
def test_another_figure_does_not_answer(question: str, sentence: str) -> None:
    assert not carries_kind(QuestionKind.AMOUNT, sentence, question)


def test_a_data_box_is_a_contact() -> None:
    assert carries_kind(QuestionKind.CONTACT, "Datová schránka kraje: t9zbsva.")


def test_a_contact_question_naming_its_channel_prefers_that_channel() -> None:
    channels = asked_channels("tel na kraj? potrebuju se zeptat")
    phone = _kind_bonus(QuestionKind.CONTACT, "Telefon je +420 475 657 111.", set(), set(), channels=channels)
    web = _kind_bonus(QuestionKind.CONTACT, "Program má web www.opst.cz.", set(), set(), channels=channels)
    assert phone > 0 > web


def test_a_contact_question_without_a_channel_takes_any_contact() -> None:
    assert asked_channels("Kam se můžu obrátit s dotazem na OPST?") == ()
    assert _kind_bonus(QuestionKind.CONTACT, "Program má web www.opst.cz.", set(), set()) > 0


def test_asides_and_decimal_commas_list_nothing() -> None:
    assert _list_commas("Fond (FST, anglicky Just Transition Fund, JTF) je fond EU pro regiony, které trpí.") == 1
    assert _list_commas("Fond má 17,5 mld. EUR, nebo 19,32 mld. EUR.") == 1
    assert _list_commas("Partneři jsou MAS Vladař, MAS Naděje, MAS Podřipsko a další.") == 2


def test_a_which_ones_question_prefers_the_sentence_that_names_several() -> None:
    listing = "Partnery projektu je 9 MAS v kraji: MAS Český sever, MAS Vladař, MAS Podřipsko."
    single = "Nositelem projektu je Krajské sdružení NS MAS ČR."
    assert _kind_bonus(QuestionKind.LIST, listing, set(), set()) > _kind_bonus(QuestionKind.LIST, single, set(), set())


def test_a_money_question_is_answered_by_crowns_not_by_a_head_count() -> None:
    question = "kolik mi dají na přeškolení"
    crowns = "Úřad práce může zaplatit kurzy až do 50 000 Kč."
    heads = "V 1. čtvrtletí 2025 bylo v rekvalifikaci 14 926 klientů, o 68 % více než rok předtím."
    assert _kind_bonus(QuestionKind.AMOUNT, crowns, set(), set(), money=asks_money(question)) > 0
    assert _kind_bonus(QuestionKind.AMOUNT, heads, set(), set(), money=asks_money(question)) < 0


def test_a_percentage_question_is_answered_by_a_share_not_by_a_sum() -> None:
    share = "Kolik procent výdajů dotace pokryje, určuje každá výzva; voucher kryl nejvýše 80 %."
    crowns = "Centrum stojí 1 119 382 986 Kč a očekávaná dotace je 951 475 538 Kč."
    assert _kind_bonus(QuestionKind.AMOUNT, share, set(), set(), percent=True) > 0
    assert _kind_bonus(QuestionKind.AMOUNT, crowns, set(), set(), percent=True) < 0


def test_how_high_is_the_support_asks_for_money() -> None:
    assert asks_money("Jak vysoká je podpora v nezaměstnanosti?")
    assert asks_money("jak vysoka byla dotace na zatepleni")
    assert not asks_money("Jak vysoká je nezaměstnanost v kraji?")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Dává 50 000 Kč, až 85 % nákladů.", "Dává 50 000 Kč, až 85 % nákladů (údaj k 5/2024)."),
        ("Projekt stojí 1,2 mld.", "Projekt stojí 1,2 mld. (údaj k 5/2024)."),  # an abbreviation keeps its dot
        ("Kolik stojí?", "Kolik stojí (údaj k 5/2024)?"),
        ("Dával 50 000 Kč (údaj z roku 2023).", "Dával 50 000 Kč (údaj z roku 2023)."),  # already dated
    ],
)
def test_an_age_note_goes_inside_the_sentence(sentence: str, expected: str) -> None:
    assert with_note(sentence, "údaj k 5/2024") == expected


def test_a_word_about_phones_is_not_a_phone_number() -> None:
    channels = asked_channels("jaký je telefon na krajský úřad?")
    pointer = "Adresy a telefony kontaktních pracovišť najdete na webu uradprace.cz."
    assert _kind_bonus(QuestionKind.CONTACT, pointer, set(), set(), channels=channels) < 0


def test_a_negated_word_speaks_of_the_asked_word() -> None:

    terms = _with_negated(set(analyze("Projekt je neinvestiční.")))
    assert set(analyze("investiční")) <= terms
    assert _with_negated({"nejak"}) == {"nejak"}  # too short to be a negation of anything asked


def test_a_question_word_every_retrieved_sentence_shares_weighs_less_than_the_asked_detail() -> None:
    sentences = [{"voucher", "firm"}, {"voucher", "stroj"}, {"voucher", "termín"}, {"voucher"}]
    weights = _locally_weighted({"voucher": 2.0, "stroj": 2.0}, sentences)
    assert weights["stroj"] > weights["voucher"] > 0
    assert _locally_weighted({"voucher": 2.0}, []) == {"voucher": 2.0}


@pytest.mark.parametrize(
    ("question", "paid_for"),
    [
        ("Dá se kreativním voucherem zaplatit nový web?", "web"),
        ("Šel voucher použít na nový stroj do dílny?", "stroj"),
        ("je dotace na fotovoltaiku pro obec?", "fotovoltaiku"),
    ],
)
def test_what_the_money_would_pay_for_is_the_asked_detail(question: str, paid_for: str) -> None:
    assert set(analyze(paid_for)) <= asked_use(question)


def test_a_question_word_after_na_names_nothing_paid_for() -> None:
    assert asked_use("Na co byla 40. výzva?") == set()
    assert asked_use("Kdo rozhoduje o penězích?") == set()


def test_the_same_advice_from_two_documents_is_said_once() -> None:
    assert _same_fact(
        "Nové výzvy sledujte na opst.cz a ptejte se své MAS.",
        "Nové výzvy sledujte na opst.cz, na webu Ústeckého kraje a na icuk.cz.",
    )
    assert not _same_fact(
        "Nové výzvy sledujte na opst.cz a ptejte se své MAS.",
        "Nové výzvy vyhlašuje ministerstvo životního prostředí dvakrát ročně.",
    )


def test_a_list_of_names_does_not_say_what_they_do() -> None:
    assert _lists_names("V kraji působí 9 MAS: MAS Cínovecko, o.p.s.; MAS Český sever, z.s.; MAS Naděje o.p.s.")
    assert not _lists_names("FST financuje malé podniky, výzkum a inovace, čistou energii a rekvalifikace.")
    assert _kind_bonus(QuestionKind.PURPOSE, "V kraji jsou: MAS Vladař, MAS Naděje, SERVISO.", set(), set()) == 0.0


@pytest.mark.parametrize(
    "question",
    [
        "kolik se dalo dostat z kreativního voucheru?",
        "kolik se dá získat na rekvalifikaci",
        "Kolik dá stát na lithium?",
    ],
)
def test_kolik_with_a_modal_or_a_verb_of_getting_asks_for_money(question: str) -> None:
    assert asks_money(question) and counted_thing(question) is None


def test_a_sentence_about_something_in_it_needs_the_sentence_that_names_it() -> None:
    from bot.compose import _ANAPHORA

    assert _ANAPHORA.search("Zasedají v něm zástupci řídicího orgánu, SFŽP a krajů.")
    assert not _ANAPHORA.search("Zasedání výboru se konalo v Ústí nad Labem.")
