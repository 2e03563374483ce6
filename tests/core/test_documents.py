"""Validation of knowledge documents: every problem named with file and line, bad files never block good ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kb.documents import load_documents
from kb.problems import Severity

GOOD = """---
title: {title}
sources:
  - url: https://www.opst.cz/
    as_of: 2024-07-01
updated: {updated}
---
# {title}

Text dokumentu o OPST.
"""


def write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def messages(folder: Path, severity: Severity = Severity.ERROR) -> list[str]:
    return [p.format() for p in load_documents(folder, dt.date(2026, 11, 26)).problems if p.severity is severity]


def test_valid_document_loads_with_metadata(tmp_path: Path) -> None:
    write(tmp_path, "a.md", GOOD.format(title="OPST", updated="2026-11-01"))
    result = load_documents(tmp_path, dt.date(2026, 11, 26))
    assert result.problems == []
    (doc,) = result.documents
    assert doc.title == "OPST"
    assert doc.sources[0].url == "https://www.opst.cz/"
    assert doc.as_of == "2024-07-01"
    assert doc.body.startswith("# OPST")
    assert doc.file == f"{tmp_path.name}/a.md"


def test_missing_front_matter_is_an_error_on_line_one(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "# Nadpis\n\nText.\n")
    (msg,) = messages(tmp_path)
    assert msg.startswith(f"{tmp_path.name}/a.md:1: chyba:") and "hlavička" in msg.lower()


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: OPST\nsources: [\n  - url: x\n---\nText\n")
    (msg,) = messages(tmp_path)
    assert "YAML" in msg and ":1: " not in msg


def test_missing_title_and_source_are_errors(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\nupdated: 2026-11-01\n---\nText.\n")
    errors = messages(tmp_path)
    assert any("title" in m for m in errors)
    assert any("zdroj" in m.lower() for m in errors)


def test_invalid_dates_are_errors(tmp_path: Path) -> None:
    text = GOOD.format(title="OPST", updated="2026-13-45").replace("as_of: 2024-07-01", "as_of: včera")
    write(tmp_path, "a.md", text)
    errors = messages(tmp_path)
    assert any("as_of" in m for m in errors)
    assert any("updated" in m for m in errors)


def test_source_without_http_url_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "a.md", GOOD.format(title="OPST", updated="2026-11-01").replace("https://www.opst.cz/", "opst"))
    assert any("adresu" in m for m in messages(tmp_path))


def test_empty_document_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: Prázdný\nsources:\n  - url: https://a.cz\n    as_of: 2024-01-01\n---\n\n")
    assert any("žádný text" in m for m in messages(tmp_path))


def test_duplicate_titles_are_an_error(tmp_path: Path) -> None:
    write(tmp_path, "a.md", GOOD.format(title="OPST", updated="2026-11-01"))
    write(tmp_path, "b.md", GOOD.format(title="opst", updated="2026-11-01"))
    (msg,) = messages(tmp_path)
    assert "b.md" in msg and "a.md" in msg


def test_document_not_reviewed_for_a_year_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "a.md", GOOD.format(title="OPST", updated="2025-06-01"))
    assert messages(tmp_path) == []
    (warning,) = messages(tmp_path, Severity.WARNING)
    assert "víc než rok" in warning


def test_binary_and_non_utf8_files_are_errors_and_do_not_stop_others(tmp_path: Path) -> None:
    write(tmp_path, "good.md", GOOD.format(title="OPST", updated="2026-11-01"))
    write(tmp_path, "binary.md", b"\x00\x01\x02PNG")
    write(tmp_path, "latin.md", "---\ntitle: Příliš\n---\n".encode("cp1250"))
    result = load_documents(tmp_path, dt.date(2026, 11, 26))
    assert [d.title for d in result.documents] == ["OPST"]
    errors = " ".join(p.format() for p in result.errors)
    assert "binary.md" in errors and "binární" in errors
    assert "latin.md" in errors and "UTF-8" in errors


def test_readme_is_not_a_document_and_other_files_are_warned_about(tmp_path: Path) -> None:
    write(tmp_path, "README.md", "# Návod pro pracovníky MAS\n")
    write(tmp_path, "a.md", GOOD.format(title="OPST", updated="2026-11-01"))
    write(tmp_path, "scan.pdf", b"%PDF-1.4")
    result = load_documents(tmp_path, dt.date(2026, 11, 26))
    assert [d.title for d in result.documents] == ["OPST"]
    assert any("scan.pdf" in p.format() for p in result.problems if p.severity is Severity.WARNING)


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    assert any("žádný dokument" in m for m in messages(tmp_path))


def test_section_citing_a_source_missing_from_the_header_is_a_warning(tmp_path: Path) -> None:
    text = (
        GOOD.format(title="OPST", updated="2026-11-01") + "\nZdroj: https://www.opst.cz/\n\nZdroj: https://jinde.cz/x\n"
    )
    write(tmp_path, "a.md", text)
    (warning,) = messages(tmp_path, Severity.WARNING)
    assert "https://jinde.cz/x" in warning and ":14:" in warning


def test_source_date_keeps_the_precision_the_source_gives(tmp_path: Path) -> None:
    month = GOOD.format(title="Měsíc", updated="2026-11-01").replace("as_of: 2024-07-01", "as_of: 2024-07")
    year = GOOD.format(title="Rok", updated="2026-11-01").replace("as_of: 2024-07-01", "as_of: 2021")
    write(tmp_path, "mesic.md", month)
    write(tmp_path, "rok.md", year)
    result = load_documents(tmp_path, dt.date(2026, 11, 26))
    assert result.problems == []
    assert sorted(d.sources[0].as_of for d in result.documents) == ["2021", "2024-07"]


def test_impossible_month_is_an_error(tmp_path: Path) -> None:
    text = GOOD.format(title="OPST", updated="2026-11-01").replace("as_of: 2024-07-01", "as_of: 2024-13")
    write(tmp_path, "a.md", text)
    assert any("as_of" in m for m in messages(tmp_path))
