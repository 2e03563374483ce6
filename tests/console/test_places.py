"""/obce: statuses, filters, per-okres progress; assigning a MAS changes one CSV line and `bot mas` sees it."""

from __future__ import annotations

import csv
import html
import io
import json

import pytest

from bot.config import Settings
from tests.console.conftest import ConsoleClient, hidden, run_bot

SOURCE = "https://www.maskaszk.cz/uzemi-mas/"


def obce_text(settings: Settings) -> str:
    return (settings.knowledge_dir / "obce.csv").read_text(encoding="utf-8")


def unknown_rows(settings: Settings) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(obce_text(settings))))
    return [r for r in rows if not r["mas"] and r["stav"] != "no_mas"]


def test_list_counts_unverified_and_filters(admin_client: ConsoleClient, console_settings: Settings) -> None:
    unknown = unknown_rows(console_settings)
    total = len(list(csv.DictReader(io.StringIO(obce_text(console_settings)))))
    page = html.unescape(admin_client.get("/obce").text)
    assert f"z {total} obcí je neověřeno" in page and f'<div class="num">{len(unknown)}</div>' in page
    assert "Postup po okresech" in page and "Chomutov" in page
    filtered = html.unescape(admin_client.get("/obce", params={"stav": "neovereno", "okres": "Chomutov"}).text)
    expected = [r["obec"] for r in unknown if r["okres"] == "Chomutov"]
    assert f"Zobrazeno: {len(expected)} ob" in filtered
    found = html.unescape(admin_client.get("/obce", params={"hledat": "bolebor"}).text)
    assert "Zobrazeno: 1 obec." in found and "Boleboř" in found


def test_assigning_a_mas_changes_one_line_and_bot_mas_returns_it(
    admin_client: ConsoleClient, console_settings: Settings
) -> None:
    before = obce_text(console_settings)
    editor = admin_client.get("/obce/upravit", params={"kod": "563005"})
    assert "nemá ověřenou místní akční skupinu" in html.unescape(editor.text)
    response = admin_client.post(
        "/obce/ulozit",
        {"kod": "563005", "base": hidden(editor.text, "base"), "assignment": "zapadni_krusnohori",
         "source": SOURCE, "period": "2021–2027", "note": ""},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code == 303, html.unescape(response.text)[-2000:]
    after = obce_text(console_settings)
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [
        ("Boleboř,Chomutov,563005,,,,,", f"Boleboř,Chomutov,563005,zapadni_krusnohori,assigned,2021–2027,{SOURCE},")
    ]
    done = run_bot(console_settings, "mas", "--json", "Boleboř")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["status"] == "assigned" and result["mas"]["id"] == "zapadni_krusnohori"
    shown = html.unescape(admin_client.get(response.headers["location"]).text)
    assert "Obec Boleboř" in shown and "MAS Sdružení Západní Krušnohoří" in shown


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"source": ""}, "Uveďte odkaz https://"),
        ({"source": "maskaszk.cz"}, "Uveďte odkaz https://"),
        ({"period": ""}, "Uveďte období nebo datum"),
        ({"assignment": "neexistujici_mas"}, "Zvolte MAS"),
    ],
)
def test_assignment_needs_a_source_and_a_period(
    admin_client: ConsoleClient, console_settings: Settings, fields: dict[str, str], message: str
) -> None:
    before = obce_text(console_settings)
    base = hidden(admin_client.get("/obce/upravit", params={"kod": "563005"}).text, "base")
    data = {"kod": "563005", "base": base, "assignment": "vladar", "source": SOURCE, "period": "2021–2027", **fields}
    response = admin_client.post("/obce/ulozit", data)
    assert response.status_code == 422 and message in html.unescape(response.text)
    assert obce_text(console_settings) == before


def test_row_conflict_but_other_rows_may_change(admin_client: ConsoleClient, console_settings: Settings) -> None:
    path = console_settings.knowledge_dir / "obce.csv"
    base = hidden(admin_client.get("/obce/upravit", params={"kod": "563005"}).text, "base")
    path.write_text(
        path.read_text(encoding="utf-8").replace("Blatno,Chomutov,562998,,,,,", "Blatno,Chomutov,562998,,,,,pozn"),
        encoding="utf-8",
    )
    data = {"kod": "563005", "base": base, "assignment": "vladar", "source": SOURCE, "period": "2021–2027"}
    assert admin_client.post("/obce/ulozit", data, follow_redirects=False).status_code == 303
    theirs = path.read_text(encoding="utf-8").replace(",vladar,assigned,2021–2027,", ",vladar,assigned,2014–2020,")
    path.write_text(theirs, encoding="utf-8")
    stale = admin_client.post("/obce/ulozit", {**data, "assignment": "zapadni_krusnohori"})
    assert stale.status_code == 409
    text = html.unescape(stale.text)
    assert "2014–2020" in text and "zapadni_krusnohori" in text
    assert path.read_text(encoding="utf-8") == theirs


@pytest.mark.parametrize("code", ["999999", "../mas.yaml", ""])
def test_unknown_municipality_is_not_found(admin_client: ConsoleClient, code: str) -> None:
    assert admin_client.get("/obce/upravit", params={"kod": code}).status_code == 404
    assert admin_client.post("/obce/ulozit", {"kod": code, "assignment": "vladar"}).status_code == 404
