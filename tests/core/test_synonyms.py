"""Staff synonyms expand the lexical side of the search; a broken file is reported, never fatal."""

from __future__ import annotations

from pathlib import Path

from index.analyzer import analyze
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
