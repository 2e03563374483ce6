"""Micro-benchmark: time per place recognition (Places.resolve) over 10,000 phrases.

Run: .venv/bin/python bench/bench_places.py [--knowledge-dir knowledge] [-n 10000]
Prints load time, µs per recognition (mean, median, p99) and the ratio to the 1 ms target, then the
accuracy and time per phrase on the recognition set (tests/places/recognition_set.tsv plus the phrase
tables of tests/places/test_recognition.py), with the misses listed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.places import Places  # noqa: E402
from bot.places.czech import declensions, fold  # noqa: E402
from tests.places.recognition_set import Case, judge, load_cases, load_truth  # noqa: E402
from tests.places.test_recognition import AREAS, CASES, FALSE_POSITIVES  # noqa: E402

TEMPLATES = [
    "Bydlím v obci {f} a zajímá mě, jestli můžeme žádat o dotaci na komunitní energetiku.",
    "jsme spolek z {f}, kdo nám poradí s projektem?",
    "{f}",
    "Starosta z {f} se ptá na výzvu OPST pro obce.",
    "Kdy bude další výzva na brownfieldy? Jsme malá obec.",
    "hledám MAS pro {f}",
    "Dobrý den, mám firmu kousek od {f} a chci rekvalifikaci pro zaměstnance.",
    "přes most jezdím každý den do práce, jaké jsou možnosti podpory dojíždění?",
]


def phrases(places: Places, n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        muni = rng.choice(places.municipalities)
        forms = sorted(declensions(muni.name)[rng.choice(("gen", "loc", "dat", "ins", "nom"))])
        form = rng.choice(forms)
        if rng.random() < 0.3:
            form = fold(form)
        if rng.random() < 0.1 and len(form) > 6:  # a typo
            k = rng.randrange(1, len(form) - 1)
            form = form[:k] + form[k + 1 :]
        out.append(rng.choice(TEMPLATES).format(f=form))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--knowledge-dir", type=Path, default=ROOT / "knowledge")
    parser.add_argument("-n", type=int, default=10_000)
    args = parser.parse_args()

    t0 = time.perf_counter()
    places = Places.load(args.knowledge_dir)
    load_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    Places.load(args.knowledge_dir)
    cached_us = (time.perf_counter() - t0) * 1e6
    data = phrases(places, args.n)
    places.resolve("ve Varnsdorfu")  # warm the lazy typo indexes
    places.resolve("Libouchov")
    us, cpu = [], []
    statuses: dict[str, int] = {}
    for text in data:
        t, c = time.perf_counter(), time.thread_time_ns()
        match = places.resolve(text)
        cpu.append((time.thread_time_ns() - c) / 1e3)
        us.append((time.perf_counter() - t) * 1e6)
        statuses[match.status] = statuses.get(match.status, 0) + 1
    print(f"load (cold): {load_ms:.1f} ms; load (cached): {cached_us:.1f} µs; index keys: {len(places.index.entries)}")
    print(f"recognitions: {len(us)}; statuses: {dict(sorted(statuses.items()))}")
    print(f"per recognition, wall: {_stats(us)}")
    print(f"per recognition, CPU:  {_stats(cpu)} (wall minus time other processes took the core)")
    print(f"ratio to the 1 ms target (CPU mean): {statistics.fmean(cpu) / 1000:.3f}x (target < 1)")
    recognition_set(places)
    return 0


def _stats(us: list[float]) -> str:
    ordered = sorted(us)
    return (
        f"mean {statistics.fmean(us):.1f} µs, median {statistics.median(us):.1f} µs, "
        f"p99 {ordered[int(len(us) * 0.99)]:.1f} µs, max {ordered[-1]:.1f} µs"
    )


def recognition_set(places: Places) -> None:
    """Accuracy on every labelled phrase we have, and the time per phrase on them."""
    truth = load_truth()
    labelled = load_cases()
    labelled += [Case(phrase, "place", obec, okres) for phrase, _, obec, okres, _ in CASES]
    labelled += [Case(phrase, "none") for phrase in FALSE_POSITIVES]
    misses = []
    for case in labelled:
        error = judge(places, case, truth)
        if error:
            misses.append((case.phrase, error))
    for phrase, okres in AREAS:
        match = places.resolve(phrase)
        if (match.status, match.obec, match.okres) != ("unknown", None, okres):
            misses.append((phrase, f"expected area {okres}, got {match.status} {match.okres}"))
    total = len(labelled) + len(AREAS)
    us, cpu = [], []
    for case in labelled:
        t, c = time.perf_counter(), time.thread_time_ns()
        places.resolve(case.phrase)
        cpu.append((time.thread_time_ns() - c) / 1e3)
        us.append((time.perf_counter() - t) * 1e6)
    right = total - len(misses)
    print(f"recognition set: {right}/{total} right = {right / total:.3f} (target >= 0.98)")
    print(f"  per phrase, wall: {_stats(us)}")
    print(f"  per phrase, CPU:  {_stats(cpu)}")
    for phrase, error in misses:
        print(f"  miss: {phrase!r}: {error}")


if __name__ == "__main__":
    raise SystemExit(main())
