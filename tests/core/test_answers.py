"""Grounded extractive answers: quoted sentences, sources from the passages only, honest "nevím", bad input."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from bot import i18n
from bot.compose import NOT_KNOWN, deadline_notes
from bot.intent import QuestionKind
from index.chunks import split_sentences


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def assert_grounded(answer) -> None:
    passages = normalise(" ".join(p.text for p in answer.passages)).replace("*", "")
    body = re.sub(r" \((údaj|stav) [^)]*\)", "", answer.body)  # the bot's own note of an old figure's date
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ])", body):
        words = re.findall(r"\w{4,}", sentence)  # "mld. EUR." splits into a fragment without such words
        assert all(w in passages for w in words), f"not in passages: {sentence!r}"
    passage_files = {p.file for p in answer.passages}
    assert answer.sources and {s.file for s in answer.sources} <= passage_files


def test_answer_quotes_passages_and_cites_their_sources(small_engine) -> None:
    answer = small_engine.answer("Kolik peněz může zaplatit úřad práce na rekvalifikaci?")
    assert answer.confident
    assert "50 000 Kč" in split_sentences(answer.body)[0]  # the first sentence carries the fact
    assert_grounded(answer)
    assert answer.sources[0].url.startswith("https://ct24.ceskatelevize.cz/")
    assert answer.sources[0].as_of == "2025-05-01"
    assert "Zdroje:" in answer.text and "1. 5. 2025" in answer.text


def test_question_without_diacritics_and_with_typos_finds_the_same_answer(small_engine) -> None:
    answer = small_engine.answer("jaky je moto fondu pro spravedlivou transformaci")
    assert answer.confident and "nikdo nesmí zůstat opomenut" in answer.body
    assert_grounded(answer)


def test_passages_are_ranked_with_metadata(small_engine) -> None:
    answer = small_engine.answer("Čtyři oblasti projektu Animace")
    data = answer.to_json()
    assert set(data) == {"question", "answer", "confident", "kind", "lang", "passages", "sources", "mas", "eligibility"}
    scores = [p["score"] for p in data["passages"]]
    assert scores == sorted(scores, reverse=True) and len(scores) >= 5
    top = data["passages"][0]
    assert top["file"] == "knowledge/animace.md" and top["source"].startswith("https://rskuk.cz/")
    assert top["as_of"] == "2023-01-01" and top["title"]


def test_unrelated_question_gets_an_honest_not_known_with_someone_to_ask(small_engine) -> None:
    answer = small_engine.answer("Jak se peče bábovka z kakaa?")
    assert not answer.confident
    assert answer.body == NOT_KNOWN and answer.sources == []
    assert "MAS" in answer.text  # a person to ask


@pytest.mark.parametrize("question", ["", "   \n\t ", "😀😀😀", "\x00\x01\x02\xff\xfe", "?!?"])
def test_empty_or_wordless_input_asks_for_a_question(small_engine, question: str) -> None:
    answer = small_engine.answer(question)
    assert not answer.confident and "Napište mi prosím otázku" in answer.text


def test_huge_question_is_cut_and_said_so(small_engine) -> None:
    answer = small_engine.answer("Kolik dá úřad práce na rekvalifikaci? " + "bla " * 5000)
    assert "odpovídám na její začátek" in answer.text
    assert len(answer.question) <= 1000


def test_markup_in_the_question_is_not_echoed(small_engine) -> None:
    answer = small_engine.answer("<script>alert(1)</script> <b>rekvalifikace</b> úřad práce")
    assert "<script>" not in answer.question and "<b>" not in answer.text
    assert answer.confident


@pytest.mark.parametrize(
    "question",
    [
        "Скільки грошей дає біржа праці на перекваліфікацію?",
        "How much does the labour office pay for retraining courses?",
    ],
)
def test_ukrainian_and_english_questions_say_in_their_language_that_the_quotes_are_czech(
    small_engine, question: str
) -> None:
    answer = small_engine.answer(question)
    lang = "uk" if "біржа" in question else "en"
    assert answer.lang == lang and answer.text.startswith(i18n.text("czech_sources", lang))


@pytest.mark.parametrize(
    ("question", "obec", "expected"),
    [
        ("Скільки грошей дає біржа праці на перекваліфікацію?", "Bílence", "належить до місцевої групи дій"),
        ("How much does the labour office pay for retraining courses?", "Bílence", "belongs to the local action group"),
        ("How much does the labour office pay for retraining courses?", "Libouchec", "not yet verified"),
    ],
)
def test_the_mas_line_of_a_ukrainian_or_english_answer_is_in_that_language(
    small_engine, question: str, obec: str, expected: str
) -> None:
    answer = small_engine.answer(question, obec=obec)
    assert answer.tail is not None and expected in answer.tail and obec in answer.tail
    assert "patří do" not in answer.text and "nemáme ověřenou" not in answer.text


def test_answer_id_is_stable_for_the_same_question(small_engine) -> None:
    a = small_engine.answer("motto fondu")
    b = small_engine.answer("motto fondu")
    assert a.answer_id == b.answer_id and len(a.answer_id) == 10


def test_past_deadline_is_flagged() -> None:
    notes = deadline_notes(["Žádosti šlo podávat do 30. 6. 2024."], dt.date(2026, 11, 26))
    assert notes == ["Pozor: termín 30. 6. 2024 už uplynul (dnes je 26. 11. 2026)."]
    assert deadline_notes(["Žádosti lze podávat do 30. 6. 2027."], dt.date(2026, 11, 26)) == []


def test_funding_question_leads_with_a_short_answer_and_keeps_the_full_check(engine) -> None:
    from bot.intent import QuestionKind
    from bot.render import render_html

    answer = engine.answer("Může naše obec dostat peníze na cyklostezku?", today=dt.date(2026, 12, 1))
    assert answer.eligibility is not None and answer.eligibility.applicant == "obec"
    # No call names a village for cycle paths: the documents' sentence about the call that fits leads.
    assert answer.confident and answer.kind in (QuestionKind.FUNDING, QuestionKind.CURATED, QuestionKind.YESNO)
    assert answer.eligibility.message not in answer.text  # the full check is one button away, not a wall of text
    assert "29. výzv" in answer.text and "30. 4. 2026" in answer.text  # the call that fits, and that it closed
    assert len(answer.body) <= 900
    html_text = render_html(answer)
    assert "<script>" not in html_text and answer.to_json()["eligibility"]["applicant"] == "obec"


def test_ordinary_question_has_no_eligibility_check(engine) -> None:
    assert engine.answer("Co je motto Fondu pro spravedlivou transformaci?").eligibility is None


def test_repeated_question_reuses_the_query_vector(small_engine, monkeypatch) -> None:
    calls: list[list[str]] = []
    real = small_engine.embedder.embed_queries

    def counting(texts):
        calls.append(list(texts))
        return real(texts)

    monkeypatch.setattr(small_engine.embedder, "embed_queries", counting)
    first = small_engine.answer("Kde najdu rekvalifikační kurzy pro horníky?")
    second = small_engine.answer("kde  najdu REKVALIFIKAČNÍ kurzy pro horníky?")
    assert len(calls) == 1 and first.body == second.body


def test_question_about_the_local_mas_leads_with_that_mas(engine) -> None:
    answer = engine.answer("Na koho se můžu obrátit v Žatci kvůli dotaci?")
    assert answer.place is not None and answer.place.obec.name == "Žatec"
    assert answer.text.startswith(answer.place.message)
    assert answer.text.count("MAS Vladař") >= 1 and answer.mas_line not in answer.text.split("\n\n")[-1:]


def test_ukrainian_question_on_topic_is_answered_and_off_topic_is_not(engine) -> None:
    on_topic = engine.answer("Що таке фонд справедливої трансформації?")
    assert on_topic.confident and on_topic.lang == "uk"
    assert on_topic.curated_id == "uk/co-je-fst" or on_topic.intro == i18n.text("czech_sources", "uk")
    assert not engine.answer("Як приготувати борщ?").confident


@pytest.mark.parametrize("text", ["ahoj", "Dobrý den!", "dobry vecer", "Díky moc", "děkuji"])
def test_greetings_and_thanks_get_a_friendly_reply_not_a_search(small_engine, text: str) -> None:
    answer = small_engine.answer(text)
    assert answer.confident and answer.sources == [] and answer.passages == []
    assert answer.body.startswith(("Dobrý den!", "Rádo se stalo"))


def test_greeting_with_a_question_is_answered_as_a_question(small_engine) -> None:
    answer = small_engine.answer("Dobrý den, kolik zaplatí úřad práce za rekvalifikaci?")
    assert "50 000 Kč" in answer.body


def test_definition_question_leads_with_the_definition(engine) -> None:
    answer = engine.answer("Co je OPST?")
    assert "OPST je Operační program" in answer.body.split(". ")[0] or answer.body.startswith(
        "Operační program Spravedlivá transformace (OPST) je"
    )


def test_answer_cites_the_sections_own_source_with_its_date(small_engine) -> None:
    answer = small_engine.answer("Kde najdu rekvalifikační kurzy, portál Jsem v kurzu?")
    assert answer.confident and "Jsem v kurzu" in answer.body
    assert answer.sources[0].url.startswith("https://www.mesec.cz/") and answer.sources[0].as_of == "2024-04-01"


def test_source_passage_is_the_one_the_leading_sentence_quotes(small_engine) -> None:
    answer = small_engine.answer("Kde najdu rekvalifikační kurzy, portál Jsem v kurzu?")
    passage = answer.source_passage
    assert passage is not None and answer.body.split(". ")[0] in passage.text.replace("\n", " ")
    assert small_engine.answer("Jak se peče bábovka z kakaa?").source_passage is None


@pytest.mark.parametrize(
    ("question", "note_start"),
    [
        ("Until when can municipalities apply to the OPST call on energy savings in public buildings?", "Call 95: "),
        ("До якого числа можна подати заявку на конкурс OPST на енергозбереження?", "Конкурс № 95: "),
    ],
)
def test_call_status_note_of_a_ukrainian_or_english_answer_is_in_that_language(
    engine, question: str, note_start: str
) -> None:
    answer = engine.answer(question, today=dt.date(2026, 12, 1))
    assert answer.confident and "95" in answer.body
    assert any(n.startswith(note_start) and "9. 12. 2026" in n for n in answer.notes), answer.notes
    assert not any("výzva:" in n or "podle údajů" in n for n in answer.notes)


def test_funding_summary_for_an_english_asker_speaks_english_and_quotes_the_czech_call(engine) -> None:
    answer = engine.answer("Can our obec get a dotace for zateplení of the school?", today=dt.date(2026, 12, 1))
    assert answer.kind is QuestionKind.FUNDING and answer.lang == "en", (answer.kind, answer.lang)
    assert answer.body.startswith("Yes – as of 1. 12. 2026, "), answer.body
    assert "95. výzva" in answer.body and "Next step:" in answer.body
    assert "Co dál" not in answer.body and "ověřte" not in answer.body
    assert not answer.intro  # no "quoted in Czech" line: the summary is in English, only its data are Czech


def test_a_statement_without_a_figure_keeps_the_examples_that_follow_it() -> None:
    from bot.compose import _unit

    sentences = (
        "Jednotnou míru podpory zdroje neuvádějí: určuje ji každá výzva.",
        "Příklady z kraje: voucher nejvýše 80 %; kreativní voucher až 85 %.",
        "Další věta o něčem jiném.",
    )
    hit = SimpleNamespace(chunk=SimpleNamespace(sentences=sentences))
    quote = _unit(hit, 0, 1.0)  # a Hit needs only its chunk's sentences here
    assert (quote.start, quote.end) == (0, 2)


def test_the_sentences_after_the_lead_that_qualify_it_are_said_too(engine) -> None:
    answer = engine.answer("Jsme velká fabrika v Litvínově, můžeme žádat z OPST, nebo je to jen pro malé?")
    assert answer.confident and "velké podniky" in answer.body


def test_a_percentage_question_gets_the_rule_and_its_examples(engine) -> None:
    answer = engine.answer("Kolik procent výdajů pokryje dotace z OPST?")
    assert answer.confident and "určuje každá výzva" in answer.body and "%" in answer.body


def test_a_money_question_in_everyday_words_leads_with_crowns(engine) -> None:
    answer = engine.answer("kolik mi zaplatí pracák za přeškolení?")
    assert answer.confident and "Kč" in split_sentences(answer.body)[0]


def test_a_sentence_answering_its_sections_yes_or_no_question_does_not_lead_another_kind(engine) -> None:
    answer = engine.answer("Jak vysoká je podpora v nezaměstnanosti?")
    first = split_sentences(answer.body)[0]
    assert answer.confident and not first.startswith("Ano") and "Kč" in first


def test_who_runs_the_programme_names_the_managing_authority_and_quotes_whole_sentences(engine) -> None:
    answer = engine.answer("kdo vlastne ridi ten opst")
    assert answer.confident and "Ministerstvo životního prostředí" in answer.body
    assert "Zasedají v něm" not in answer.body or "monitorovací výbor" in answer.body


@pytest.mark.parametrize(
    "question", ["chceme zateplit barak, da se na to neco dostat", "muze obec dostat penize na opravu skoly"]
)
def test_a_funding_question_no_call_fits_is_answered_by_the_calls_not_by_an_unrelated_passage(engine, question) -> None:
    answer = engine.answer(question, today=dt.date(2026, 12, 1))
    assert answer.kind is QuestionKind.FUNDING and answer.eligibility is not None
    assert "Animace" not in answer.body and "Jako obyvatel" not in answer.body
    assert not any(note.startswith("Pozor: termín") for note in answer.notes)  # no note about unseen text


def test_a_household_is_not_pointed_to_a_call_whose_applicants_are_unknown(engine) -> None:
    answer = engine.answer("Jsem v důchodu, můžu dostat peníze na zateplení baráku?", today=dt.date(2026, 12, 1))
    assert answer.eligibility is not None and answer.eligibility.applicant == "obcan"
    assert "Tématem se hodí" not in answer.body


@pytest.mark.parametrize(
    ("question", "says"),
    [("How long can I get unemployment benefit?", "11 months"), ("How much unemployment benefit can I get?", "38,537")],
)
def test_curated_answers_the_model_reads_alike_are_told_apart_by_the_question_words(engine, question, says) -> None:
    answer = engine.answer(question)
    assert answer.kind is QuestionKind.CURATED and says in answer.body


@pytest.mark.parametrize(
    "question", ["Чи може громада отримати гроші на велодоріжку?", "Can our town get a grant for a cycle path?"]
)
def test_a_funding_question_in_ukrainian_or_english_gets_the_calls_check(engine, question: str) -> None:
    answer = engine.answer(question, today=dt.date(2026, 12, 1))
    assert answer.eligibility is not None  # attached under a translated curated answer too
    assert (answer.eligibility.applicant, answer.eligibility.topic) == ("obec", "infrastruktura")
    assert "95. výzv" not in answer.body  # not the energy-savings call for a cycle path


def test_max_in_everyday_czech_asks_for_the_highest_amount(engine) -> None:
    answer = engine.answer("hele kolik je max podpora na pracaku")
    assert answer.confident and "38 537 Kč" in answer.body
