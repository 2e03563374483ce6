"""Time from "save in the console" to "the bot answers with it".

Runs the real console app (Starlette, in-process via its ASGI test client) over a copy of
knowledge/ and a bot-side Engine in the same process that polls for a new index every 0.1 s
(the running bot does the same every INDEX_POLL_SECONDS). For each run it prints:

* save: the POST until the response (check of the whole folder, atomic write, change log);
* in index: save until the background rebuild has published an index containing the file;
* bot answers: save until the Engine, after its reload, answers a question with the new text.

Document edits are measured end to end. A curated answer is measured until it is in the
published index (the engine matches curated answers once issue 10 lands).

Usage: .venv/bin/python bench/bench_console.py [--runs 3]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from starlette.testclient import TestClient  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.console.app import create_app  # noqa: E402
from bot.console.auth import issue_link  # noqa: E402
from bot.engine import Engine  # noqa: E402
from index.build import build_index  # noqa: E402
from index.store import current_build_path, read_manifest  # noqa: E402

ADMIN = 1
BASE = "http://127.0.0.1:8080"
DOC = "rekvalifikace.md"
QUESTION = "Kolik peněz zaplatí úřad práce za rekvalifikaci?"


def csrf(client: TestClient) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text)
    assert match
    return match.group(1)


def wait(predicate, timeout: float = 120.0, step: float = 0.02) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if predicate():
            return time.perf_counter()
        time.sleep(step)
    raise TimeoutError("condition not reached")


def in_index(settings: Settings, relative: str, digest: str) -> bool:
    folder = current_build_path(settings.data_dir)
    return folder is not None and read_manifest(folder).get("files", {}).get(relative) == digest


def bot_answers(bot: Engine, marker: str) -> bool:
    """One poll of the bot: reload a newly published index, then ask."""
    bot.reload_if_changed()
    return marker in bot.answer(QUESTION).text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=ROOT / "var" / "cache", help="embedding cache kept between runs")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-console-"))
    try:
        shutil.copytree(ROOT / "knowledge", tmp / "knowledge")
        settings = Settings(
            _env_file=None, knowledge_dir=tmp / "knowledge", data_dir=tmp / "var", admin_ids=frozenset({ADMIN}),
            console_secret="bench-secret-0123456789abcdefghijklmnopqrstuvwxyz", index_poll_seconds=1,
            embedding_cache_dir=args.cache,
        )  # fmt: skip
        started = time.perf_counter()
        build_index(settings.index_config)
        print(f"initial build of knowledge/ (cache {args.cache}): {time.perf_counter() - started:.1f} s")
        bot = Engine.load(settings)
        app = create_app(settings)
        doc_path = settings.knowledge_dir / DOC
        rows: dict[str, list[float]] = {"doc save": [], "doc in index": [], "doc bot answers": [],
                                        "answer save": [], "answer in index": []}  # fmt: skip
        with TestClient(app, base_url=BASE) as client:
            client.get(issue_link(app.state.console.storage, ADMIN, "Bench", BASE).removeprefix(BASE))
            token = csrf(client)
            for run in range(args.runs):
                marker = f"(ověřeno při měření číslo {run + 1})"
                old = doc_path.read_text(encoding="utf-8")
                new = re.sub(r"až do 50 000 Kč[^.]*", f"až do 50 000 Kč {marker}", old, count=1)
                assert new != old
                base = hashlib.sha256(old.encode()).hexdigest()
                t0 = time.perf_counter()
                response = client.post(
                    "/dokumenty/ulozit", data={"csrf": token, "id": DOC[:-3], "base": base, "text": new},
                    follow_redirects=False,
                )  # fmt: skip
                t1 = time.perf_counter()
                assert response.status_code == 303, response.text[-500:]
                digest = hashlib.sha256(new.encode()).hexdigest()
                t2 = wait(lambda digest=digest: in_index(settings, DOC, digest))
                t3 = wait(
                    lambda marker=marker: bot.reload_if_changed() is not None and marker in bot.answer(QUESTION).text
                )
                rows["doc save"].append(t1 - t0)
                rows["doc in index"].append(t2 - t0)
                rows["doc bot answers"].append(t3 - t0)

                slug = f"bench-{run + 1}"
                body = f"Ano, úřad práce může zaplatit rekvalifikaci {marker}."
                fields = {
                    "csrf": token, "base": "-", "slug": slug, "question": f"Zaplatí mi stát rekvalifikaci {run + 1}?",
                    "alternatives": "je rekvalifikace zadarmo", "body": body,
                    "source_url": "https://www.uradprace.cz/rekvalifikace", "source_as_of": "2026-03",
                    "author": "Bench", "updated": "2026-11-30", "lang": "cs",
                }  # fmt: skip
                t0 = time.perf_counter()
                response = client.post("/odpovedi/ulozit", data=fields, follow_redirects=False)
                t1 = time.perf_counter()
                assert response.status_code == 303, response.text[-500:]
                relative = f"odpovedi/{slug}.md"
                text = (settings.knowledge_dir / relative).read_text(encoding="utf-8")
                digest = hashlib.sha256(text.encode()).hexdigest()
                t2 = wait(lambda relative=relative, digest=digest: in_index(settings, relative, digest))
                rows["answer save"].append(t1 - t0)
                rows["answer in index"].append(t2 - t0)
                app.state.console.rebuilder.wait_idle(120)
        print(f"{'step':<18} {'median':>8} {'min':>8} {'max':>8}   ({args.runs} runs, seconds)")
        for name, values in rows.items():
            print(f"{name:<18} {statistics.median(values):8.2f} {min(values):8.2f} {max(values):8.2f}")
        print("(a running bot adds up to INDEX_POLL_SECONDS, default 30 s, before it reloads)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
