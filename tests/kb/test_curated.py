"""Curated answers: the staff format, its validation and translations that lag behind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kb.curated import load_curated
from kb.problems import Severity

TODAY = dt.date(2026, 12, 1)

GOOD = """---
question: Zaplatí mi stát rekvalifikaci?
alternatives:
  - preskoleni zdarma
  - Kdo platí kurz, když jsem bez práce?
sources:
  - url: https://www.uradprace.cz/rekvalifikace
    as_of: 2026-03
author: Jana Nováková, MAS Labské skály
updated: 2026-11-20
---
Ano. Úřad práce hradí rekvalifikaci uchazečům o zaměstnání.
"""


def write(folder: Path, rel: str, text: str) -> None:
    path = folder / "odpovedi" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_good_answer_loads_with_its_phrasings_and_month_precision_source(tmp_path: Path) -> None:
    write(tmp_path, "rekvalifikace.md", GOOD)
    (answer,), problems = load_curated(tmp_path, TODAY)
    assert problems == []
    assert answer.id == "rekvalifikace"
    assert answer.file == f"{tmp_path.name}/odpovedi/rekvalifikace.md"
    assert answer.phrasings[0] == "Zaplatí mi stát rekvalifikaci?"
    assert len(answer.phrasings) == 3
    assert answer.sources[0].as_of == "2026-03"
    assert (answer.lang, answer.translation_of) == ("cs", None)
    assert answer.body.startswith("Ano.")


def test_missing_question_and_sources_are_errors_with_lines(tmp_path: Path) -> None:
    text = (
        GOOD.replace("question: Zaplatí mi stát rekvalifikaci?\n", "").split("sources:")[0]
        + "updated: 2026-11-20\n---\nAno.\n"
    )
    write(tmp_path, "a.md", text)
    answers, problems = load_curated(tmp_path, TODAY)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert answers == []
    assert any("question" in p.message for p in errors)
    assert any("zdroj" in p.message.lower() for p in errors)


def test_translation_older_than_its_original_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "rekvalifikace.md", GOOD)
    uk = GOOD.replace("updated: 2026-11-20", "updated: 2026-10-01").replace(
        "author:", "lang: uk\ntranslation_of: odpovedi/rekvalifikace.md\nauthor:"
    )
    write(tmp_path, "uk/rekvalifikace.md", uk)
    answers, problems = load_curated(tmp_path, TODAY)
    assert {a.id for a in answers} == {"rekvalifikace", "uk/rekvalifikace"}
    (warning,) = problems
    assert warning.severity is Severity.WARNING and "starší" in warning.message
    assert next(a for a in answers if a.lang == "uk").translation_of == "rekvalifikace"


def test_translation_of_a_missing_original_is_an_error(tmp_path: Path) -> None:
    uk = GOOD.replace("author:", "lang: uk\ntranslation_of: odpovedi/neni.md\nauthor:")
    write(tmp_path, "uk/x.md", uk)
    answers, problems = load_curated(tmp_path, TODAY)
    assert answers == []
    assert [p.severity for p in problems] == [Severity.ERROR]


def test_same_question_in_two_answers_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "a.md", GOOD)
    write(tmp_path, "b.md", GOOD.replace("preskoleni zdarma", "jiná otázka"))
    _, problems = load_curated(tmp_path, TODAY)
    assert any("má i" in p.message for p in problems)


def test_documents_loader_skips_the_curated_folder(tmp_path: Path) -> None:
    from kb.documents import document_paths

    write(tmp_path, "a.md", GOOD)
    (tmp_path / "doc.MD").write_text("x", encoding="utf-8")
    assert [p.name for p in document_paths(tmp_path)] == ["doc.MD"]
