"""Benchmark of query normalisation (index/normalize.py): load, memory, speed, word-level accuracy.

Run: .venv/bin/python bench/bench_normalize.py [--knowledge-dir knowledge] [-n 20]
Prints the load time and resident memory of the Czech frequency list and of the normalizer, µs per
question (the questions of tests/knowledge/questions.yaml, as written and folded), and the accuracy
on the word-level set tests/normalize/diacritics_words.tsv (folded word → expected form).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = ROOT / "tests" / "normalize" / "diacritics_words.tsv"
QUESTIONS = ROOT / "tests" / "knowledge" / "questions.yaml"


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--knowledge-dir", type=Path, default=ROOT / "knowledge")
    parser.add_argument("-n", type=int, default=20, help="passes over the questions")
    args = parser.parse_args()

    base = rss_mb()
    t0 = time.perf_counter()
    from index.normalize import QueryNormalizer, czech_frequencies, fold

    frequencies = czech_frequencies()
    t1 = time.perf_counter()
    after_list = rss_mb()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.knowledge_dir.glob("*.md")) if p.name != "README.md"]
    normalizer = QueryNormalizer(texts, frequencies)
    t2 = time.perf_counter()
    print(f"frequency list: {len(frequencies.cb):,} common words, {len(frequencies.accented):,} accented keys")
    print(f"load: frequency list {t1 - t0:.2f} s (+{after_list - base:.0f} MB RSS), ", end="")
    print(f"normalizer over {len(texts)} documents {1000 * (t2 - t1):.0f} ms ({len(normalizer.vocabulary):,} words)")
    print(f"RSS after load: {rss_mb():.0f} MB (process start {base:.0f} MB)")

    questions = [q["q"] for q in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))]
    folded = [fold(q.lower()) for q in questions]
    timings = []
    for _ in range(args.n):
        for q in questions + folded:
            start = time.perf_counter_ns()
            normalizer.normalize(q)
            timings.append((time.perf_counter_ns() - start) / 1000)
    timings.sort()
    print(
        f"normalize: {len(questions) * 2} questions × {args.n}: mean {statistics.fmean(timings):.0f} µs, "
        f"median {statistics.median(timings):.0f} µs, p99 {timings[int(len(timings) * 0.99)]:.0f} µs"
    )
    changed = sum(normalizer.normalize(q).changed for q in folded)
    print(f"folded questions rewritten: {changed}/{len(folded)}")

    pairs = []
    for line in WORDS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, expected = line.split("\t")
            pairs.append((word, expected))
    misses = [(w, e, normalizer.normalize(w).text) for w, e in pairs]
    misses = [m for m in misses if m[1] != m[2]]
    right = len(pairs) - len(misses)
    print(f"word-level accuracy: {right}/{len(pairs)} = {right / len(pairs):.3f} (target ≥ 0.90)")
    for word, expected, got in misses:
        print(f"  miss: {word} → {got} (expected {expected})")


if __name__ == "__main__":
    main()
