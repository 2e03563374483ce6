"""Every change is safe: change log at /zmeny, git commits with the admin as author, rebuild and live status,
a refused build keeps the last good index, and nothing is written outside knowledge/ and DATA_DIR."""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from bot.config import Settings
from bot.console.files import text_hash
from bot.console.live import write_bot_status
from index.store import current_build_path, load_index
from tests.console.conftest import ConsoleClient, files_outside, hidden

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def edit(client: ConsoleClient, settings: Settings, old: str, new: str, doc: str = "rekvalifikace") -> str:
    text = (settings.knowledge_dir / f"{doc}.md").read_text(encoding="utf-8")
    response = client.post(
        "/dokumenty/ulozit",
        {"id": doc, "base": text_hash(text), "text": text.replace(old, new), "summary": f"{old} → {new}"},
        follow_redirects=False,
    )
    assert response.status_code == 303, html.unescape(response.text)[-2000:]
    return response.headers["location"]


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=True).stdout


def test_change_log_lists_who_when_which_file_and_the_diff(
    admin_client: ConsoleClient, console_settings: Settings
) -> None:
    edit(admin_client, console_settings, "během 3 let", "během tří let")
    page = html.unescape(admin_client.get("/zmeny").text)
    assert "během 3 let → během tří let" in page and "Jana Nováková" in page and "knowledge/rekvalifikace.md" in page
    assert '<span class="del">-Úřad práce ČR může zaplatit kurzy a rekvalifikace až do 50 000 Kč během 3 let.' in page
    assert '<span class="add">+Úřad práce ČR může zaplatit kurzy a rekvalifikace až do 50 000 Kč během tří let.' in page
    assert "Složka se znalostmi není v gitu" in page  # a temp folder: saved without a commit, and said so
    change_id = admin_client.console.storage.changes()[0].id
    detail = html.unescape(admin_client.get(f"/zmeny/{change_id}").text)
    assert "Telegram ID 4242" in detail and "úprava" in detail
    assert admin_client.get("/zmeny/99999").status_code == 404
    only = html.unescape(admin_client.get("/zmeny", params={"soubor": "knowledge/fond.md"}).text)
    assert "Celkem 1 změna" in only and "během tří let" not in only


def test_saves_are_git_commits_with_the_admin_as_author(client: ConsoleClient, console_settings: Settings) -> None:
    repo = console_settings.knowledge_dir.parent
    git(repo, "init", "-q")
    git(repo, "-c", "user.name=Setup", "-c", "user.email=setup@example.invalid", "add", "knowledge")
    git(repo, "-c", "user.name=Setup", "-c", "user.email=setup@example.invalid", "commit", "-qm", "init")
    (repo / "unrelated.txt").write_text("staged but not ours\n")
    git(repo, "add", "unrelated.txt")
    client.sign_in(name="Petr Svoboda")
    edit(client, console_settings, "během 3 let", "během tří let")
    log = git(repo, "log", "-1", "--format=%an <%ae>%n%s", "--name-only")
    assert log.startswith("Petr Svoboda <telegram-4242@users.noreply.invalid>\nběhem 3 let → během tří let")
    assert "knowledge/rekvalifikace.md" in log and "unrelated.txt" not in log
    change = client.console.storage.changes()[0]
    assert change.git_commit == git(repo, "rev-parse", "HEAD").strip()
    assert "unrelated.txt" in git(repo, "diff", "--cached", "--name-only")  # someone else's staged file untouched


def test_a_failing_git_never_fails_the_save(client: ConsoleClient, console_settings: Settings) -> None:
    repo = console_settings.knowledge_dir.parent
    git(repo, "init", "-q")
    (repo / ".git" / "index.lock").write_text("")  # another git process holds the lock
    client.sign_in()
    edit(client, console_settings, "během 3 let", "během tří let")
    assert "během tří let" in (console_settings.knowledge_dir / "rekvalifikace.md").read_text(encoding="utf-8")
    change = client.console.storage.changes()[0]
    assert change.git_commit is None and "Commit do gitu se nepodařil" in (change.git_note or "")


def test_status_goes_from_waiting_to_indexed_to_live(admin_client: ConsoleClient, console_settings: Settings) -> None:
    location = edit(admin_client, console_settings, "během 3 let", "během tří let")
    change_id = int(location.rsplit("zmena=", 1)[1])
    admin_client.wait_built()
    fragment = admin_client.get(f"/stav/zmena/{change_id}").text
    assert 'data-state="indexed"' in fragment and "V indexu" in html.unescape(fragment)
    build = load_index(console_settings.data_dir, console_settings.embedding_model).build_id
    write_bot_status(console_settings.data_dir, build)  # what the running bot reports after its reload
    live = admin_client.get(f"/stav/zmena/{change_id}").text
    assert 'data-state="live"' in live and "bot už odpovídá podle této verze" in html.unescape(live)
    assert "hx-trigger" not in live  # done: the page stops polling
    edit(admin_client, console_settings, "během tří let", "během čtyř let")
    admin_client.wait_built()
    assert 'data-state="superseded"' in admin_client.get(f"/stav/zmena/{change_id}").text


def test_a_broken_build_is_reported_and_the_last_good_index_keeps_serving(
    admin_client: ConsoleClient, console_settings: Settings
) -> None:
    before = current_build_path(console_settings.data_dir)
    broken = console_settings.knowledge_dir / "fond.md"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("title:", "titul:", 1), encoding="utf-8"
    )  # a hand edit
    location = edit(admin_client, console_settings, "během 3 let", "během tří let")
    admin_client.wait_built()
    change_id = int(location.rsplit("zmena=", 1)[1])
    fragment = html.unescape(admin_client.get(f"/stav/zmena/{change_id}").text)
    assert 'data-state="failed"' in fragment and "Chybí název dokumentu" in fragment
    assert "poslední funkční index" in fragment
    assert current_build_path(console_settings.data_dir) == before
    assert "Poslední sestavení indexu selhalo" in html.unescape(admin_client.get("/").text)


def test_nothing_is_written_outside_knowledge_and_data_dir(
    admin_client: ConsoleClient, console_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = console_settings.knowledge_dir.parent
    system_tmp = root / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    before = set(files_outside(root, [console_settings.knowledge_dir, console_settings.data_dir]))
    edit(admin_client, console_settings, "během 3 let", "během tří let")
    admin_client.post("/dokumenty/ulozit", {"slug": "../../venku", "base": "-", "text": "---\ntitle: x\n---\nx\n"})
    editor = admin_client.get("/obce/upravit", params={"kod": "563005"})
    admin_client.post(
        "/obce/ulozit",
        {"kod": "563005", "base": hidden(editor.text, "base"), "assignment": "vladar",
         "source": "https://www.vladar.cz/uzemi/", "period": "2021–2027"},
    )  # fmt: skip
    admin_client.wait_built()
    after = set(files_outside(root, [console_settings.knowledge_dir, console_settings.data_dir]))
    assert after == before and not any(system_tmp.iterdir())
    assert not (root.parent / "venku.md").exists()
