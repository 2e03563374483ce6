"""Freshness report of `index check`: newest source date per document and table, stale time-sensitive warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kb.documents import Document
from kb.freshness import freshness_report
from kb.markdown import SourceRef
from kb.problems import Severity

TODAY = dt.date(2026, 12, 1)


def doc(name: str, body: str, *dates: str | None) -> Document:
    sources = tuple(SourceRef(f"https://example.cz/{i}", d) for i, d in enumerate(dates))
    return Document(Path(name), f"knowledge/{name}", name, sources, None, body, 5)


def test_every_document_gets_its_newest_source_date() -> None:
    report = freshness_report((doc("a.md", "Obecný text.", "2024-05", "2026-07-31"),), (), None, "knowledge", TODAY)
    (line,) = report
    assert line.severity is Severity.INFO and line.file == "knowledge/a.md" and "31. 7. 2026" in line.message


def test_old_time_sensitive_material_is_a_warning_oldest_first() -> None:
    documents = (
        doc("vyzvy.md", "Příjem žádostí do 30. 4. 2026, alokace 120 mil. Kč.", "2025-09-08"),
        doc("kontakty.md", "Telefon: tel. 475 000 000", "2024"),
        doc("historie.md", "Uhlí se tu těžilo přes sto let.", "2020"),  # old, but nothing that expires
        doc("novinky.md", "Výzva č. 95 je otevřená.", "2026-07-31"),  # time-sensitive, but fresh
    )
    warnings = [p for p in freshness_report(documents, (), None, "knowledge", TODAY) if p.severity is Severity.WARNING]
    assert [w.file for w in warnings] == ["knowledge/kontakty.md", "knowledge/vyzvy.md"]
    assert "starší než půl roku" in warnings[0].message


def test_a_month_counts_from_its_last_day() -> None:
    documents = (doc("vyzvy.md", "Výzva č. 40.", "2026-05"),)  # 31. 5. 2026 is exactly 184 days before TODAY
    warnings = [p for p in freshness_report(documents, (), None, "knowledge", TODAY) if p.severity is Severity.WARNING]
    assert len(warnings) == 1
    assert not [
        p
        for p in freshness_report(documents, (), None, "knowledge", dt.date(2026, 11, 30))
        if p.severity is Severity.WARNING
    ]


def test_a_document_without_dates_is_listed_without_a_warning() -> None:
    (line,) = freshness_report((doc("a.md", "Výzva č. 1.", None),), (), None, "knowledge", TODAY)
    assert line.severity is Severity.INFO and "bez data" in line.message
