"""`python -m bot run|start` as a real child process against the fake Bot API (what systemd would run)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.config import Settings
from tests.paths import ROOT
from tests.telegram.conftest import TOKEN
from tests.telegram.fake_bot_api import FakeBotApi, buttons, message_update, private_chat, user


@dataclass
class Finished:
    returncode: int
    stderr: str


def bot_env(settings: Settings, api: FakeBotApi, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"TELEGRAM_BOT_TOKEN", "WEBHOOK_URL", "WEBHOOK_SECRET", "DATA_DIR", "KNOWLEDGE_DIR"}
    }
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_BASE_URL=api.base_url,
        DATA_DIR=str(settings.data_dir),
        KNOWLEDGE_DIR=str(settings.knowledge_dir),
        EMBEDDING_CACHE_DIR=str(settings.embedding_cache_dir or ""),
        PYTHONPATH=str(ROOT),
        INDEX_POLL_SECONDS="3600",
    )
    env.update(extra)
    return env


class BotProcess:
    """The bot as a child process; stderr goes to a file (a full pipe would block the bot)."""

    def __init__(self, api: FakeBotApi, env: dict[str, str], workdir: Path, command: str = "run") -> None:
        self.api = api
        self.env = env
        self.workdir = workdir
        self.command = command
        self.log = workdir / f"bot-{command}.stderr"
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> BotProcess:
        self.workdir.mkdir(parents=True, exist_ok=True)  # cwd without a .env of the repository
        with open(self.log, "wb") as err:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", self.command,
                cwd=self.workdir, env=self.env, stdout=asyncio.subprocess.DEVNULL, stderr=err,
            )  # fmt: skip
        return self

    @property
    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    async def wait_polling(self, timeout: float = 120) -> None:
        """Until the bot asks for updates (it started), or fail with its stderr if it exited."""
        assert self.proc is not None

        def ready() -> bool:
            if self.proc is not None and self.proc.returncode is not None:
                raise AssertionError(f"the bot exited with {self.proc.returncode}:\n{self.stderr}")
            return bool(self.api.calls_of("getUpdates"))

        await self.api.wait_for(ready, timeout)

    async def ask(self, uid: int, text: str, timeout: float = 60) -> dict:
        before = len(self.api.sent_to(uid))
        self.api.inject(message_update(user(uid), text, private_chat(uid)))
        return (await self.api.wait_for_messages(before + 1, uid, timeout))[before]

    async def finish(self, timeout: float = 60) -> Finished:
        """Wait for the process to exit by itself."""
        assert self.proc is not None
        await asyncio.wait_for(self.proc.wait(), timeout)
        return Finished(self.proc.returncode or 0, self.stderr)

    async def stop(self, timeout: float = 60) -> Finished:
        """SIGINT (what systemd's KillSignal is), then wait for a clean exit."""
        assert self.proc is not None
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(self.proc.wait(), timeout)
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()
        return Finished(self.proc.returncode or 0, self.stderr)

    async def kill(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()
            await self.proc.wait()


def is_answer(msg: dict) -> bool:
    """An answer to a question (rated, or an off-topic "nevím" that still offers "Moje MAS"), not an error."""
    return any(b.get("callback_data", "").startswith("fb:") or b.get("callback_data") == "mas" for b in buttons(msg))
