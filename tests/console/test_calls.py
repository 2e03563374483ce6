"""/vyzvy: statuses on a chosen date, form validation, round-trip writes that keep order and comments."""

from __future__ import annotations

import datetime as dt
import html

from bot.config import Settings
from kb.calls import read_calls
from tests.console.conftest import ConsoleClient, hidden

CALL = "opst-23-koncepce-priprava-uk"


def calls_text(settings: Settings) -> str:
    return (settings.knowledge_dir / "vyzvy.yaml").read_text(encoding="utf-8")


def form_of(client: ConsoleClient, call_id: str) -> tuple[list[tuple[str, str]], str]:
    """The edit form's fields as the browser would submit them."""
    import re

    page = client.get("/vyzvy/upravit", params={"id": call_id}).text
    fields: list[tuple[str, str]] = []
    for tag in re.findall(r"<input [^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or name.group(1) == "csrf":
            continue
        value = re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if kind and kind.group(1) == "checkbox" and "checked" not in tag:
            continue
        fields.append((name.group(1), html.unescape(value.group(1) if value else "")))
    select = re.search(r'<select id="territory_type".*?</select>', page, re.S)
    assert select
    chosen = re.search(r'<option value="([^"]+)" selected', select.group(0))
    fields.append(("territory_type", chosen.group(1) if chosen else ""))
    note = re.search(r'<textarea id="note" name="note"[^>]*>(.*?)</textarea>', page, re.S)
    fields.append(("note", html.unescape(note.group(1)) if note else ""))
    return fields, page


def replace(fields: list[tuple[str, str]], **changes: str) -> list[tuple[str, str]]:
    out = [(k, changes.pop(k)) if k in changes else (k, v) for k, v in fields]
    return out + list(changes.items())


def test_list_shows_each_call_status_on_the_chosen_day(admin_client: ConsoleClient) -> None:
    early = html.unescape(admin_client.get("/vyzvy", params={"den": "2024-01-15"}).text)
    late = html.unescape(admin_client.get("/vyzvy", params={"den": "2026-01-15"}).text)
    row = lambda text: text.split(CALL, 1)[1].split("</tr>", 1)[0]  # noqa: E731
    assert "otevřená" in row(early) and "příjem do 31. 12. 2024" in row(early)
    assert "uzavřená" in row(late) and "příjem skončil 31. 12. 2024" in row(late)


def test_editing_one_call_changes_only_its_lines_and_keeps_comments(
    admin_client: ConsoleClient, console_settings: Settings
) -> None:
    before = calls_text(console_settings)
    fields, _ = form_of(admin_client, CALL)
    response = admin_client.post("/vyzvy/ulozit", replace(fields, closes="2025-03-31"), follow_redirects=False)
    assert response.status_code == 303, html.unescape(response.text)[-3000:]
    after = calls_text(console_settings)
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [("  closes: 2024-12-31", "  closes: 2025-03-31")]
    assert after.startswith("# Výzvy a programy pro „ověření nároku“")
    calls, _ = read_calls(console_settings.knowledge_dir)
    assert next(c for c in calls if c.id == CALL).closes == dt.date(2025, 3, 31)
    assert "-  closes: 2024-12-31" in admin_client.console.storage.changes()[0].diff


def test_saving_an_unchanged_form_writes_nothing(admin_client: ConsoleClient, console_settings: Settings) -> None:
    before = calls_text(console_settings)
    fields, _ = form_of(admin_client, CALL)
    response = admin_client.post("/vyzvy/ulozit", fields, follow_redirects=False)
    assert response.status_code == 303 and "beze_zmeny=1" in response.headers["location"]
    assert calls_text(console_settings) == before and admin_client.console.storage.changes() == []


def test_new_call_is_appended_and_validated(admin_client: ConsoleClient, console_settings: Settings) -> None:
    fields = [
        ("id", "test-95-uk"), ("name", "95. výzva OPST – test"), ("programme", "OPST"), ("number", "95"),
        ("applicants", "obec"), ("applicants", "svazek"), ("topics", "energie"),
        ("territory_type", "kraj"), ("territory_text", "Celý Ústecký kraj."),
        ("amount_min", "500 000"), ("amount_max", "5000000"), ("rate", "nejvýše 85 %"),
        ("opens", "2026-01-05"), ("closes", "2026-06-30"), ("source", "https://opst.cz/dotace/95-vyzva/"),
        ("as_of", "2025-12"), ("note", "Testovací výzva."),
    ]  # fmt: skip
    response = admin_client.post("/vyzvy/ulozit", fields, follow_redirects=False)
    assert response.status_code == 303, html.unescape(response.text)[-3000:]
    text = calls_text(console_settings)
    assert "\n\n- id: test-95-uk\n  name: 95. výzva OPST – test\n" in text
    assert "  applicants: [obec, svazek]\n" in text and "  amount_min: 500000\n" in text
    calls, problems = read_calls(console_settings.knowledge_dir)
    new = next(c for c in calls if c.id == "test-95-uk")
    assert new.number == 95 and new.opens == dt.date(2026, 1, 5) and new.as_of == "2025-12"
    assert not [p for p in problems if p.severity.value == "chyba"]
    listed = html.unescape(admin_client.get("/vyzvy", params={"den": "2026-02-01"}).text)
    assert "95. výzva OPST – test" in listed
    again = admin_client.post("/vyzvy/ulozit", fields)
    assert again.status_code == 422 and "už v tabulce je" in html.unescape(again.text)


def test_invalid_fields_are_refused_field_by_field(admin_client: ConsoleClient, console_settings: Settings) -> None:
    before = calls_text(console_settings)
    fields, _ = form_of(admin_client, CALL)
    bad = replace(
        [(k, v) for k, v in fields if k != "applicants"],
        closes="31. 12. 2024", amount_max="pět milionů", source="enviweb.cz", as_of="loni",
    )  # fmt: skip
    response = admin_client.post("/vyzvy/ulozit", bad)
    assert response.status_code == 422
    text = html.unescape(response.text)
    for message in ("Datum pište jako RRRR-MM-DD", "Částka v Kč", "https://", "Datum zdroje", "kdo smí žádat"):
        assert message in text
    assert text.count('aria-invalid="true"') >= 5
    assert calls_text(console_settings) == before


def test_conflict_on_the_same_call_but_not_on_another(admin_client: ConsoleClient, console_settings: Settings) -> None:
    fields, _ = form_of(admin_client, CALL)
    path = console_settings.knowledge_dir / "vyzvy.yaml"
    other = path.read_text(encoding="utf-8").replace("  closes: 2025-06-30", "  closes: 2025-07-31", 1)
    path.write_text(other, encoding="utf-8")  # someone edited another call
    ok = admin_client.post("/vyzvy/ulozit", replace(fields, rate="nejvýše 80 %"), follow_redirects=False)
    assert ok.status_code == 303
    text = path.read_text(encoding="utf-8")
    assert "  closes: 2025-07-31" in text and "  rate: nejvýše 80 %" in text
    theirs = text.replace("  rate: nejvýše 80 %", "  rate: nejvýše 70 %")
    path.write_text(theirs, encoding="utf-8")  # someone edited this very call
    stale = admin_client.post("/vyzvy/ulozit", replace(fields, rate="nejvýše 90 %"))
    assert stale.status_code == 409
    shown = html.unescape(stale.text)
    assert "rate: nejvýše 70 %" in shown and "rate: nejvýše 90 %" in shown
    assert path.read_text(encoding="utf-8") == theirs
    retry = admin_client.post(
        "/vyzvy/ulozit", replace(fields, rate="nejvýše 90 %", base=hidden(stale.text, "base")), follow_redirects=False
    )
    assert retry.status_code == 303 and "  rate: nejvýše 90 %" in path.read_text(encoding="utf-8")


def test_unknown_call_is_not_found(admin_client: ConsoleClient) -> None:
    assert admin_client.get("/vyzvy/upravit", params={"id": "../obce"}).status_code == 404
