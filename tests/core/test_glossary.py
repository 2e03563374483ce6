"""The staff glossary (knowledge/cizi-vyrazy.yaml): English and Ukrainian expressions in any form reach
the documents' Czech words; a broken or empty entry is reported, never fatal."""

from __future__ import annotations

from pathlib import Path

from index.glossary import Glossary, foreign_terms, useless_glossary_entries
from kb.knowledge import Tables
from kb.problems import Severity
from kb.synonyms import GLOSSARY_FILE, read_synonyms


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / GLOSSARY_FILE).write_text(text, encoding="utf-8")
    return folder


def load(folder: Path) -> Glossary:
    return Glossary.compile(read_synonyms(folder, GLOSSARY_FILE)[0])


def test_ukrainian_forms_of_a_word_share_one_term() -> None:
    forms = ["перекваліфікація", "перекваліфікацію", "перекваліфікації", "перекваліфікацією"]
    assert len({foreign_terms(f) for f in forms}) == 1
    assert foreign_terms("Устецького краю") == foreign_terms("Устецький край")


def test_english_forms_and_common_words() -> None:
    assert foreign_terms("energy communities") == foreign_terms("Energy Community")
    assert foreign_terms("the managing authority of") == foreign_terms("managing authority")
    assert foreign_terms("what is the") == ()


def test_expression_in_any_form_gives_the_czech_words(tmp_path: Path) -> None:
    glossary = load(write(tmp_path, "retraining: [rekvalifikace]\nперекваліфікація: [rekvalifikace]\n"))
    assert glossary.czech_words("Will the state pay for my retraining?") == ["rekvalifikace"]
    assert glossary.czech_words("Чи оплатить мені держава перекваліфікацію?") == ["rekvalifikace"]
    assert glossary.czech_words("What is OPST?") == []


def test_multiword_expression_must_appear_together(tmp_path: Path) -> None:
    glossary = load(write(tmp_path, "energy community: [energetické společenství]\n"))
    assert glossary.czech_words("Since when can energy communities be set up?") == ["energetické společenství"]
    assert glossary.czech_words("community centre with energy savings") == []


def test_lexical_query_keeps_the_documents_words_and_drops_the_rest(tmp_path: Path) -> None:
    glossary = load(write(tmp_path, "managing authority: [řídicí orgán]\n"))
    vocabulary = {"opst", "ridick", "organ"}
    query = glossary.lexical_query("Who is the managing authority of OPST?", vocabulary)
    assert query.split()[0] == "OPST" and "řídicí orgán" in query
    assert "authority" not in query and "Who" not in query


def test_foreign_function_words_that_are_also_index_terms_stay_out_of_the_lexical_query(tmp_path: Path) -> None:
    glossary = load(write(tmp_path, "call: [výzva]\n"))
    query = glossary.lexical_query("Where can I find the open OPST calls for proposals?", {"opst", "for", "vyzv"})
    assert query.split() == ["OPST", "výzva"]


def test_question_without_known_words_is_searched_as_written(tmp_path: Path) -> None:
    glossary = load(write(tmp_path, "retraining: [rekvalifikace]\n"))
    assert glossary.lexical_query("Як справи?", {"opst"}) == "Як справи?"


def test_entry_of_common_words_only_is_a_warning(tmp_path: Path) -> None:
    entries, problems = read_synonyms(write(tmp_path, "the of: [rekvalifikace]\nretraining: [a, na]\n"), GLOSSARY_FILE)
    assert problems == []
    warnings = useless_glossary_entries(entries)
    assert [w.line for w in warnings] == [1, 2] and all(w.severity is Severity.WARNING for w in warnings)
    assert load(tmp_path).czech_words("the of") == []


def test_broken_file_is_an_error_and_loads_as_empty(tmp_path: Path) -> None:
    entries, problems = read_synonyms(write(tmp_path, "retraining: [rekvalifikace\n"), GLOSSARY_FILE)
    assert entries == [] and problems[0].severity is Severity.ERROR and problems[0].line


def test_tables_carry_the_glossary_and_a_missing_file_means_none(tmp_path: Path) -> None:
    assert Tables.load(tmp_path).glossary == ()
    write(tmp_path, "retraining: [rekvalifikace]\n")
    (entry,) = Tables.load(tmp_path).glossary
    assert entry.phrase == "retraining" and entry.words == ("rekvalifikace",)


def test_a_negated_expression_is_not_the_plain_one(tmp_path: Path) -> None:
    glossary = load(write(tmp_path, "belong: [patří]\nnot belong: [nepatří]\nне належить: [nepatří]\n"))
    assert glossary.czech_words("Why doesn't Ústí nad Labem belong to any MAS?") == ["patří"]
    assert glossary.czech_words("Ústí doesn't belong to any MAS, why?") == ["patří", "nepatří"]
    assert glossary.czech_words("Which MAS does Most belong to?") == ["patří"]
    assert glossary.czech_words("Чому Усті не належить до жодної MAS?") == ["nepatří"]
