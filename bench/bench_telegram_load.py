"""Load benchmark: 200 users send a question at the same moment to the real bot process.

The bot runs as a child process (the same ``build_application`` as ``python -m bot run``, long
polling) against the fake Bot API server of the tests on 127.0.0.1. For every user we measure the
time from the moment the update is available to the moment the answer arrives at the server.

Two runs:

* ``telegram limits`` — the production configuration: ``AIORateLimiter`` keeps the whole bot
  under Telegram's ~30 requests/s, so 200 answers (+ 200 typing indicators) take at least
  ~13 s no matter how fast the engine is; this run shows the limiter doing its job.
* ``no flood limit`` — the same bot with the overall limit lifted (as with a self-hosted Bot API
  server or paid broadcasts); this is the bot's own latency, compared with the 2 s target.

Usage: ``.venv/bin/python bench/bench_telegram_load.py [--users 200] [--only-unlimited]``
(uses DATA_DIR/KNOWLEDGE_DIR like the bot; builds the index first if there is none).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import resource
import signal
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "telegram"))
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "Co je Fond pro spravedlivou transformaci?",
    "Kdo může žádat o dotaci z OPST?",
    "Kolik může úřad práce zaplatit za rekvalifikaci?",
    "Jaké strategické projekty má Ústecký kraj?",
    "Jak získat dotaci na brownfield?",
    "Co je komunitní energetika?",
    "Co dělá místní akční skupina?",
    "Kde najdu vouchery pro podnikatele?",
    "Jaká MAS působí v Litvínově?",
    "Kdy jsou otevřené tematické výzvy OPST?",
]
TARGET_P95 = 2.0


def child(rate: float | None) -> int:
    """Run the bot (child process) until SIGINT."""
    from telegram import Update

    from bot.config import load_settings
    from bot.engine import Engine
    from bot.storage import Storage
    from bot.telegram.app import build_application, setup_logging

    settings = load_settings()
    # The index is read from DATA_DIR; the bench's database and persistence go to a temp folder.
    bot_settings = settings.model_copy(update={"data_dir": Path(os.environ["BENCH_DB_DIR"])})
    setup_logging(settings.telegram_bot_token.get_secret_value(), level=30)
    engine = Engine.load(settings)
    storage = Storage.open(bot_settings.database_path)
    app = build_application(bot_settings, engine, storage, overall_max_rate=rate)
    app.run_polling(allowed_updates=Update.ALL_TYPES, poll_interval=0.0, timeout=5)
    storage.close()
    return 0


async def stop_bot(proc: asyncio.subprocess.Process, api: Any) -> None:
    """Stop the bot child as systemd would (SIGINT, then kill after a minute) and the fake Bot API."""
    proc.send_signal(signal.SIGINT)
    try:
        await asyncio.wait_for(proc.wait(), 60)
    except TimeoutError:
        proc.kill()
        await proc.wait()
    await api.stop()


def distinct_questions(count: int) -> list[str]:
    """`count` different questions (the knowledge test set, then polite variants): no repeated query."""
    import yaml

    data = yaml.safe_load((ROOT / "tests" / "knowledge" / "questions.yaml").read_text(encoding="utf-8"))
    base = [q["q"] for q in (data["questions"] if isinstance(data, dict) else data)]
    variants = [*base, *(f"Dobrý den, {q[0].lower()}{q[1:]}" for q in base), *(f"Prosím, {q}" for q in base)]
    return variants[:count]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


async def run_once(
    label: str, users: int, rate: float | None, data_dir: Path, knowledge_dir: Path, questions: list[str]
) -> dict:
    from fake_bot_api import FakeBotApi, buttons, message_update, private_chat, user

    api = await FakeBotApi().start()
    work = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-telegram-{os.getpid()}-{label.replace(' ', '-')}"
    work.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "123456:BENCH-token",
        "TELEGRAM_BASE_URL": api.base_url,
        "DATA_DIR": str(data_dir),
        "KNOWLEDGE_DIR": str(knowledge_dir),
        "USER_RATE_LIMIT": "1000",
        "PYTHONPATH": str(ROOT),
    }
    args = [sys.executable, __file__, "--child"] + ([] if rate is None else ["--rate", str(rate)])
    # The bot's SQLite database would land in DATA_DIR; keep the bench's out of it.
    env["BENCH_DB_DIR"] = str(work)
    proc = await asyncio.create_subprocess_exec(*args, env=env, cwd=str(work))
    try:
        await api.wait_for(lambda: api.calls_of("getUpdates"), timeout=120)
        # warm-up: one question, so model/index pages are loaded before the burst
        api.inject(message_update(user(1), QUESTIONS[0], private_chat(1)))
        await api.wait_for_messages(1, 1, timeout=60)

        injected: dict[int, float] = {}
        for i in range(users):
            uid = 100_000 + i
            api.inject(message_update(user(uid), questions[i % len(questions)], private_chat(uid)))
            injected[uid] = time.monotonic()

        def answered() -> dict[int, float]:
            out = {}
            for msg in api.sent:
                uid = msg["chat"]["id"]
                is_answer = any(b["callback_data"].startswith("fb:") for b in buttons(msg))
                if uid in injected and uid not in out and is_answer:
                    out[uid] = api.delivered_at[(uid, msg["message_id"])]
            return out

        with contextlib.suppress(TimeoutError):
            await api.wait_for(lambda: len(answered()) >= users, timeout=180)
        done = answered()
    finally:
        await stop_bot(proc, api)
    latencies = [done[u] - injected[u] for u in done]
    typing: dict[int, float] = {}
    for call in api.calls:
        uid = call.params.get("chat_id")
        if call.method == "sendChatAction" and call.status == 200 and uid in injected and uid not in typing:
            typing[uid] = call.at - injected[uid]
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "run": label,
        "answered": len(done),
        "users": users,
        "p50_s": round(statistics.median(latencies), 3) if latencies else None,
        "p95_s": round(percentile(latencies, 95), 3) if latencies else None,
        "max_s": round(max(latencies), 3) if latencies else None,
        "typing_p50_s": round(statistics.median(typing.values()), 3) if typing else None,
        "peak_rss_mb": round(rss_mb, 1),
        "p95_vs_2s_target": round(percentile(latencies, 95) / TARGET_P95, 2) if latencies else None,
        "api_errors": len(api.errors),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--only-unlimited", action="store_true", help="skip the run with Telegram's flood limits")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rate", type=float, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.rate)

    from bot.config import load_settings
    from index.build import build_index
    from index.store import current_build_path

    settings = load_settings()
    data_dir, knowledge_dir = settings.data_dir.resolve(), settings.knowledge_dir.resolve()
    if current_build_path(data_dir) is None:
        print(f"No index in {data_dir}; building it from {knowledge_dir} …", flush=True)
        build_index(settings.index_config)
    runs = [("no flood limit", 1_000_000.0, QUESTIONS), ("all distinct", 1_000_000.0, distinct_questions(args.users))]
    if not args.only_unlimited:
        runs.append(("telegram limits", None, QUESTIONS))
    results = []
    for label, rate, questions in runs:
        result = asyncio.run(run_once(label, args.users, rate, data_dir, knowledge_dir, questions))
        results.append(result)
        print(json.dumps(result, ensure_ascii=False), flush=True)
    print()
    header = ("run", "answered", "p50 s", "p95 s", "max s", "peak RSS MB", "p95/2s")
    print("{:<16} {:>9} {:>7} {:>7} {:>7} {:>12} {:>7}".format(*header))
    for r in results:
        print(
            f"{r['run']:<16} {r['answered']:>4}/{r['users']:<4} {r['p50_s']!s:>7} {r['p95_s']!s:>7} "
            f"{r['max_s']!s:>7} {r['peak_rss_mb']:>12} {r['p95_vs_2s_target']!s:>7}"
        )
    print("RSS is the peak of all bot child processes so far (ru_maxrss of RUSAGE_CHILDREN).")
    return 0 if all(r["answered"] == r["users"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
