"""Memory over many distinct questions: resident memory every 1,000 questions and the growth ratio.

Two modes:

* ``engine`` (default) — the real ``Engine`` in this process answers ``--questions`` distinct
  questions; RSS of this process is printed every 1,000.
* ``bot`` — the real bot runs as a child process (the same ``build_application`` as
  ``python -m bot run``, long polling, its own SQLite and state file in a temp folder) against the
  fake Bot API of the tests on 127.0.0.1; every question comes from a different user (the worst
  case for per-user state) and the bot's RSS is read from /proc every 1,000 answers. Telegram's
  overall flood limit is lifted, as in ``bench_telegram_load.py``, so the run takes minutes, not hours.

Usage: ``.venv/bin/python bench/bench_memory.py [--mode engine|bot] [--questions 10000]``
(DATA_DIR/KNOWLEDGE_DIR like the bot; builds the index first if there is none).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEMPLATES = [
    "Může obec {obec} dostat dotaci na {tema}?",
    "Kdo v obci {obec} poradí s projektem na {tema}?",
    "Kolik peněz může spolek z obce {obec} získat na {tema}?",
    "Jak požádat o podporu na {tema}, když bydlím v obci {obec}?",
    "Která MAS pomůže obci {obec} s žádostí o peníze na {tema}?",
    "Je v roce 2026 otevřená výzva na {tema} pro obec {obec}?",
]
TOPICS = [
    "cyklostezku", "opravu školy", "komunitní energetiku", "brownfield", "rekvalifikaci zaměstnanců",
    "nové hřiště", "zateplení obecního úřadu", "fotovoltaiku na škole", "digitalizaci firmy",
    "sociální podnik", "výsadbu stromů", "kulturní dům", "startup", "vodní nádrž", "výzkum a vývoj",
    "obnovu krajiny po těžbě", "sdílená auta", "dětskou skupinu", "knihovnu", "tepelné čerpadlo",
]  # fmt: skip


def distinct_questions(count: int, seed: int = 15) -> list[str]:
    """``count`` different questions: templates × topics × the region's municipalities, shuffled."""
    with open(ROOT / "knowledge" / "obce.csv", encoding="utf-8") as fh:
        names = [row["obec"] for row in csv.DictReader(fh)]
    questions = [t.format(obec=o, tema=tema) for t in TEMPLATES for tema in TOPICS for o in names]
    random.Random(seed).shuffle(questions)
    if len(questions) < count:
        raise SystemExit(f"only {len(questions)} distinct questions available")
    return questions[:count]


def rss_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def report(curve: list[tuple[int, float]]) -> None:
    print()
    print(f"{'questions':>10} {'RSS MB':>8}")
    for n, mb in curve:
        print(f"{n:>10} {mb:>8.1f}")
    first, last = curve[0][1], curve[-1][1]
    print(f"growth last/first: {last / first:.3f} ({first:.1f} → {last:.1f} MB)")


# --- engine mode -------------------------------------------------------------------------------------


def run_engine(count: int) -> list[tuple[int, float]]:
    from bot.config import load_settings
    from bot.engine import Engine

    settings = load_settings()
    ensure_index(settings)
    engine = Engine.load(settings)
    questions = distinct_questions(count)
    curve: list[tuple[int, float]] = []
    started = time.perf_counter()
    for i, q in enumerate(questions, 1):
        engine.answer(q)
        if i % 1000 == 0 or i == count:  # a short run still gets a point
            curve.append((i, rss_mb()))
            print(f"{i:>6} questions  RSS {curve[-1][1]:7.1f} MB  {time.perf_counter() - started:6.1f} s", flush=True)
    return curve


def ensure_index(settings: Settings) -> None:
    from index.build import build_index
    from index.store import current_build_path

    if current_build_path(settings.data_dir) is None:
        print("No index; building it first …", flush=True)
        build_index(settings.index_config)


# --- bot mode ----------------------------------------------------------------------------------------


def child() -> int:
    """The bot (child process) until SIGINT; database and state in BENCH_STATE_DIR."""
    from telegram import Update

    from bot.config import load_settings
    from bot.engine import Engine
    from bot.storage import Storage
    from bot.telegram.app import build_application, setup_logging

    settings = load_settings()
    bot_settings = settings.model_copy(update={"data_dir": Path(os.environ["BENCH_STATE_DIR"])})
    assert settings.telegram_bot_token is not None
    setup_logging(settings.telegram_bot_token.get_secret_value(), level=30)
    engine = Engine.load(settings)
    storage = Storage.open(bot_settings.database_path)
    app = build_application(bot_settings, engine, storage, overall_max_rate=1_000_000.0)
    app.run_polling(allowed_updates=Update.ALL_TYPES, poll_interval=0.0, timeout=5)
    return 0


async def run_bot(count: int, wave: int = 50) -> list[tuple[int, float]]:
    from bench.bench_telegram_load import stop_bot
    from bot.config import load_settings
    from tests.telegram.fake_bot_api import FakeBotApi, message_update, private_chat, user

    settings = load_settings()
    ensure_index(settings)
    api = await FakeBotApi().start()
    state = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "123456:BENCH-token",
        "TELEGRAM_BASE_URL": api.base_url,
        "DATA_DIR": str(settings.data_dir.resolve()),
        "KNOWLEDGE_DIR": str(settings.knowledge_dir.resolve()),
        "USER_RATE_LIMIT": "1000",
        "PYTHONPATH": str(ROOT),
        "BENCH_STATE_DIR": str(state),
    }
    proc = await asyncio.create_subprocess_exec(sys.executable, __file__, "--child", env=env, cwd=str(state))
    curve: list[tuple[int, float]] = []
    started = time.perf_counter()
    try:
        await api.wait_for(lambda: api.calls_of("getUpdates"), timeout=120)
        questions = distinct_questions(count)
        for start in range(0, count, wave):
            end = min(start + wave, count)
            for i in range(start, end):
                uid = 1_000_000 + i
                api.inject(message_update(user(uid), questions[i], private_chat(uid)))
            await api.wait_for(lambda n=end - start: len(api.sent) >= n, timeout=300)
            # the fake server forgets what it delivered: only the bot's memory is measured, not ours
            api.sent.clear()
            api.messages.clear()
            api.calls.clear()
            api.delivered_at.clear()
            if end % 1000 == 0 or end == count:
                curve.append((end, rss_mb(proc.pid)))
                elapsed = time.perf_counter() - started
                print(f"{end:>6} questions  bot RSS {curve[-1][1]:7.1f} MB  {elapsed:6.1f} s", flush=True)
    finally:
        await stop_bot(proc, api)
    return curve


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["engine", "bot"], default="engine")
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child()
    curve = run_engine(args.questions) if args.mode == "engine" else asyncio.run(run_bot(args.questions))
    report(curve)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
