"""Real browser tests: Debian's Chromium (through Playwright) against `python -m bot console` on 127.0.0.1.

Screenshots of every page go to tests/console/artifacts/ (git-ignored) for people to look at.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.console.files import text_hash
from bot.storage import Storage
from index.build import build_index
from index.store import load_index
from tests.console.conftest import ADMIN, OTHER_ADMIN, SECRET, Server, run_bot, screenshot, serve_console

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
GAP = ["kde sezenu formular na kotlikovou dotaci", "formulář kotlíková dotace", "formular na kotlikovou dotaci"]
BODY = (
    "Kotlíkové dotace v Ústeckém kraji vyřizuje krajský úřad; formulář najdete na jeho webu. "
    "S vyplněním vám poradí vaše MAS."
)
SOURCE = "https://www.kr-ustecky.cz/kotlikove-dotace/"


def seed_gaps(settings: Settings) -> None:
    storage = Storage.open(settings.database_path)
    for question, times in ((GAP[0], 3), (GAP[1], 2), (GAP[2], 1), ("jake bude zitra pocasi v moste", 2)):
        for _ in range(times):
            storage.log_question(question, confident=False)
    storage.add_feedback("a1", "Kolik stojí vstupné do zoo v Ústí?", ["https://x.cz"], -1)
    storage.close()


def sign_in(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.link())
    assert page.url == server.url + "/"


def wait_live(page, timeout: float = 120) -> str:  # type: ignore[no-untyped-def]
    """Wait until the saved change's status box says the new version is in the index (or live)."""
    page.wait_for_selector('[data-state="indexed"], [data-state="live"]', timeout=timeout * 1000)
    page.wait_for_selector("#build-status:not(.busy)", timeout=timeout * 1000)  # the status strip catches up
    return page.locator("[data-state]").first.get_attribute("data-state") or ""


@pytest.fixture(scope="module")
def curated_flow(tmp_path_factory: pytest.TempPathFactory, embedding_cache: Path, chromium) -> Iterator[dict]:  # type: ignore[no-untyped-def]
    """Sign in, open /mezery, answer the grouped gap in the browser, wait until it is live."""
    root = tmp_path_factory.mktemp("curated-flow")
    knowledge = root / "knowledge"
    shutil.copytree(ROOT / "tests" / "fixtures" / "knowledge", knowledge)
    for name in ("obce.csv", "mas.yaml", "vyzvy.yaml"):
        shutil.copy(ROOT / "knowledge" / name, knowledge / name)
    settings = Settings(
        _env_file=None, knowledge_dir=knowledge, data_dir=root / "var", embedding_cache_dir=embedding_cache,
        admin_ids=frozenset({ADMIN, OTHER_ADMIN}), console_secret=SECRET, index_poll_seconds=1,
    )  # fmt: skip
    build_index(settings.index_config)
    seed_gaps(settings)
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="cs-CZ")
    page = context.new_page()
    page.set_default_timeout(60_000)
    with serve_console(settings) as server:
        sign_in(page, server)
        page.goto(server.url + "/mezery")
        group = page.locator("article.gap", has_text=GAP[0])
        assert group.count() == 1
        for question in GAP:
            assert group.get_by_text(question, exact=False).count() >= 1
        screenshot(page, "mezery")
        group.get_by_role("link", name="Napsat odpověď").click()
        page.wait_for_url("**/odpovedi/nova?**")
        assert page.locator("#question").input_value() == GAP[0]
        assert GAP[1] in page.locator("#alternatives").input_value()
        page.locator("#body").fill(BODY)
        page.locator("#source-url-1").fill(SOURCE)
        page.locator("#source-as-of-1").fill("2026-10")
        page.wait_for_selector('[data-testid="preview"]')  # the htmx preview of what the bot will say
        preview = page.locator('[data-testid="preview"]').inner_text()
        assert BODY in preview and "stav k 10/2026" in preview
        screenshot(page, "odpoved-nova")
        page.get_by_role("button", name="Uložit odpověď").click()
        page.wait_for_url("**/odpovedi/upravit?**zmena=**")
        started = time.monotonic()
        state = wait_live(page)
        screenshot(page, "odpoved-ulozena")
        page.goto(server.url + "/mezery")
        assert page.locator("article.gap", has_text=GAP[0]).count() == 0  # marked resolved by the save
        page.goto(server.url + "/odpovedi")
        screenshot(page, "odpovedi")
        yield {"settings": settings, "state": state, "seconds": time.monotonic() - started}
    context.close()


def test_gap_answered_in_the_browser_is_in_the_rebuilt_index(curated_flow: dict) -> None:
    settings: Settings = curated_flow["settings"]
    assert curated_flow["state"] in ("indexed", "live")
    path = settings.knowledge_dir / "odpovedi" / "kde-sezenu-formular-na-kotlikovou-dotaci.md"
    text = path.read_text(encoding="utf-8")
    assert BODY in text and "  - formulář kotlíková dotace" in text and SOURCE in text
    manifest = load_index(settings.data_dir, settings.embedding_model).manifest
    assert manifest.files["odpovedi/kde-sezenu-formular-na-kotlikovou-dotaci.md"] == text_hash(text)


def test_bot_ask_then_returns_the_curated_answer(curated_flow: dict) -> None:
    done = run_bot(curated_flow["settings"], "ask", "--json", GAP[1])
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["answer"].startswith(BODY)


def test_assigning_a_mas_in_the_browser_is_what_bot_mas_returns(console_server: Server, browser_page) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    sign_in(page, console_server)
    page.goto(console_server.url + "/obce?stav=neovereno")
    screenshot(page, "obce")
    page.locator("#hledat").fill("Boleboř")
    page.get_by_role("button", name="Filtrovat").click()
    page.get_by_role("link", name="Přiřadit – Boleboř").click()
    page.wait_for_url("**/obce/upravit?kod=563005")
    page.locator("#assignment").select_option("zapadni_krusnohori")
    page.locator("#source").fill("https://www.maskaszk.cz/uzemi-mas/")
    page.locator("#period").fill("2021–2027")
    page.get_by_role("button", name="Uložit").click()
    page.wait_for_url("**zmena=**")
    assert "MAS Sdružení Západní Krušnohoří" in page.locator('[data-testid="bot-mas"]').inner_text()
    screenshot(page, "obec-ulozena")
    done = run_bot(console_server.settings, "mas", "--json", "Boleboř")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["status"] == "assigned" and result["mas"]["id"] == "zapadni_krusnohori"


def test_sign_in_with_a_link_and_out_again(console_server: Server, browser_page) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    page.goto(console_server.url + "/")
    assert page.url.endswith("/prihlaseni")
    screenshot(page, "prihlaseni")
    link = console_server.link()
    page.goto(link)
    assert page.get_by_text("Jana Nováková").is_visible()
    page.get_by_role("button", name="Odhlásit se").click()
    page.wait_for_url("**/prihlaseni?odhlaseno=1")
    assert page.get_by_text("Byli jste odhlášeni").is_visible()
    page.goto(link)  # a used link
    assert page.get_by_text("už byl použit").is_visible()
    screenshot(page, "prihlaseni-pouzity-odkaz")


def test_every_page_renders_and_the_live_check_works(console_server: Server, browser_page) -> None:  # type: ignore[no-untyped-def]
    seed_gaps(console_server.settings)
    page = browser_page
    sign_in(page, console_server)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))  # script errors (htmx, console.js, CSP)
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    for path, name in [
        ("/", "prehled"),
        ("/dokumenty", "dokumenty"),
        ("/dokumenty/zobrazit?id=rekvalifikace", "dokument"),
        ("/vyzvy", "vyzvy"),
        ("/vyzvy/upravit?id=opst-23-koncepce-priprava-uk", "vyzva-upravit"),
        ("/vyzvy/nova", "vyzva-nova"),
        ("/obce/upravit?kod=563005", "obec-upravit"),
        ("/vyzkouset?q=Kde+najdu+kurzy+rekvalifikace%3F", "vyzkouset"),
    ]:
        response = page.goto(console_server.url + path)
        assert response is not None and response.status == 200, path
        assert page.locator("h1").count() == 1
        screenshot(page, name)
    page.goto(console_server.url + "/dokumenty/upravit?id=rekvalifikace")
    editor = page.locator("#text")
    editor.fill(editor.input_value().replace("updated: 2026-11-26", "updated: 26. 11. 2026"))
    page.wait_for_selector("text=takový text nepůjde uložit")
    assert page.get_by_text("řádek 8").is_visible()
    screenshot(page, "dokument-upravit-chyba")
    page.get_by_role("button", name="Uložit").click()
    assert page.get_by_text("Neuloženo").is_visible()
    fixed = page.locator("#text").input_value().replace("updated: 26. 11. 2026", "updated: 2026-11-30")
    page.locator("#text").fill(fixed.replace("během 3 let", "během tří let"))
    page.locator("#summary").fill("Lhůta slovy")
    page.get_by_role("button", name="Uložit").click()
    page.wait_for_url("**zmena=**")
    wait_live(page)
    page.goto(console_server.url + "/zmeny")
    page.locator("details.change summary").first.click()
    added = "+Úřad práce ČR může zaplatit kurzy a rekvalifikace až do 50 000 Kč během tří let."
    assert page.get_by_text(added).is_visible()
    screenshot(page, "zmeny")
    assert errors == [], errors
