"""Issue 15 (2), (6), (8), (9: token): `bot run` starts on the last good published state, whatever else is broken.

The real CLI runs as a child process against the fake Bot API, as systemd would run it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from index.store import MANIFEST, current_build_path
from tests.paths import ROOT
from tests.reliability.botproc import BotProcess, bot_env, is_answer
from tests.telegram.conftest import TOKEN

pytestmark = pytest.mark.slow

QUESTION = "Kolik zaplatí úřad práce na rekvalifikaci?"
CZECH = set("ěščřžýáíéůúťďň")


def run_cli(args: list[str], settings: Settings, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"TELEGRAM_BOT_TOKEN", "DATA_DIR", "KNOWLEDGE_DIR"}}
    env.update(
        DATA_DIR=str(settings.data_dir),
        KNOWLEDGE_DIR=str(settings.knowledge_dir),
        EMBEDDING_CACHE_DIR=str(settings.embedding_cache_dir or ""),
        **extra,
    )
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def break_knowledge(folder: Path) -> None:
    (folder / "mas.yaml").write_text("mas: [\n  {id: rozbite\n", encoding="utf-8")
    (folder / "obce.csv").write_text("obec;okres;kod\nMost;Most;567027\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("command", "knowledge"), [("run", "broken"), ("start", "broken"), ("run", "missing"), ("start", "missing")]
)
async def test_bot_serves_the_published_build_when_knowledge_is_broken_or_missing(
    fake_api, small_index: Settings, tmp_path: Path, command: str, knowledge: str
) -> None:
    if knowledge == "broken":
        break_knowledge(small_index.knowledge_dir)
        settings = small_index
    else:
        settings = small_index.model_copy(update={"knowledge_dir": tmp_path / "no-such-folder"})
    bot = await BotProcess(fake_api, bot_env(settings, fake_api), tmp_path / "cwd", command).start()
    try:
        await bot.wait_polling()
        assert "Jak se ptát" in (await bot.ask(1, "/pomoc"))["text"]
        answer = await bot.ask(1, QUESTION)
        assert is_answer(answer) and "50 000 Kč" in answer["text"]
        mas = await bot.ask(1, "/obec Litvínov")
        assert "Naděje" in mas["text"]  # the tables come from the build, not from the broken folder
    finally:
        done = await bot.stop()
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["run", "start"])
async def test_without_a_build_the_bot_refuses_in_one_czech_and_one_english_line(
    fake_api, make_settings, tmp_path: Path, command: str
) -> None:
    settings = make_settings(knowledge_dir=tmp_path / "knowledge", data_dir=tmp_path / "empty")
    bot = await BotProcess(fake_api, bot_env(settings, fake_api), tmp_path / "cwd", command).start()
    done = await bot.finish()
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2
    assert len(lines) == 2, done.stderr
    assert CZECH & set(lines[0]) and "python -m index build" in lines[0]
    assert not CZECH & set(lines[1]) and "index" in lines[1].lower()
    assert "Traceback" not in done.stderr and TOKEN not in done.stderr


# --- (8) a manifest that is valid JSON but not an object -----------------------------------------


@pytest.fixture(params=["[]", "42", '"index"', "null"])
def manifest_not_an_object(request, small_index: Settings) -> Settings:
    folder = current_build_path(small_index.data_dir)
    assert folder is not None
    (folder / MANIFEST).write_text(request.param, encoding="utf-8")
    return small_index


def test_manifest_not_an_object_is_a_clear_message_and_a_rebuild_repairs_it(manifest_not_an_object: Settings) -> None:
    settings = manifest_not_an_object
    ask = run_cli(["-m", "bot", "ask", QUESTION], settings)
    assert ask.returncode == 2 and "Sestavte index znovu" in ask.stderr and "Traceback" not in ask.stderr
    stats = run_cli(["-m", "index", "stats"], settings)
    assert stats.returncode == 1 and "Sestavte index znovu" in stats.stderr and "Traceback" not in stats.stderr

    build = run_cli(["-m", "index", "build"], settings)
    assert build.returncode == 0, build.stderr
    assert "Index sestaven" in build.stdout and "Traceback" not in build.stderr
    again = run_cli(["-m", "bot", "ask", "--json", QUESTION], settings)
    assert again.returncode == 0 and json.loads(again.stdout)["confident"]
    assert json.loads(run_cli(["-m", "index", "stats", "--json"], settings).stdout)["chunks"] > 0


async def test_bot_run_with_a_manifest_that_is_not_an_object_exits_2_in_one_line_each(
    fake_api, manifest_not_an_object: Settings, tmp_path: Path
) -> None:
    bot = await BotProcess(fake_api, bot_env(manifest_not_an_object, fake_api), tmp_path / "cwd").start()
    done = await bot.finish()
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 2 and "Traceback" not in done.stderr


# --- (9) the token never appears, even when Telegram's error text contains it ---------------------


@pytest.mark.parametrize("status", [400, 500])
async def test_startup_failure_never_prints_the_token(fake_api, small_index: Settings, tmp_path: Path, status) -> None:
    fake_api.fail("getMe", status, "Internal error at /bot{token}/getMe: try later", times=100)
    bot = await BotProcess(fake_api, bot_env(small_index, fake_api), tmp_path / "cwd").start()
    done = await bot.finish()
    assert fake_api.calls and fake_api.calls[0].method == "getMe"
    assert done.returncode == 1
    assert TOKEN not in done.stderr and TOKEN.split(":")[1] not in done.stderr
    assert "<redacted>" in done.stderr  # the API's text was logged, redacted
    assert "Bot se zastavil" in done.stderr and "The bot stopped" in done.stderr


# --- (6) damaged files and a read-only DATA_DIR at start-up ------------------------------------


async def test_corrupt_database_and_state_files_are_moved_aside_and_the_bot_starts(
    fake_api, small_index: Settings, tmp_path: Path
) -> None:
    data = small_index.data_dir
    (data / "bot.sqlite3").write_bytes(b"this is not a database\x00" * 100)
    (data / "telegram_state.json").write_bytes(b'{"format": 1, "user_data": {"1": ')  # cut mid-write
    (data / "telegram_state.pickle").write_bytes(b"\x80\x05garbage")  # left by an older version
    bot = await BotProcess(fake_api, bot_env(small_index, fake_api), tmp_path / "cwd").start()
    try:
        await bot.wait_polling()
        assert is_answer(await bot.ask(2, QUESTION))
        assert "Naděje" in (await bot.ask(2, "/obec Litvínov"))["text"]
    finally:
        done = await bot.stop()
    assert done.returncode == 0, done.stderr
    assert len(list(data.glob("bot.sqlite3.corrupt-*"))) == 1
    assert len(list(data.glob("telegram_state.json.corrupt-*"))) == 1
    assert "database" in done.stderr and "damaged" in done.stderr and "Traceback" not in done.stderr
    # the fresh database works: the municipality was stored
    import sqlite3

    rows = sqlite3.connect(data / "bot.sqlite3").execute("SELECT obec FROM user_place WHERE user_id = 2").fetchall()
    assert rows == [("Litvínov",)]


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` unwritable for real: chmod for a normal user; root ignores modes, so chattr +i."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)], check=False).returncode:
        pytest.skip("running as root without chattr: cannot make a folder read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


async def test_read_only_data_dir_starts_in_memory_with_one_clear_message(
    fake_api, small_index: Settings, tmp_path: Path
) -> None:
    data = small_index.data_dir
    with read_only(data):
        assert not os.access(data, os.W_OK) or os.geteuid() == 0
        bot = await BotProcess(fake_api, bot_env(small_index, fake_api), tmp_path / "cwd").start()
        try:
            await bot.wait_polling()
            assert is_answer(await bot.ask(3, QUESTION))
            assert "Naděje" in (await bot.ask(3, "/obec Litvínov"))["text"]
            assert "Naděje" in (await bot.ask(3, "/mas"))["text"]  # remembered in memory
        finally:
            done = await bot.stop()
    assert done.returncode == 0, done.stderr
    assert "není zapisovatelná" in done.stderr  # the Czech line for the operator
    assert "not writable" in done.stderr and "Traceback" not in done.stderr
    assert not (data / "bot.sqlite3").exists()


async def test_webhook_mode_of_the_cli_answers_and_stops_cleanly(
    fake_api, small_index: Settings, tmp_path: Path
) -> None:
    import socket

    import aiohttp

    from tests.telegram.fake_bot_api import message_update, private_chat, user

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = bot_env(
        small_index, fake_api,
        WEBHOOK_URL="https://bot.example.cz/telegram/hook", WEBHOOK_PORT=str(port), WEBHOOK_SECRET="s3cret-for-tests",
    )  # fmt: skip
    bot = await BotProcess(fake_api, env, tmp_path / "cwd").start()
    try:
        await fake_api.wait_for(lambda: fake_api.calls_of("setWebhook"), timeout=120)
        fake_api.add_chat(private_chat(18_001))
        body = {"update_id": 1, **message_update(user(18_001), QUESTION)}
        headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-for-tests"}
        async with aiohttp.ClientSession() as http:
            async with http.post(f"http://127.0.0.1:{port}/telegram/hook", data=b"{", headers=headers) as resp:
                assert resp.status == 400
            async with http.post(f"http://127.0.0.1:{port}/telegram/hook", json=body, headers=headers) as resp:
                assert resp.status == 200
        (answer,) = await fake_api.wait_for_messages(1, 18_001, timeout=60)
        assert is_answer(answer)
    finally:
        done = await bot.stop()
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and TOKEN not in done.stderr
