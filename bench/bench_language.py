"""Benchmark of language detection (bot/language.py) on short bot messages.

Run: .venv/bin/python bench/bench_language.py [-n 20]
Prints the detector's load time and resident memory, µs per message, the accuracy of the answer
language (cs, uk, en) overall and per written language, the accuracy of the written language for
messages in one language, and every miss.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from bot.language import Detection

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MESSAGES = ROOT / "tests" / "language" / "messages.yaml"
HOLDOUT = ROOT / "tests" / "language" / "holdout.yaml"


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="passes over the messages for the timing")
    args = parser.parse_args()

    base = rss_mb()
    t0 = time.perf_counter()
    from bot.language import detect, detector

    t1 = time.perf_counter()
    detector()
    detect("Dobrý den, kolik peněz dostane obec?")  # lingua loads its models on first use
    t2 = time.perf_counter()
    print(f"import {1000 * (t1 - t0):.0f} ms, detector and models {1000 * (t2 - t1):.0f} ms, ", end="")
    print(f"RSS +{rss_mb() - base:.0f} MB ({rss_mb():.0f} MB)")

    messages = yaml.safe_load(MESSAGES.read_text(encoding="utf-8"))
    timings = []
    for _ in range(args.n):
        for m in messages:
            start = time.perf_counter_ns()
            detect(m["text"], m.get("hint"))
            timings.append((time.perf_counter_ns() - start) / 1000)
    timings.sort()
    print(
        f"detect: {len(messages)} messages × {args.n}: mean {statistics.fmean(timings):.0f} µs, "
        f"median {statistics.median(timings):.0f} µs, p99 {timings[int(len(timings) * 0.99)]:.0f} µs"
    )

    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    written_right = written_total = 0
    misses = []
    for m in messages:
        found = detect(m["text"], m.get("hint"))
        total[m["written"]] += 1
        if found.language == m["lang"]:
            right[m["written"]] += 1
        else:
            misses.append((m, found))
        if m["written"] != "mixed":
            written_total += 1
            written_right += found.written == m["written"]
    n_right, n = sum(right.values()), sum(total.values())
    print(f"answer language right: {n_right}/{n} = {n_right / n:.3f} (target ≥ 0.95)")
    print("  per written language: " + ", ".join(f"{k} {right[k]}/{v}" for k, v in sorted(total.items())))
    print(f"written language right (one-language messages): {written_right}/{written_total}")
    for m, found in misses:
        print_miss(m, found)
    held = yaml.safe_load(HOLDOUT.read_text(encoding="utf-8"))
    held_misses = [(m, f) for m in held for f in [detect(m["text"], m.get("hint"))] if f.language != m["lang"]]
    n_held = len(held) - len(held_misses)
    print(f"held-out set (not used for tuning): {n_held}/{len(held)} = {n_held / len(held):.3f}")
    for m, found in held_misses:
        print_miss(m, found)


def print_miss(m: dict, found: Detection) -> None:
    hint = f" [hint {m['hint']}]" if m.get("hint") else ""
    print(f"  miss: {m['text']!r}{hint} → {found.language} ({found.written}, {found.reason}), expected {m['lang']}")


if __name__ == "__main__":
    main()
