"""Staff synonyms expand the lexical side of the search; a broken file is reported, never fatal."""

from __future__ import annotations

from pathlib import Path

from index.analyzer import analyze
from index.bm25 import BM25
from index.search import query_terms
from index.synonyms import Synonyms, useless_entries
from kb.problems import Problem, Severity
from kb.synonyms import read_synonyms


def load_synonyms(folder: Path) -> Synonyms:
    return Synonyms.compile(read_synonyms(folder)[0])


def validate(folder: Path) -> list[Problem]:
    entries, problems = read_synonyms(folder)
    return problems + useless_entries(entries)


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "synonyma.yaml").write_text(text, encoding="utf-8")
    return folder


def test_everyday_word_in_any_form_adds_the_documents_words(tmp_path: Path) -> None:
    synonyms = load_synonyms(write(tmp_path, "pracák: [úřad práce]\nkolik stál: [náklady, rozpočet]\n"))
    expanded = synonyms.expand(tuple(analyze("Kdo mi zaplatí kurz, když jsem na pracaku?")))
    assert set(analyze("úřad práce")) <= set(expanded)
    assert set(analyze("náklady rozpočet")) <= set(synonyms.expand(tuple(analyze("Kolik stál projekt?"))))
    assert synonyms.expand(tuple(analyze("Co je OPST?"))) == tuple(analyze("Co je OPST?"))


def test_multiword_key_must_appear_as_a_phrase(tmp_path: Path) -> None:
    synonyms = load_synonyms(write(tmp_path, "stará budova: [brownfield]\n"))
    assert "brownfield" in synonyms.expand(tuple(analyze("oprava staré budovy")))
    assert "brownfield" not in synonyms.expand(tuple(analyze("budova je stará")))


def test_missing_file_means_no_synonyms(tmp_path: Path) -> None:
    assert load_synonyms(tmp_path) == Synonyms()
    assert validate(tmp_path) == []


def test_broken_file_is_an_error_with_its_line_and_loads_as_empty(tmp_path: Path) -> None:
    write(tmp_path, "pracák: [úřad práce]\nfabrika: [brownfield\n")
    (problem,) = validate(tmp_path)
    assert problem.severity is Severity.ERROR and problem.line and "YAML" in problem.message
    assert load_synonyms(tmp_path) == Synonyms()


def test_entry_that_adds_nothing_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "do kdy: [a, na]\n")
    (problem,) = validate(tmp_path)
    assert problem.severity is Severity.WARNING and "do kdy" in problem.message


def test_engine_uses_the_knowledge_synonyms(engine) -> None:
    answer = engine.answer("kolik stál projekt animace")
    assert "54 675 000 Kč" in answer.body


def _bm25(*docs: str) -> BM25:
    return BM25.build([analyze(d) for d in docs])


def test_synonym_word_is_expanded_before_any_typo_correction(tmp_path: Path) -> None:
    """ "prachu" is no typo of the index's "prahu": the staff's synonym adds "peníze" instead."""
    synonyms = load_synonyms(write(tmp_path, "prachy: [peníze]\n"))
    bm25 = _bm25("Most leží blízko Prahu.", "Kolik peněz dostane obec.")
    terms = query_terms(bm25, "kolik je tam prachu pro obec", synonyms)
    assert set(analyze("peníze")) <= set(terms)
    assert not set(analyze("Prahu")) & set(terms)
    assert not set(analyze("prachu")) & set(terms)  # matches nothing; its document word stands for it


def test_real_words_are_not_corrected_into_similar_index_terms() -> None:
    bm25 = _bm25("Obec může vykoupit pozemky.")
    (typed,) = analyze("koupit")
    assert query_terms(bm25, "koupit stroj") == (*analyze("vykoupit"), *analyze("stroj"))  # a typo, for BM25 alone
    assert query_terms(bm25, "koupit stroj", exact_terms={typed}) == (typed, *analyze("stroj"))
    assert query_terms(bm25, "vykupit") == tuple(analyze("vykoupit"))  # an unknown word is still a typo


def test_a_real_word_may_still_take_another_ending_of_its_stem() -> None:
    bm25 = _bm25("Cesty do zahraničních regionů.")
    (typed,) = analyze("zahraničí")
    assert query_terms(bm25, "zahraničí", exact_terms={typed}) == tuple(analyze("zahraničních"))


def test_everyday_words_no_document_uses_are_read_in_the_documents_words(tmp_path: Path) -> None:
    rules = "kývne: [rozhoduje]\nvelké projekty: [strategické projekty]\nzateplení: [Nová zelená úsporám]\n"
    synonyms = load_synonyms(write(tmp_path, rules))
    vocabulary = set(analyze("O penězích rozhoduje komise. Zateplení domů platí program."))
    assert synonyms.in_document_words("kdo kývne na ty velké projekty?", vocabulary) == (
        "kdo rozhoduje na ty strategické projekty?"
    )
    # a word the documents use stays as it is: its synonyms only widen the lexical search
    assert synonyms.in_document_words("je dotace na zateplení?", vocabulary) == "je dotace na zateplení?"
    assert synonyms.in_document_words("velké a malé projekty", vocabulary) == "velké a malé projekty"
