"""The vyzvy.yaml validator: Czech messages with file:line, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.eligibility import Calls, validate
from kb.problems import Severity
from tests.eligibility.elig_support import GOOD_ENTRY, KNOWLEDGE


def errors(folder: Path) -> list:
    return [p for p in validate(folder) if p.severity is Severity.ERROR]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_real_file_has_no_errors() -> None:
    assert errors(KNOWLEDGE) == []


def test_real_file_loads_every_entry() -> None:
    text = (KNOWLEDGE / "vyzvy.yaml").read_text(encoding="utf-8")
    entries = sum(1 for line in text.splitlines() if line.startswith("- id:"))
    assert len(Calls.load(KNOWLEDGE)) == entries >= 25


def test_good_entry_is_clean(knowledge_with) -> None:
    assert validate(knowledge_with(GOOD_ENTRY)) == []


def test_unknown_applicant_named_with_line_and_valid_list(knowledge_with) -> None:
    text = GOOD_ENTRY.replace("applicants: [obec, svazek]", "applicants: [obce, svazek]")
    folder = knowledge_with(text)
    (problem,) = errors(folder)
    assert problem.file == "knowledge/vyzvy.yaml"
    assert problem.line == line_of(text, "applicants:")
    assert "neznámý typ žadatele „obce“" in problem.message
    assert "Možná jste mysleli „obec“" in problem.message
    assert "velky_podnik" in problem.message and "obcan" in problem.message
    assert problem.format().startswith(f"knowledge/vyzvy.yaml:{problem.line}: chyba: ")


def test_unknown_applicant_entry_is_skipped_by_engine(knowledge_with) -> None:
    folder = knowledge_with(GOOD_ENTRY.replace("[obec, svazek]", "[obec, firmy]"))
    assert len(Calls.load(folder)) == 0


def test_unknown_topic(knowledge_with) -> None:
    text = GOOD_ENTRY.replace("topics: [priroda]", "topics: [příroda]")
    (problem,) = errors(knowledge_with(text))
    assert problem.line == line_of(text, "topics:")
    assert "neznámý kód tématu „příroda“" in problem.message
    assert "kultura_sport" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("opens: 2025-01-01", "opens: 1. 1. 2025", "není platné datum"),
        ("opens: 2025-01-01", "opens: 2025-13-01", "takový den v kalendáři není"),
        ("closes: 2025-06-30", "closes: 2025-02-30", "takový den v kalendáři není"),
        ("closes: 2025-06-30", "closes: brzy", "není platné datum"),
        ("closes: 2025-06-30", "closes: 2024-12-31", "konec příjmu (2024-12-31) je dřív než začátek"),
        ("as_of: 2024-12-01", "as_of: prosinec 2024", "není platné datum"),
        ("as_of: 2024-12-01", "as_of: 2024-13", "není platné datum"),
    ],
)
def test_bad_dates(knowledge_with, old: str, new: str, fragment: str) -> None:
    text = GOOD_ENTRY.replace(old, new)
    found = errors(knowledge_with(text))
    assert len(found) == 1, found
    assert fragment in found[0].message
    assert found[0].line == line_of(text, new.split(":")[0] + ":")


@pytest.mark.parametrize("value", ["null", "průběžně", "2025-06-30"])
def test_allowed_closes_values(knowledge_with, value: str) -> None:
    assert errors(knowledge_with(GOOD_ENTRY.replace("closes: 2025-06-30", f"closes: {value}"))) == []


@pytest.mark.parametrize("value", ["2024", "2024-07", "2024-07-01"])
def test_partial_as_of_is_fine(knowledge_with, value: str) -> None:
    assert validate(knowledge_with(GOOD_ENTRY.replace("as_of: 2024-12-01", f"as_of: {value}"))) == []


def test_as_of_neuvedeno_is_only_a_warning(knowledge_with) -> None:
    problems = validate(knowledge_with(GOOD_ENTRY.replace("as_of: 2024-12-01", "as_of: neuvedeno")))
    assert [p.severity for p in problems] == [Severity.WARNING]
    assert "neuvedeno" in problems[0].message


@pytest.mark.parametrize("field", ["source", "as_of"])
def test_missing_source_or_as_of(knowledge_with, field: str) -> None:
    text = "\n".join(line for line in GOOD_ENTRY.splitlines() if not line.startswith(f"  {field}:")) + "\n"
    (problem,) = errors(knowledge_with(text))
    assert f"chybí pole „{field}“" in problem.message
    assert problem.line == 1  # the entry's first line
    assert len(Calls.load(knowledge_with(text))) == 0


def test_empty_source_and_non_url_source(knowledge_with) -> None:
    (empty,) = errors(knowledge_with(GOOD_ENTRY.replace("source: https://opst.cz/dotace/test/", "source:")))
    assert "„source“ je prázdné" in empty.message
    (bad,) = errors(knowledge_with(GOOD_ENTRY.replace("https://opst.cz/dotace/test/", "opst.cz")))
    assert "http://" in bad.message


def test_duplicate_ids(knowledge_with) -> None:
    text = GOOD_ENTRY + "\n" + GOOD_ENTRY
    (problem,) = errors(knowledge_with(text))
    assert "stejné id už má výzva na řádku 1" in problem.message
    assert problem.line == GOOD_ENTRY.count("\n") + 2


def test_duplicate_key_in_one_entry(knowledge_with) -> None:
    text = GOOD_ENTRY + "  opens: 2025-02-01\n"
    (problem,) = errors(knowledge_with(text))
    assert "„opens“ je uvedeno dvakrát" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("amount_max: 200000", "amount_max: 200 000 Kč", "celé číslo bez mezer"),
        ("amount_min: 50000", "amount_min: 500000", "amount_min je větší než amount_max"),
        ("applicants: [obec, svazek]", "applicants: obec", "musí být seznam kódů"),
        ("applicants: [obec, svazek]", "applicants: []", "prázdný seznam"),
        ("    type: kraj", "    type: okres", "neznámý typ území „okres“"),
        ("id: test-vyzva", "id: Testovací výzva", "malá písmena"),
    ],
)
def test_other_field_errors(knowledge_with, old: str, new: str, fragment: str) -> None:
    found = errors(knowledge_with(GOOD_ENTRY.replace(old, new)))
    assert any(fragment in p.message for p in found), found


def test_unknown_field_is_a_warning_with_suggestion(knowledge_with) -> None:
    problems = validate(knowledge_with(GOOD_ENTRY + "  closs: 2025-01-01\n"))
    assert [p.severity for p in problems] == [Severity.WARNING]
    assert "closes" in problems[0].message


@pytest.mark.parametrize(
    "text",
    [
        GOOD_ENTRY.replace("topics: [priroda]", "topics: [priroda"),
        GOOD_ENTRY.replace('  name: "Testovací výzva"', '  name: "Testovací výzva'),
        GOOD_ENTRY.replace("  programme: OPST", "\tprogramme: OPST"),
        "- id: a\n  name: b: c: d\n  x\n",
    ],
)
def test_broken_yaml_never_crashes(knowledge_with, text: str) -> None:
    folder = knowledge_with(text)
    found = errors(folder)
    assert found and found[0].line is not None
    assert "YAML" in found[0].message or "chybí" in found[0].message
    assert len(Calls.load(folder)) == 0


def test_root_must_be_a_list(knowledge_with) -> None:
    (problem,) = errors(knowledge_with("id: x\nname: y\n"))
    assert "seznam výzev" in problem.message


def test_entry_must_be_a_mapping(knowledge_with) -> None:
    found = errors(knowledge_with(GOOD_ENTRY + "- jen text\n"))
    assert any("„- id: …“" in p.message for p in found)
    assert len(Calls.load(knowledge_with(GOOD_ENTRY + "- jen text\n"))) == 1


def test_missing_file_is_a_warning(tmp_path: Path) -> None:
    problems = validate(tmp_path)
    assert [p.severity for p in problems] == [Severity.WARNING]
    assert len(Calls.load(tmp_path)) == 0


def test_bad_entry_does_not_hide_good_ones(real_copy: Path) -> None:
    path = real_copy / "vyzvy.yaml"
    text = path.read_text(encoding="utf-8")
    broken = text.replace("applicants: [obec, svazek, nno]", "applicants: [obec, svazek, spolek]", 1)
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    found = errors(real_copy)
    assert len(found) == 1 and found[0].line == line_of(broken, "[obec, svazek, spolek]")
    assert len(Calls.load(real_copy)) == len(Calls.load(KNOWLEDGE)) - 1
