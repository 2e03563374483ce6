"""/dokumenty: list, view, live check, save (validated, atomic, logged, rebuilt), conflicts, path safety."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from bot.config import Settings
from bot.console.files import text_hash
from index.store import load_index
from tests.console.conftest import ConsoleClient, hidden, textarea


def doc_text(settings: Settings, name: str = "rekvalifikace.md") -> str:
    return (settings.knowledge_dir / name).read_text(encoding="utf-8")


def test_list_shows_every_document_with_its_check(admin_client: ConsoleClient) -> None:
    page = html.unescape(admin_client.get("/dokumenty").text)
    for title in ("Rekvalifikace přes úřad práce", "animace.md", "fond.md"):
        assert title in page
    assert "v pořádku" in page or "varování" in page


def test_view_renders_markdown_and_lists_passages(admin_client: ConsoleClient) -> None:
    page = admin_client.get("/dokumenty/zobrazit", params={"id": "rekvalifikace"})
    assert page.status_code == 200
    assert "<h3>Kde kurzy najdu</h3>" in page.text and "<h2>Rekvalifikace přes úřad práce</h2>" in page.text
    assert "Úseky pro vyhledávání" in html.unescape(page.text)


def test_raw_html_in_a_document_is_shown_as_text(admin_client: ConsoleClient, console_settings: Settings) -> None:
    path = console_settings.knowledge_dir / "rekvalifikace.md"
    path.write_text(doc_text(console_settings) + "\n<script>alert('x')</script>\n", encoding="utf-8")
    page = admin_client.get("/dokumenty/zobrazit", params={"id": "rekvalifikace"})
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text


@pytest.mark.parametrize("doc_id", ["../../etc/passwd", "/etc/passwd", "..%2F..%2Fetc%2Fpasswd", "nic", ""])
def test_unknown_or_traversing_ids_are_not_found(admin_client: ConsoleClient, doc_id: str) -> None:
    for path in ("/dokumenty/zobrazit", "/dokumenty/upravit"):
        assert admin_client.get(path, params={"id": doc_id}).status_code == 404


def test_live_check_reports_problems_with_line_numbers(admin_client: ConsoleClient, console_settings: Settings) -> None:
    broken = doc_text(console_settings).replace("updated: 2026-11-26", "updated: 26. 11. 2026")
    response = admin_client.post("/dokumenty/kontrola", {"id": "rekvalifikace", "text": broken})
    text = html.unescape(response.text)
    assert response.status_code == 200 and 'data-line="8"' in response.text
    assert "Neplatné datum updated" in text and "takový text nepůjde uložit" in text
    fine = admin_client.post("/dokumenty/kontrola", {"id": "rekvalifikace", "text": doc_text(console_settings)})
    assert "Úseky pro vyhledávání (2)" in html.unescape(fine.text) and "2 věty" in html.unescape(fine.text)


def test_saving_a_document_writes_logs_rebuilds_and_the_bot_answers_from_it(
    admin_client: ConsoleClient, console_settings: Settings
) -> None:
    editor = admin_client.get("/dokumenty/upravit", params={"id": "rekvalifikace"})
    old = textarea(editor.text, "text")
    assert old == doc_text(console_settings)
    new = old.replace("až do 50 000 Kč během 3 let", "až do 50 000 Kč během 3 let (ověřeno konzolí)")
    response = admin_client.post(
        "/dokumenty/ulozit",
        {"id": "rekvalifikace", "base": hidden(editor.text, "base"), "text": new.replace("\n", "\r\n"), "summary": ""},
        follow_redirects=False,
    )
    assert response.status_code == 303 and "zmena=" in response.headers["location"]
    assert doc_text(console_settings) == new  # CRLF from the browser stored as LF
    change = admin_client.console.storage.changes(limit=1)[0]
    assert change.admin_name == "Jana Nováková" and change.file == "knowledge/rekvalifikace.md"
    assert (
        "+Úřad práce ČR může zaplatit kurzy a rekvalifikace až do 50 000 Kč během 3 let (ověřeno konzolí)"
        in change.diff
    )
    admin_client.wait_built()
    index = load_index(console_settings.data_dir, console_settings.embedding_model)
    assert index.manifest.files["rekvalifikace.md"] == text_hash(new)
    assert any("ověřeno konzolí" in c.text for c in index.chunks)
    shown = html.unescape(admin_client.get(response.headers["location"]).text)
    assert "V indexu" in shown or "Živě" in shown
    answer = html.unescape(admin_client.get("/vyzkouset", params={"q": "Kolik zaplatí úřad práce za kurzy?"}).text)
    assert "ověřeno konzolí" in answer


def test_a_change_that_breaks_the_check_is_refused_and_nothing_is_written(
    admin_client: ConsoleClient, console_settings: Settings
) -> None:
    before = doc_text(console_settings)
    broken = before.replace("title: Rekvalifikace přes úřad práce\n", "")
    response = admin_client.post(
        "/dokumenty/ulozit", {"id": "rekvalifikace", "base": text_hash(before), "text": broken}
    )
    assert response.status_code == 422
    text = html.unescape(response.text)
    assert "Neuloženo" in text and "Chybí název dokumentu" in text
    assert textarea(response.text, "text") == broken  # the admin's text is kept in the form
    assert doc_text(console_settings) == before
    assert admin_client.console.storage.changes() == []


def test_duplicate_title_across_documents_is_refused(admin_client: ConsoleClient, console_settings: Settings) -> None:
    before = doc_text(console_settings)
    other_title = doc_text(console_settings, "fond.md").split("title: ", 1)[1].split("\n", 1)[0]
    clash = before.replace("title: Rekvalifikace přes úřad práce", f"title: {other_title}")
    response = admin_client.post("/dokumenty/ulozit", {"id": "rekvalifikace", "base": text_hash(before), "text": clash})
    assert response.status_code == 422 and "Stejný název" in html.unescape(response.text)
    assert doc_text(console_settings) == before


def test_conflict_shows_both_versions_and_loses_nothing(
    admin_client: ConsoleClient, console_settings: Settings
) -> None:
    editor = admin_client.get("/dokumenty/upravit", params={"id": "rekvalifikace"})
    base = hidden(editor.text, "base")
    original = doc_text(console_settings)
    theirs = original.replace("během 3 let", "během tří let (kolegyně)")
    (console_settings.knowledge_dir / "rekvalifikace.md").write_text(theirs, encoding="utf-8")
    mine = original.replace("během 3 let", "během 3 let (moje úprava)")
    response = admin_client.post("/dokumenty/ulozit", {"id": "rekvalifikace", "base": base, "text": mine})
    assert response.status_code == 409
    text = html.unescape(response.text)
    assert "Mezitím to uložil někdo jiný" in text
    assert "během tří let (kolegyně)" in text and "během 3 let (moje úprava)" in text
    assert textarea(response.text, "text") == mine
    assert doc_text(console_settings) == theirs  # their save stands
    again = admin_client.post(
        "/dokumenty/ulozit", {"id": "rekvalifikace", "base": hidden(response.text, "base"), "text": mine},
        follow_redirects=False,
    )  # fmt: skip
    assert again.status_code == 303 and doc_text(console_settings) == mine


def test_new_document_needs_a_slug_and_lands_inside_the_knowledge_folder(
    admin_client: ConsoleClient, console_settings: Settings, tmp_path: Path
) -> None:
    text = textarea(admin_client.get("/dokumenty/novy").text, "text")
    text = text.replace("Název dokumentu", "Kotlíkové dotace v kraji").replace(
        "https://\n", "https://www.example.cz/kotliky\n"
    )
    text = text.replace("url: https://www.example.cz/kotliky", "url: https://www.example.cz/kotliky")
    for slug in ("../venku", "/tmp/x", "Kotlíky", "a/b", ".skryty", ""):
        response = admin_client.post("/dokumenty/ulozit", {"slug": slug, "base": "-", "text": text})
        assert response.status_code == 422, slug
    assert not (tmp_path / "venku.md").exists() and not (console_settings.knowledge_dir.parent / "venku.md").exists()
    exists = admin_client.post("/dokumenty/ulozit", {"slug": "rekvalifikace", "base": "-", "text": text})
    assert exists.status_code == 422 and "už existuje" in html.unescape(exists.text)
    created = admin_client.post(
        "/dokumenty/ulozit", {"slug": "kotliky", "base": "-", "text": text}, follow_redirects=False
    )
    assert created.status_code == 303, html.unescape(created.text)[-3000:]
    assert (console_settings.knowledge_dir / "kotliky.md").read_text(encoding="utf-8") == text
    assert admin_client.console.storage.changes()[0].action == "create"


def test_delete_needs_confirmation_and_a_current_hash(admin_client: ConsoleClient, console_settings: Settings) -> None:
    path = console_settings.knowledge_dir / "animace.md"
    base = text_hash(path.read_text(encoding="utf-8"))
    assert admin_client.post("/dokumenty/smazat", {"id": "animace", "base": base}).status_code == 422
    assert (
        admin_client.post("/dokumenty/smazat", {"id": "animace", "base": "0" * 64, "confirm": "ano"}).status_code == 409
    )
    assert path.exists()
    done = admin_client.post(
        "/dokumenty/smazat", {"id": "animace", "base": base, "confirm": "ano"}, follow_redirects=False
    )
    assert done.status_code == 303 and not path.exists()
    assert admin_client.console.storage.changes()[0].action == "delete"
