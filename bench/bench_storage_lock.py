"""Latency of /start and a question while another process holds the database's write lock.

The bot runs as a child process (``bench_memory.py --child``: the same ``build_application`` as
``python -m bot run``) against the fake Bot API of the tests; a third process opens the bot's
``bot.sqlite3`` and holds ``BEGIN IMMEDIATE`` for ``--hold`` seconds (8 by default) — what a backup,
``sqlite3`` in a terminal or the staff console could do. We inject /start and a question at once and
print the time from the update being available to the answer arriving, with and without the lock.

Usage: ``.venv/bin/python bench/bench_storage_lock.py [--hold 8]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOCKER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("INSERT INTO daily_stats(day, questions, confident) VALUES ('1999-01-01', 0, 0)")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("ROLLBACK")
"""
QUESTION = "Kdo může žádat o dotaci z OPST?"


async def measure(api, uid: int, text: str) -> float:
    from tests.telegram.fake_bot_api import message_update, private_chat, user

    before = len(api.sent_to(uid))
    api.inject(message_update(user(uid), text, private_chat(uid)))
    started = time.monotonic()
    await api.wait_for_messages(before + 1, uid, timeout=60)
    return time.monotonic() - started


async def run(hold: float) -> int:
    from bot.config import load_settings
    from tests.telegram.fake_bot_api import FakeBotApi

    settings = load_settings()
    api = await FakeBotApi().start()
    state = Path(tempfile.mkdtemp(prefix="bench-lock-"))
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "123456:BENCH-token",
        "TELEGRAM_BASE_URL": api.base_url,
        "DATA_DIR": str(settings.data_dir.resolve()),
        "KNOWLEDGE_DIR": str(settings.knowledge_dir.resolve()),
        "PYTHONPATH": str(ROOT),
        "BENCH_STATE_DIR": str(state),
    }
    bot = await asyncio.create_subprocess_exec(
        sys.executable, str(ROOT / "bench" / "bench_memory.py"), "--child", env=env, cwd=str(state)
    )
    try:
        await api.wait_for(lambda: api.calls_of("getUpdates"), timeout=120)
        await measure(api, 1, QUESTION)  # warm-up (model pages, first query)
        free = [await measure(api, 2, "/start"), await measure(api, 2, QUESTION + " Děkuji.")]
        locker = await asyncio.create_subprocess_exec(
            sys.executable, "-c", LOCKER, str(state / "bot.sqlite3"), str(hold), stdout=asyncio.subprocess.PIPE
        )
        assert locker.stdout is not None
        await locker.stdout.readline()
        locked_at = time.monotonic()
        under_lock = [await measure(api, 3, "/start"), await measure(api, 3, QUESTION + " Prosím.")]
        still_held = time.monotonic() - locked_at < hold
        await locker.wait()
    finally:
        bot.send_signal(signal.SIGINT)
        await bot.wait()
        await api.stop()
    print(f"{'':<28} {'/start':>8} {'question':>9}")
    print(f"{'no lock':<28} {free[0]:>7.3f}s {free[1]:>8.3f}s")
    print(f"{f'write lock held {hold:g} s':<28} {under_lock[0]:>7.3f}s {under_lock[1]:>8.3f}s")
    print(f"both answered while the lock was still held: {still_held}")
    return 0 if still_held else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hold", type=float, default=8.0, help="seconds the other process holds the write lock")
    args = parser.parse_args()
    return asyncio.run(run(args.hold))


if __name__ == "__main__":
    raise SystemExit(main())
