"""Answer quality on the question sets (tests/knowledge/sets/) and answer latency, as numbers.

Run: .venv/bin/python bench/bench_quality.py [--data-dir var] [--misses]
It builds (incrementally) the index of knowledge/ into DATA_DIR, then asks every question of every
set through the real engine. Targets (issues 10 and 11): key fact ≥ 0.85 (held-out ≥ 0.80),
answerable refused ≤ 5 %, off-topic answered ≤ 5 %, median length ≤ 450, p90 ≤ 900 characters,
folded twin within 2 points of the original, colloquial key fact ≥ 0.80, answer p50 / bare
embedding p50 ≤ 1.5.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.engine import Engine  # noqa: E402
from index.build import build_index  # noqa: E402
from tests.knowledge import evaluate as ev  # noqa: E402


def _row(name: str, score: ev.Score) -> str:
    median, p90 = score.lengths()
    return (
        f"{name:<22} {len(score):>4}  fact {score.share('fact'):6.1%}  held-out {score.share('fact', 'held_out'):6.1%}"
        f"  top5 {score.share('top5'):6.1%}  refused {score.share('refused'):6.1%}"
        f"  length p50 {median:4.0f} p90 {p90:4.0f}"
    )


def _latency(engine: Engine, questions: list[str]) -> tuple[float, float]:
    for q in questions[:5]:
        engine.answer(q + " ?")  # warm up on other texts (repeated questions are cached)
    answer_ms, embed_ms = [], []
    for q in questions:
        text = q + " (měření)"
        t0 = time.perf_counter()
        engine.embedder.embed_queries([text])
        embed_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        engine.answer(text + " ")
        answer_ms.append((time.perf_counter() - t0) * 1000)
    return statistics.median(answer_ms), statistics.median(embed_ms)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT / "var")
    parser.add_argument("--misses", action="store_true", help="list the tune-set misses (never held-out ones)")
    args = parser.parse_args()
    settings = Settings(knowledge_dir=ROOT / "knowledge", data_dir=args.data_dir, _env_file=None)
    build_index(settings.index_config)
    engine = Engine.load(settings)

    answerable = [item for name in ev.ANSWERABLE for item in ev.load(name)]
    scores = {
        "answerable": ev.evaluate(engine, answerable),
        "answerable (folded)": ev.evaluate(engine, ev.folded(answerable)),
        "colloquial": ev.evaluate(engine, ev.load("colloquial")),
        "ukrainian": ev.evaluate(engine, ev.load("uk"), "uk"),
        "english": ev.evaluate(engine, ev.load("en"), "en"),
    }
    offtopic = ev.evaluate(engine, ev.load("offtopic"))
    special = ev.evaluate_special(engine, ev.load("special"))

    print("set                     n    key fact       held-out       top 5        refused        length")
    for name, score in scores.items():
        print(_row(name, score))
    for name in ("ukrainian", "english"):
        print(f"{name:<22} answered in the asker's language {scores[name].share('lang_ok'):6.1%} (target ≥ 95 %)")
    print(f"{'off-topic':<22} {len(offtopic):>4}  answered {1 - offtopic.share('refused'):6.1%}  (target ≤ 5 %)")
    print(f"{'names and thanks':<22} {len(special):>4}  right {special.share('fact'):6.1%}")
    original, twin = scores["answerable"], scores["answerable (folded)"]
    print(
        f"folded twin − original: key fact {100 * (twin.share('fact') - original.share('fact')):+.1f} points, "
        f"refused {100 * (twin.share('refused') - original.share('refused')):+.1f} points"
    )
    answer_p50, embed_p50 = _latency(engine, [i["q"] for i in answerable[:40]])
    print(f"answer p50 {answer_p50:.1f} ms / bare embedding p50 {embed_p50:.1f} ms = {answer_p50 / embed_p50:.2f}")
    if args.misses:
        for name, score in (("answerable", original), ("colloquial", scores["colloquial"])):
            for o in score.outcomes:
                if o.item.get("split") == "held_out" or o.fact:
                    continue
                print(f"  {name} miss {o.item['id']} [{o.item.get('kind')}] {o.item['q']!r} → {o.answer.body[:140]!r}")
        for o in offtopic.outcomes:
            if not o.refused and o.item.get("split") != "held_out":
                print(f"  off-topic answered {o.item['id']} {o.item['q']!r} → {o.answer.body[:100]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
