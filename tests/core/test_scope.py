"""What lies outside the knowledge (bot.scope): other regions, someone else's past receipts, unknown names."""

from __future__ import annotations

from typing import Any

import pytest

from bot.intent import QuestionKind
from bot.scope import (
    asked_noun,
    asked_pair_apart,
    asked_phrase,
    asks_current_holder_of_former,
    asks_past_award,
    asks_unknown_thing,
    asks_unquoted_call,
    asks_unquoted_thing,
    asks_unquoted_time,
    call_numbers,
    outside_scope,
    purpose_terms,
    says_more_than_a_place,
    unknown_measured,
    unknown_names,
    unknown_phrases,
    unquoted_price,
    unquoted_purpose,
    word_pairs,
)
from index.analyzer import analyze


def _terms(text: str) -> list[str]:
    return analyze(text)


def test_a_region_named_only_in_passing_does_not_answer_what_was_asked_about_it() -> None:
    question = "Jaké dotace na školy chystá Moravskoslezský kraj?"
    passing = ["Sesterské výzvy měly 30 mil. Kč pro Karlovarský kraj a 50 mil. Kč pro Moravskoslezský kraj."]
    about = ["Moravskoslezský kraj chystá dotace na vybavení škol."]
    assert outside_scope(question, passing, _terms(question))
    assert not outside_scope(question, about, _terms(question))


def test_a_region_the_quote_never_names_is_outside_the_scope() -> None:
    question = "Kolik peněz dostalo Polsko?"
    assert outside_scope(question, ["Ústecký kraj má 15,8 mld. Kč."], _terms(question))


def test_an_asked_figure_next_to_the_region_answers_a_kolik_question() -> None:
    question = "Kolik z FST má Karlovarský kraj?"
    sentence = ["Podle zpráv má Karlovarský kraj 6,2 mld. Kč."]
    assert outside_scope(question, sentence, _terms(question))  # no shared word, no figure check
    assert not outside_scope(question, sentence, _terms(question), carries=lambda s: "mld" in s)


def test_without_terms_naming_the_region_is_enough() -> None:
    question = "Kolik z fondu dostane Polsko?"
    assert not outside_scope(question, ["Česko je čtvrté, za Polskem a Německem."])
    assert outside_scope(question, ["Česko je čtvrté, za Polskem a Německem."], _terms(question))
    assert not outside_scope("Kolik dostane Ústecký kraj?", ["Cokoli."], _terms("Kolik dostane Ústecký kraj?"))


def test_a_regions_total_does_not_answer_what_it_got_for_one_purpose() -> None:
    question = "Kolik peněz dostal Karlovarský kraj z FST na vodík?"
    total = ["Podle zpráv má Karlovarský kraj z FST 6,2 mld. Kč."]
    for_hydrogen = ["Karlovarský kraj dostal z FST na vodík 300 mil. Kč."]
    assert outside_scope(question, total, _terms(question), carries=lambda s: "Kč" in s)
    assert not outside_scope(question, for_hydrogen, _terms(question), carries=lambda s: "Kč" in s)


def test_pro_before_the_region_itself_is_no_purpose() -> None:
    question = "O kolik navýšili 39. výzvu pro Karlovarský kraj?"
    sentence = ["39. výzvu pro Karlovarský kraj navýšili o 400 mil. Kč."]
    assert not outside_scope(question, sentence, _terms(question))


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Jaká je alokace výzvy 250 OPST?", {250}),
        ("kdy bude vyhlasena vyzva c. 412", {412}),
        ("Do kdy běží 95. výzva a výzva číslo 23?", {95, 23}),
        ("Výzva OPST č. 23 byla vyhlášena 31. 5. 2023.", {23}),
        ("Kolik je ve výzvách pro rok 2026?", set()),
    ],
)
def test_call_numbers_in_any_spelling(text: str, numbers: set[int]) -> None:
    assert call_numbers(text) == numbers


def test_a_call_the_quote_never_names_is_not_answered_by_it() -> None:
    quote = "Na úspory energie je 95. výzva OPST s alokací 200 000 000 Kč."
    assert asks_unquoted_call("Jaká je alokace výzvy 250?", quote)
    assert not asks_unquoted_call("Jaká je alokace vyzvy c. 95?", quote)
    assert not asks_unquoted_call("Jaká je alokace výzev na úspory energie?", quote)


def test_an_unknown_call_number_gets_no_figures_of_another_call(engine: Any) -> None:
    assert not engine.answer("Jaká je alokace výzvy 250 OPST?").confident


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Kolik peněz dostala obec Lipová z OPST?", True),
        ("Jaké dotace čerpala firma ze Žatce?", True),
        ("Které spolky získaly peníze na hřiště?", True),
        ("Dostal jsem výpověď, co teď?", False),
        ("Dostali jsme hromadnou výpověď, můžu na rekvalifikaci?", False),
        ("Kolik dostane obec na cyklostezku?", False),
    ],
)
def test_someone_elses_past_receipt(question: str, asks: bool) -> None:
    assert asks_past_award(question) is asks


def test_a_capitalised_name_no_document_uses_is_unknown() -> None:
    vocabulary = set(analyze("Spravedlivá transformace OPST firma ředitel obec MAS Naděje Rumburk"))
    assert unknown_names("Kdo je ředitelem firmy Kovošrot Zelenka?", vocabulary) == ["Kovošrot", "Zelenka"]
    assert unknown_names("Kdo vede MAS Naděje?", vocabulary) == []
    assert unknown_names("Zelenka je firma?", vocabulary) == []  # the first word of a sentence is not judged
    assert unknown_names("kdo je reditelem firmy kovosrot", vocabulary) == []  # lowercase text is not judged
    assert unknown_names("Kdo je ředitelem firmy KOVOŠROT?", vocabulary) == []  # shouting, not a name
    assert unknown_names("Dostal ČKD peníze?", vocabulary) == ["ČKD"]  # an acronym is a name
    assert unknown_names("Může obec Bžany žádat?", vocabulary, place="Bžany") == []
    assert unknown_names("Může obec v Bžanech žádat?", vocabulary, place="Bžany") == []
    assert unknown_names("co je ta MASka vlastne zac", vocabulary) == []  # an everyday form of a known acronym
    assert unknown_names("Kdo vede firmu ABCka?", vocabulary) == ["ABCka"]


def test_a_question_about_a_firm_the_knowledge_never_names_is_not_answered(engine: Any) -> None:
    assert not engine.answer("Kdo je ředitelem firmy Kovošrot Zelenka?").confident


def test_a_region_mentioned_in_passing_does_not_answer_its_strategic_projects(engine: Any) -> None:
    assert not engine.answer("Jaké strategické projekty připravuje Karlovarský kraj?").confident


def test_other_regions_allocations_the_knowledge_gives_are_still_answered(engine: Any) -> None:
    answer = engine.answer("Kolik peněz z FST má Moravskoslezský kraj?")
    assert answer.confident and "18,9" in answer.body


def test_a_past_receipt_is_not_answered_with_the_open_calls(engine: Any) -> None:
    answer = engine.answer("Které firmy z Chomutova dostaly peníze na nové stroje?")
    assert answer.kind is not QuestionKind.FUNDING


def test_a_year_the_quote_never_names_or_a_forecast_is_beyond_the_quote() -> None:
    assert asks_unquoted_time("Kolik bude stát elektřina v roce 2030?", "V roce 2025 se sdílelo 60 GWh elektřiny.")
    assert asks_unquoted_time("Kolik bude v kraji nezaměstnaných za pět let?", "Nezaměstnanost je 6 %.")
    assert asks_unquoted_time("kolik to bude za 10 let", "Program běží do roku 2027.")
    assert not asks_unquoted_time("Kolik peněz bude mít OPST do roku 2027?", "OPST patří do období 2021–2027.")
    assert not asks_unquoted_time("Za kolik let musí být projekt hotový?", "Projekt musí skončit do roku 2029.")


def test_a_name_made_of_known_words_the_documents_never_join_is_unknown() -> None:
    pairs = word_pairs(["Krajský úřad Ústeckého kraje vyhlásil výzvu.", "Na Mostecku se těžilo uhlí v uhelné pánvi."])
    assert unknown_phrases("Kdo je ředitelem Mostecké uhelné?", pairs) == ["Mostecké uhelné"]
    assert unknown_phrases("Kdo vede Krajský úřad Ústeckého kraje?", pairs) == []
    assert unknown_phrases("Mostecká uhelná zavírá?", pairs) == []  # the first word of a sentence is not judged
    assert unknown_phrases("Může Chomutovská obec žádat?", pairs, place="Chomutov") == []
    assert unknown_phrases("Kolik peněz má Karlovarský kraj?", pairs) == []  # regions are judged by outside_scope
    assert unknown_phrases("Může obec z Mostecka patřit do MAS?", pairs) == []  # a region's genitive, no adjective
    assert unknown_phrases("muze si nase MASka zazadat?", pairs) == []


def test_a_price_of_a_thing_the_quote_never_mentions_is_beyond_it() -> None:
    hydrogen = "Projekt Vodíková mobilita Ústí nad Labem stojí 1 040 020 962 Kč."
    assert unquoted_price("Kolik stojí metr krychlový vody v Ústí?", hydrogen)
    assert not unquoted_price("Kolik stojí projekt Vodíková mobilita v Ústí?", hydrogen)
    assert not unquoted_price("a kolik to bude stát?", hydrogen)  # nothing priced by name


def test_the_size_of_something_no_document_names_is_unknown() -> None:
    vocabulary = set(analyze("podpora v nezaměstnanosti rekvalifikace"))
    assert unknown_measured("Jak vysoký důchod dostanu?", vocabulary)
    assert not unknown_measured("Jak vysoká je podpora v nezaměstnanosti?", vocabulary)  # a verb, no noun
    assert not unknown_measured("Jak vysokou podporu dostanu?", vocabulary)


def test_the_noun_a_question_asks_about() -> None:
    assert asked_noun("Jaký rozpočet má město Louny?") == "rozpocet"
    assert asked_noun("Kolik obcí je v MAS Vladař?") == "obci"
    assert asked_noun("Kolik je to peněz?") is None
    assert asked_noun("Jaká je nejvyšší podpora?") is None


def test_questions_beyond_what_the_documents_say_are_not_answered(engine: Any) -> None:
    for question in (
        "Kolik bude stát elektřina v roce 2030?",
        "Kdo je ředitelem Mostecké uhelné?",
        "Kolik stojí metr krychlový vody v Ústí?",
        "Jak vysoký důchod dostanu, když mi je 62?",
        "Jaký rozpočet má město Louny na rok 2027?",
    ):
        assert not engine.answer(question).confident, question


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("Jaká je minimální mzda v roce 2026?", ["minimaln", "mzda"]),
        ("kdo je predseda vlady", ["predsed", "vlad"]),
        ("jaky plat ma poslanec", ["plat"]),  # a verb ends the asked thing
        ("Kolik hektarů zabírají brownfieldy?", ["hektar"]),
        ("Co znamená CLLD?", []),  # "co" without "je" asks for no named thing
        ("O kolik navýšili 39. výzvu?", []),
        ("Kolik peněz dostane obec?", []),  # money asks for no thing
    ],
)
def test_asked_phrase_is_the_thing_after_the_question_word(question: str, phrase: list[str]) -> None:
    assert asked_phrase(question) == phrase


_DOCS = ["Nejvyšší podpora v nezaměstnanosti je 38 537 Kč.", "Strop je 0,8násobek průměrné mzdy."]


def test_a_searched_word_no_document_uses_is_an_unknown_thing_unless_it_is_a_counted_unit() -> None:
    vocabulary = set(analyze(" ".join(_DOCS)))
    searched = analyze("Jaký je přídavek na dítě")
    assert asks_unknown_thing("Jaký je přídavek na dítě", vocabulary, searched)
    assert not asks_unknown_thing("Jaký je přídavek na dítě", vocabulary, ())  # a synonym replaced it
    assert not asks_unknown_thing("Jaká je nejvyšší podpora?", vocabulary, analyze("Jaká je nejvyšší podpora?"))
    hectares = "Kolik hektarů zabírají brownfieldy?"
    assert not asks_unknown_thing(hectares, vocabulary, analyze(hectares))
    maximal = "kolik je maximální podpora"  # a word of degree asks for a property, not a thing
    assert not asks_unknown_thing(maximal, vocabulary, analyze(maximal))


def test_a_named_thing_the_quote_never_mentions_is_not_answered_by_it() -> None:
    director = "Ředitelem ICUK je od roku 2019 Martin Mata."
    assert asks_unquoted_thing("Jaký je plat ředitele ICUK?", director)
    assert not asks_unquoted_thing("Kdo je ředitel ICUK?", director)
    # nouns asking for a kind of answer, degree words and "kolik"/"co je" questions are not judged here
    assert not asks_unquoted_thing("Jaký je rozdíl mezi FST a OPST?", "OPST je program, FST je fond.")
    assert not asks_unquoted_thing("Jaká je nejvyšší podpora?", "Strop je 38 537 Kč.")
    assert not asks_unquoted_thing("Kolik hektarů zabírají brownfieldy?", "Brownfieldy mají 11 000 ha.")
    assert not asks_unquoted_thing("co je ta MASka vlastně zač", "Místní akční skupina (MAS) je partnerství.")


def test_a_former_office_does_not_say_who_holds_it_now() -> None:
    quote = "Ministryní je Zuzana Mrázová, dříve starostka Bíliny."
    assert asks_current_holder_of_former("Kdo je starosta Bíliny?", quote)
    assert not asks_current_holder_of_former("Kdo je starosta Bíliny?", "Starostou Bíliny je Jan Novák.")
    assert not asks_current_holder_of_former("Kdo je ministr?", quote)  # the office is not in the quote


@pytest.mark.parametrize(
    ("text", "more"),
    [
        ("z Jirkova", False),
        ("obec Hrob", False),
        ("hora sv. kateriny", False),
        ("jakej je rozpocet mesta most", True),
        ("bude zitra v litvinove prset", True),
    ],
)
def test_a_message_says_more_than_a_place_when_it_holds_other_words(text: str, more: bool) -> None:
    place = {"z Jirkova": "Jirkov", "obec Hrob": "Hrob", "hora sv. kateriny": "Hora Svaté Kateřiny"}.get(text)
    place = place or ("Most" if "most" in text else "Litvínov")
    assert says_more_than_a_place(text, place) is more


def _idf(term: str) -> float:
    """Rarer words weigh more: a stand-in ranking for the tests of the pure rule (longer = rarer)."""
    return float(len(term))


def test_the_purpose_of_a_funding_question_is_what_follows_na_or_pro() -> None:
    assert purpose_terms("Dostane obec peníze na kamerový systém?")["na"] == set(analyze("kamerový systém"))
    assert purpose_terms("je vyzva na elektricke autobusy pro mesto")["na"] == set(analyze("elektricke autobusy"))
    assert purpose_terms("Je nějaká dotace pro včelaře?")["pro"] == set(analyze("včelaře"))
    assert purpose_terms("stara fara, da se na ni sehnat dotace?")["na"] == set()  # a pronoun names nothing
    assert purpose_terms("Kdy jede vlak na Prahu?")["na"] == set()  # no money asked for


def test_a_funding_purpose_the_quote_never_names_is_not_answered_by_it() -> None:
    call = "95. výzva podporuje snižování energetické náročnosti veřejných budov a veřejné osvětlení obcí."
    vocabulary = set(analyze(call))
    question = "Je nějaká výzva na kamerový systém?"
    assert unquoted_purpose(question, call, analyze(question), _idf, vocabulary)
    asked = "je vyzva na verejne osvetleni v obci"
    assert not unquoted_purpose(asked, call, analyze(asked), _idf, vocabulary)
    # a word the search replaced (not among its terms) is not judged
    assert not unquoted_purpose(question, call, analyze("výzva"), _idf, vocabulary)
    # whom it is for: judged by the documents' words, not the quote's
    for_whom = "Je nějaká dotace pro včelaře?"
    assert unquoted_purpose(for_whom, call, analyze(for_whom), _idf, vocabulary)
    assert not unquoted_purpose("Je dotace pro obce?", "Žádat mohou kraje.", analyze("dotace obce"), _idf, vocabulary)


def test_an_asked_pair_said_only_in_separate_sentences_is_not_answered() -> None:
    apart = (
        "Ministrem životního prostředí je Igor Červený. Ředitelkou krajské pobočky Úřadu práce je Martina Bečvářová."
    )
    assert asked_pair_apart("Kdo je ministr práce?", apart)
    assert not asked_pair_apart("Kdo je ministr životního prostředí?", apart)
    far = "Ústecký kraj má kromě OPST i vlastní dotační programy placené z krajského rozpočtu."
    assert asked_pair_apart("Jaký je rozpočet Ústeckého kraje?", far)
    assert not asked_pair_apart("Jaký je rozpočet projektu Animace?", "Rozpočet projektu Animace je 40 mil. Kč.")
    # one asked word, or a word asking for a kind of answer, is not judged
    assert not asked_pair_apart("Kdo je hejtman?", apart)
    assert not asked_pair_apart("Jaké jsou podmínky výzvy?", apart)


def test_a_role_in_a_project_is_not_judged_as_a_pair_the_documents_must_say_together() -> None:
    quoted = "Projekt SYNERGYS patří mezi strategické projekty kraje."
    assert not asked_pair_apart("Kdo je nositelem projektu SYNERGYS?", quoted)
