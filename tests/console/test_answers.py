"""/odpovedi: curated answers written through the form, checked by the knowledge layer, preview as the bot says it."""

from __future__ import annotations

import html

import pytest

from bot.config import Settings
from bot.console.files import text_hash
from index.store import load_index
from kb.curated import load_curated
from tests.console.conftest import ConsoleClient, hidden

ANSWER = {
    "question": "Zaplatí mi stát rekvalifikaci?",
    "alternatives": "je rekvalifikace zadarmo\r\nkdo mi zaplati preskoleni",
    "body": "Ano. Úřad práce ČR může zaplatit kurzy až do 50 000 Kč během 3 let, když jste v jeho evidenci.",
    "source_url": "https://www.mesec.cz/clanky/urad-prace-dava-50-tisic-na-rekvalifikaci/",
    "source_as_of": "2024-04",
    "author": "Jana Nováková, MAS Labské skály",
    "updated": "2026-11-30",
    "lang": "cs",
    "base": "-",
}


def fields(**changes: str) -> list[tuple[str, str]]:
    data = {**ANSWER, **changes}
    return [(k, v) for k, v in data.items()] + [("source_url", ""), ("source_as_of", "")]


def test_empty_list_points_to_the_gaps(admin_client: ConsoleClient) -> None:
    page = html.unescape(admin_client.get("/odpovedi").text)
    assert "Zatím žádné připravené odpovědi" in page and 'href="/mezery"' in page


def test_new_answer_form_is_prefilled_from_a_gap_group(admin_client: ConsoleClient) -> None:
    page = admin_client.get(
        "/odpovedi/nova", params=[("q", "je rekvalifikace zadarmo"), ("q", "kdo mi zaplati kurz"), ("mezera", "k1")]
    )
    text = html.unescape(page.text)
    assert 'value="je rekvalifikace zadarmo"' in text and ">kdo mi zaplati kurz</textarea>" in text
    assert hidden(page.text, "mezera") == "k1" and 'value="Jana Nováková"' in text


def test_saving_writes_the_guide_format_and_marks_the_gaps_resolved(
    admin_client: ConsoleClient, console_settings: Settings
) -> None:
    storage = admin_client.console.storage
    storage.log_question("je rekvalifikace zadarmo", confident=False)
    response = admin_client.post(
        "/odpovedi/ulozit", [*fields(), ("mezera", "je rekvalifikace zadarmo")], follow_redirects=False
    )
    assert response.status_code == 303, html.unescape(response.text)[-2000:]
    path = console_settings.knowledge_dir / "odpovedi" / "zaplati-mi-stat-rekvalifikaci.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "---\nquestion: Zaplatí mi stát rekvalifikaci?\nalternatives:\n  - je rekvalifikace zadarmo\n"
    )
    assert "  - url: https://www.mesec.cz/" in text and "as_of: 2024-04" in text.replace("'", "")
    (answer,), problems = load_curated(console_settings.knowledge_dir)
    assert answer.alternatives == ("je rekvalifikace zadarmo", "kdo mi zaplati preskoleni")
    assert answer.body == ANSWER["body"] and answer.author == ANSWER["author"]
    assert not [p for p in problems if p.severity.value == "chyba"]
    assert storage.gap_statuses()["je rekvalifikace zadarmo"][0] == "resolved"
    assert storage.changes()[0].file == "knowledge/odpovedi/zaplati-mi-stat-rekvalifikaci.md"
    admin_client.wait_built()
    manifest = load_index(console_settings.data_dir, console_settings.embedding_model).manifest
    assert manifest.files["odpovedi/zaplati-mi-stat-rekvalifikaci.md"] == text_hash(text)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"source_as_of": ""}, "chybí nebo je chybné datum"),
        ({"source_as_of": "30. 4. 2024"}, "chybí nebo je chybné datum"),
        ({"source_url": "www.mesec.cz"}, "musí začínat https://"),
        ({"source_url": "", "source_as_of": ""}, "aspoň jeden zdroj"),
        ({"question": "  "}, "Napište otázku"),
        ({"body": ""}, "Napište text odpovědi"),
        ({"author": ""}, "kdo odpověď napsal"),
        ({"updated": "zítra"}, "RRRR-MM-DD"),
        ({"slug": "../../venku"}, "Název souboru pište"),
        ({"slug": "Otázka"}, "Název souboru pište"),
        ({"lang": "uk"}, "Překlad musí odkazovat"),
    ],
)
def test_invalid_fields_are_refused_with_the_reason(
    admin_client: ConsoleClient, console_settings: Settings, change: dict[str, str], message: str
) -> None:
    response = admin_client.post("/odpovedi/ulozit", fields(**change))
    assert response.status_code == 422
    text = html.unescape(response.text)
    assert "Neuloženo" in text and message in text and 'aria-invalid="true"' in text
    assert not (console_settings.knowledge_dir / "odpovedi").exists()
    assert not list(console_settings.knowledge_dir.parent.glob("venku*"))


def test_preview_shows_the_text_and_dated_sources(admin_client: ConsoleClient) -> None:
    response = admin_client.post("/odpovedi/nahled", fields())
    text = html.unescape(response.text)
    assert ANSWER["body"] in text and "Zdroje:" in text and "(stav k 4/2024)" in text


def test_edit_and_conflict_and_delete(admin_client: ConsoleClient, console_settings: Settings) -> None:
    assert admin_client.post("/odpovedi/ulozit", fields(slug="zdarma"), follow_redirects=False).status_code == 303
    path = console_settings.knowledge_dir / "odpovedi" / "zdarma.md"
    editor = admin_client.get("/odpovedi/upravit", params={"id": "zdarma"})
    base = hidden(editor.text, "base")
    assert base == text_hash(path.read_text(encoding="utf-8"))
    edited = admin_client.post(
        "/odpovedi/ulozit", [*fields(body="Ano, až 50 000 Kč.", base=base), ("id", "zdarma")],
        follow_redirects=False,
    )  # fmt: skip
    assert edited.status_code == 303 and "Ano, až 50 000 Kč." in path.read_text(encoding="utf-8")
    stale = admin_client.post("/odpovedi/ulozit", [*fields(body="Moje verze.", base=base), ("id", "zdarma")])
    assert stale.status_code == 409
    text = html.unescape(stale.text)
    assert "Ano, až 50 000 Kč." in text and "Moje verze." in text
    assert "Moje verze." not in path.read_text(encoding="utf-8")
    current = text_hash(path.read_text(encoding="utf-8"))
    deleted = admin_client.post(
        "/odpovedi/smazat", {"id": "zdarma", "base": current, "confirm": "ano"}, follow_redirects=False
    )
    assert deleted.status_code == 303 and not path.exists()


def test_translation_goes_into_its_language_folder(admin_client: ConsoleClient, console_settings: Settings) -> None:
    assert admin_client.post("/odpovedi/ulozit", fields(slug="zdarma"), follow_redirects=False).status_code == 303
    response = admin_client.post(
        "/odpovedi/ulozit",
        fields(slug="zdarma", lang="uk", translation_of="zdarma", question="Чи оплатить держава перекваліфікацію?"),
        follow_redirects=False,
    )
    assert response.status_code == 303, html.unescape(response.text)[-1500:]
    text = (console_settings.knowledge_dir / "odpovedi" / "uk" / "zdarma.md").read_text(encoding="utf-8")
    assert "lang: uk" in text and "translation_of: odpovedi/zdarma.md" in text


@pytest.mark.parametrize("answer_id", ["../rekvalifikace", "../../etc/passwd", "nic", "uk/../../x"])
def test_unknown_or_traversing_ids_are_not_found(admin_client: ConsoleClient, answer_id: str) -> None:
    assert admin_client.get("/odpovedi/upravit", params={"id": answer_id}).status_code == 404
    response = admin_client.post("/odpovedi/ulozit", [*fields(), ("id", answer_id)])
    assert response.status_code == 404
