"""Chunking by headings with breadcrumbs, sized for e5, tables and lists whole; Czech sentence splitting."""

from __future__ import annotations

from pathlib import Path

from index.chunks import MAX_CHARS, chunk_document, split_sentences
from kb.documents import Document
from kb.markdown import SourceRef


def doc(body: str) -> Document:
    return Document(
        Path("k/a.md"),
        "knowledge/a.md",
        "OPST",
        (SourceRef("https://opst.cz", "2024-07-01"),),
        "2026-11-01",
        body,
        7,
    )


def test_sections_become_chunks_with_heading_breadcrumbs() -> None:
    body = (
        "# OPST\n\nÚvod o programu.\n\n## Kdo může žádat\n\nObce a kraje.\n\n### Malé obce\n\nObce do 3 000 obyvatel."
    )
    chunks = chunk_document(doc(body))
    assert [c.breadcrumb for c in chunks] == ["OPST", "OPST › Kdo může žádat", "OPST › Kdo může žádat › Malé obce"]
    assert chunks[1].text == "Obce a kraje."
    assert chunks[1].line == 13  # body starts at line 7 of the file
    assert chunks[0].embed_text.startswith("OPST\n")


def test_long_sections_are_split_below_the_limit_with_overlap() -> None:
    paragraphs = [
        f"Odstavec {i} má několik vět o dotacích pro obce. Druhá věta odstavce {i} končí zde." for i in range(60)
    ]
    chunks = chunk_document(doc("## Dlouhá sekce\n\n" + "\n\n".join(paragraphs)))
    assert len(chunks) > 1
    assert all(len(c.text) <= MAX_CHARS + 300 for c in chunks)
    assert all(c.breadcrumb == "OPST › Dlouhá sekce" for c in chunks)
    first_last_sentence = split_sentences(chunks[0].text.split("\n\n")[-1])[-1]
    assert chunks[1].text.startswith(first_last_sentence)  # small overlap keeps context


def test_tables_and_lists_stay_whole_and_rows_become_sentences() -> None:
    table = "| Výzva | Alokace |\n|---|---|\n| 22 | 1 mld. Kč |\n| 23 | 2 mil. Kč |"
    body = f"## Výzvy\n\nPřehled výzev:\n\n{table}\n\n- obce\n- kraje\n  pokračování položky\n"
    (chunk,) = chunk_document(doc(body))
    assert table in chunk.text
    assert "Výzva: 22; Alokace: 1 mld. Kč" in chunk.sentences
    assert "obce" in chunk.sentences


def test_sentence_split_keeps_dates_abbreviations_and_initials() -> None:
    text = "Příjem žádostí trvá do 30. 6. 2024 včetně. Výzva č. 22 má 1 mld. Kč. Podepsal J. Novák. Konec!"
    assert split_sentences(text) == [
        "Příjem žádostí trvá do 30. 6. 2024 včetně.",
        "Výzva č. 22 má 1 mld. Kč.",
        "Podepsal J. Novák.",
        "Konec!",
    ]


def test_heading_equal_to_title_is_not_repeated_and_empty_sections_are_skipped() -> None:
    chunks = chunk_document(doc("# OPST\n\n## Prázdná\n\n## Plná\n\nText."))
    assert [c.breadcrumb for c in chunks] == ["OPST › Plná"]


def test_chunk_ids_are_stable_and_content_addressed() -> None:
    a = chunk_document(doc("## A\n\nText."))
    b = chunk_document(doc("## A\n\nText."))
    c = chunk_document(doc("## A\n\nJiný text."))
    assert a[0].chunk_id == b[0].chunk_id != c[0].chunk_id
    assert a[0].content_hash != c[0].content_hash


def test_list_intro_and_its_items_form_one_answerable_sentence() -> None:
    body = "## MAS\n\nV kraji působí tyto MAS:\n\n- MAS Cínovecko, o.p.s.\n- MAS Naděje o.p.s.\n\nDalší věta."
    (chunk,) = chunk_document(doc(body))
    assert chunk.sentences == (
        "V kraji působí tyto MAS: MAS Cínovecko, o.p.s.; MAS Naděje o.p.s.",
        "Další věta.",
    )


def test_section_source_line_becomes_the_chunks_sources_and_leaves_the_text() -> None:
    body = (
        "## Kurzy\n\nKurzy nabízí portál Jsem v kurzu.\n\n"
        "Zdroj: https://a.cz/x (2024); https://b.cz/y\n\n## Jiné\n\nText."
    )
    kurzy, jine = chunk_document(doc(body))
    assert kurzy.sources == ("https://a.cz/x", "https://b.cz/y")
    assert "Zdroj" not in kurzy.text and kurzy.sentences == ("Kurzy nabízí portál Jsem v kurzu.",)
    assert jine.sources == ()


def test_source_urls_may_contain_balanced_parentheses() -> None:
    (chunk,) = chunk_document(doc("## PSÚT\n\nText.\n\nZdroj: https://dotaceeu.cz/plan-(psut), https://a.cz/b."))
    assert chunk.sources == ("https://dotaceeu.cz/plan-(psut)", "https://a.cz/b")
