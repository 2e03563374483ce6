"""/ (Přehled) and /vyzkouset: numbers from the same storage, answers from the same engine as the bot."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from bot.config import Settings
from bot.console.app import create_app
from bot.engine import Engine
from tests.console.conftest import BASE, ConsoleClient, run_bot

QUESTION = "Kde najdu kurzy rekvalifikace?"


def test_overview_shows_index_questions_feedback_and_check(admin_client: ConsoleClient) -> None:
    storage = admin_client.console.storage
    for confident in (True, True, True, False):
        storage.log_question("Kolik peněz má kraj?" if confident else "kolik stoji pivo v moste", confident)
    storage.add_feedback("a1", "co je fst", ["https://x.cz"], 1)
    storage.add_feedback("a2", "jak na kotlikovou dotaci", ["https://x.cz"], -1)
    page = admin_client.get("/")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert re.search(r'num">3</div>\s*<div class="label">dokumentů v indexu', text)
    assert "s jistou odpovědí <strong>75 %</strong>" in text
    assert "1× palec nahoru, 1× palec dolů" in text
    assert "chyb / varování v kontrole znalostí" in text
    assert "kolik stoji pivo v moste" in text  # an open gap
    assert "jak na kotlikovou dotaci" in text  # a 👎 question is a gap too


def test_try_page_shows_exactly_what_the_bot_answers(admin_client: ConsoleClient, console_settings: Settings) -> None:
    page = admin_client.get("/vyzkouset", params={"q": QUESTION})
    assert page.status_code == 200
    expected = Engine.load(console_settings).answer(QUESTION)
    text = html.unescape(page.text)
    assert expected.text in text
    assert "s jistotou" in text and "Citace z dokumentů" in text
    assert expected.passages[0].breadcrumb in text and "skóre" in text
    done = run_bot(console_settings, "ask", "--json", QUESTION)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["answer"] in text


def test_try_page_labels_unknown_questions(admin_client: ConsoleClient) -> None:
    text = html.unescape(admin_client.get("/vyzkouset", params={"q": "Jaké bude zítra počasí v Mostě?"}).text)
    assert "bez jistoty" in text


def test_try_page_escapes_the_question(admin_client: ConsoleClient) -> None:
    page = admin_client.get("/vyzkouset", params={"q": "<script>alert(1)</script> rekvalifikace"})
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text


def test_try_page_without_an_index_says_so(console_settings: Settings, tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    settings = console_settings.model_copy(update={"data_dir": tmp_path / "empty"})
    with TestClient(create_app(settings, start_worker=False), base_url=BASE) as http:
        client = ConsoleClient(http, settings)
        client.sign_in()
        page = client.get("/vyzkouset", params={"q": QUESTION})
        assert page.status_code == 200 and "Index zatím neexistuje" in html.unescape(page.text)
        assert "Sestavit index" in html.unescape(client.get("/").text)
