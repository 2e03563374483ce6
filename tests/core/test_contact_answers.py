"""Contact and everyday-word questions over the real knowledge: the asked channel leads, a named MAS gets its card."""

from __future__ import annotations

import pytest

from bot.intent import QuestionKind
from index.chunks import split_sentences


@pytest.mark.parametrize(
    "question",
    ["jaký je telefon na krajský úřad kvůli transformaci?", "tel na kraj? chci se zeptat na OPST"],
)
def test_a_phone_question_leads_with_the_number(engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.confident
    assert "475 657 111" in " ".join(split_sentences(answer.body)[:2])


@pytest.mark.parametrize("question", ["tel na MAS Vladař", "jaký je telefon na masku Vladař?", "MAS Vladař"])
def test_a_named_mas_gets_its_own_card_never_another_mas_number(engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.kind is QuestionKind.PLACE and answer.place_lead
    assert "vladar.cz" in answer.text
    assert "775 250 233" not in answer.text  # MAS Naděje's phone


def test_which_municipalities_a_mas_serves_comes_from_the_table(engine) -> None:
    answer = engine.answer("Které obce patří do MAS Naděje?")
    assert answer.kind is QuestionKind.PLACE
    assert "Lišnice" in answer.text and "nemusí být úplný" in answer.text


def test_a_question_naming_a_municipality_and_its_mas_gets_the_municipality_card(engine) -> None:
    answer = engine.answer("Patří Žatec do MAS Vladař?")
    assert answer.place is not None and answer.place.obec is not None and answer.place.obec.name == "Žatec"


def test_where_does_a_town_belong_gets_its_card(engine) -> None:
    answer = engine.answer("kam patří Bílina?")
    assert answer.place_lead and answer.place is not None and answer.place.obec is not None
    assert answer.place.obec.name == "Bílina"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("kdo kývne na peníze pro ty velké projekty?", "Výběrová komise"),
        ("chátrá nám fara, jde na ni dotace?", "brownfield"),
        ("kolik dostanu penez na pracaku behem preskoleni?", "Kč"),
    ],
)
def test_everyday_words_find_the_documents_answer(engine, question: str, expected: str) -> None:
    answer = engine.answer(question)
    assert answer.confident and expected in answer.body


def test_a_contact_question_naming_no_mas_gets_no_single_mas_number(engine) -> None:
    answer = engine.answer("kam můžu zavolat nebo napsat kvůli OPST?")
    assert answer.confident and "MAS Naděje" not in answer.body


@pytest.mark.parametrize(
    "question",
    ["Kolik MAS je v Karlovarském kraji?", "Jaký je plat ředitele ICUK?", "Kdo je ředitel úřadu práce v Mostě?"],
)
def test_a_question_the_nearby_passages_do_not_answer_gets_nevim(engine, question: str) -> None:
    assert not engine.answer(question).confident


def test_a_bare_name_without_diacritics_gets_the_czech_card_unless_the_user_reads_another_language(engine) -> None:
    assert engine.answer("Zatec").lang == "cs" and engine.answer("Zatec").place_lead
    assert engine.answer("Zatec", lang_hint="en").lang == "en"


def test_a_bare_municipality_name_in_czech_gets_its_czech_card_as_always(engine) -> None:
    answer = engine.answer("Bílina")
    assert answer.place_lead and answer.place is not None and answer.lang == "cs"
    assert answer.text == answer.place.message


@pytest.mark.parametrize(
    ("question", "mas"),
    [
        ("контакти МАС Владар", "MAS Vladař"),
        ("телефон МАС Подріпско", "Podřipsko"),
        ("контакты МАС Чешский север", "Český sever"),
    ],
)
def test_a_mas_named_in_cyrillic_gets_its_contact_card_in_ukrainian(engine, question: str, mas: str) -> None:
    answer = engine.answer(question)
    assert answer.place_lead and answer.lang == "uk" and answer.text.startswith("Контакти")
    assert mas in answer.text


@pytest.mark.parametrize("question", ["Blatno", "z Blatna"])
def test_a_bare_name_two_municipalities_share_asks_which_one(engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.place_lead and answer.kind is QuestionKind.PLACE and answer.confident
    assert "Blatno (okres Chomutov)" in answer.text and "Blatno (okres Louny)" in answer.text
    assert "nemám spolehlivou odpověď" not in answer.text


@pytest.mark.parametrize("question", ["Білина", "з Білини", "я живу в місті Білина"])
def test_a_bare_municipality_name_in_cyrillic_gets_its_card_in_ukrainian(engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.place_lead and answer.kind is QuestionKind.PLACE and answer.lang == "uk"
    assert answer.text.startswith("Для населеного пункту Bílina (округ Teplice)")
    assert "На жаль" not in answer.text and "чеською" not in answer.text


@pytest.mark.parametrize("question", ["I live in Zatec", "from Zatec"])
def test_a_place_name_introduced_in_english_gets_its_card_in_english(engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.place_lead and answer.lang == "en"
    assert answer.text.startswith("Žatec (Louny district) belongs to the local action group (MAS) MAS Vladař")


def test_a_question_about_a_place_in_english_is_not_a_bare_name(engine) -> None:
    answer = engine.answer("is it raining in Bilina today")
    assert not answer.place_lead


@pytest.mark.parametrize(
    ("question", "lang", "opening"),
    [
        ("phone of MAS Naděje", "en", "Contacts of MAS Naděje o.p.s."),
        ("контакт на MAS Vladař", "uk", "Контакти MAS Vladař o.p.s."),
        ("which MAS is Bílina in?", "en", "We have not verified the local action group (MAS) of Bílina"),
        ("who can help me with a project in Zatec?", "en", "Žatec (Louny district) belongs to"),
        ("хто допоможе з проєктом у Жатці?", "uk", "Населений пункт Žatec (округ Louny) належить"),
    ],
)
def test_a_card_is_written_in_the_askers_language_without_the_czech_documents_intro(
    engine, question: str, lang: str, opening: str
) -> None:
    answer = engine.answer(question)
    assert answer.place_lead and answer.lang == lang and answer.intro is None
    assert answer.text.startswith(opening)


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("which municipalities belong to MAS Vladař?", "According to our verified data, these municipalities"),
        ("які громади входять до MAS Naděje?", "За нашими перевіреними даними до MAS Naděje належать"),
        ("які громади входять до МАС Надія?", "За нашими перевіреними даними до MAS Naděje належать"),
    ],
)
def test_the_members_question_in_english_and_ukrainian_gets_the_members_card(
    engine, question: str, opening: str
) -> None:
    answer = engine.answer(question)
    assert answer.kind is QuestionKind.PLACE and answer.text.startswith(opening)
    assert answer.to_json()["mas"] is not None


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("kdo pomůže naší vesnici u Chomutova s dotacemi?", "Rozumím, že jde o okres Chomutov"),
        ("who helps our village near Chomutov with grants?", "I understand you mean the Chomutov district"),
        ("хто допоможе нашому селу біля Хомутова з грантами?", "Я зрозумів, що йдеться про округ Chomutov"),
    ],
)
def test_a_village_near_a_town_gets_the_okres_card_not_the_towns(engine, question: str, opening: str) -> None:
    answer = engine.answer(question)
    assert answer.place_lead and answer.text.startswith(opening)


def test_a_municipality_named_with_u_keeps_its_own_card(engine) -> None:
    assert engine.answer("kdo poradí obci Lom u Mostu?").text.startswith("Obec Lom (okres Most) patří")


def test_an_address_question_is_not_shadowed_by_an_off_topic_example_about_the_same_office(engine) -> None:
    # "Kolik vydělávají úředníci na krajském úřadě?" is an off-topic example; the address is in the documents.
    answer = engine.answer("Kde sídlí krajský úřad?")
    assert answer.confident and "Velká Hradební 3118/48" in answer.body
