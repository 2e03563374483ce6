"""Answer latency vs. the bare query embedding, build vs. incremental rebuild, and peak memory of `bot ask`.

Run: .venv/bin/python bench/bench_answer.py   (uses knowledge/ and a temporary DATA_DIR)
Targets: answer p50 ≤ 1.5× bare embedding p50; rebuild after one edit ≤ 0.1× full build.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.engine import Engine  # noqa: E402
from index.build import build_index  # noqa: E402

QUESTIONS = [
    "Co je Fond pro spravedlivou transformaci?",
    "kolik penez dostane ustecky kraj z fondu",
    "Jaké je motto fondu?",
    "Kdo řídí OPST?",
    "kdo muze zadat o dotaci z opst",
    "Co jsou strategické projekty?",
    "Jaké strategické projekty má Ústecký kraj?",
    "Co je projekt Animace pro spravedlivou transformaci?",
    "kolik stoji projekt animace",
    "Jak dlouho trvá projekt Animace?",
    "Co je Transformace hrou?",
    "Jaké jsou čtyři oblasti projektu Animace?",
    "Co je komunitní energetika?",
    "jak zacit s komunitni energetikou v obci",
    "Kolik zaplatí úřad práce za rekvalifikaci?",
    "přišel jsem o práci v dole, co mám dělat",
    "Co je brownfield?",
    "Jsou peníze na opravu brownfieldů?",
    "Co je MAS?",
    "Co je pravidlo 25 000 obyvatel u MAS?",
    "Jaký je rozdíl mezi PSÚT a PTÚK?",
    "Co dělá RSK ÚK?",
    "Co je ICUK?",
    "Jaké vouchery nabízí kraj?",
    "kreativni vouchery pro obce",
    "Které výzvy OPST jsou otevřené?",
    "Můžu jako obyvatel dostat peníze?",
    "Kde najdu rekvalifikační kurzy?",
    "Jaké kraje dostávají peníze z FST?",
    "Kdo je nositelem projektu Animace?",
    "Jak se peče bábovka?",
    "Kolik MAS je v Ústeckém kraji?",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-answer-"))
    try:
        knowledge = tmp / "knowledge"
        shutil.copytree(ROOT / "knowledge", knowledge)
        settings = Settings(knowledge_dir=knowledge, data_dir=tmp / "var", _env_file=None)

        t0 = time.perf_counter()
        full = build_index(settings.index_config)
        full_s = time.perf_counter() - t0
        doc = sorted(knowledge.glob("*.md"))[-1]
        doc.write_text(doc.read_text(encoding="utf-8") + "\nDoplněná věta pro měření přestavby.\n", encoding="utf-8")
        t0 = time.perf_counter()
        incremental = build_index(settings.index_config)
        inc_s = time.perf_counter() - t0

        engine = Engine.load(settings)
        for q in ("Zahřívací otázka o OPST", "Zahřívací otázka o MAS", "Zahřívací otázka o FST"):
            engine.answer(q)  # warm-up with other questions: the engine caches repeated questions' vectors
        embed_ms, answer_ms = [], []
        for q in QUESTIONS:
            t0 = time.perf_counter()
            engine.embedder.embed_queries([q])
            embed_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            engine.answer(q)
            answer_ms.append((time.perf_counter() - t0) * 1000)

        env = {**os.environ, "KNOWLEDGE_DIR": str(knowledge), "DATA_DIR": str(settings.data_dir)}
        # The child reports its own peak RSS from /proc: ru_maxrss survives fork+exec from this big parent.
        child = (
            "import re, sys\n"
            "from bot.__main__ import main\n"
            "main(['ask', '--json', sys.argv[1]])\n"
            "status = open('/proc/self/status').read()\n"
            "sys.stderr.write('PEAK_KB ' + re.search(r'VmHWM:\\s+(\\d+)', status).group(1) + '\\n')\n"
        )
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", child, QUESTIONS[0]], env=env, cwd=ROOT, check=True, capture_output=True, text=True
        )
        ask_s = time.perf_counter() - t0
        peak_mb = int(done.stderr.split("PEAK_KB ")[1].split()[0]) / 1024

        e50, e95 = statistics.median(embed_ms), percentile(embed_ms, 0.95)
        a50, a95 = statistics.median(answer_ms), percentile(answer_ms, 0.95)
        print(f"index: {full.documents} documents, {full.chunks} chunks, {full.sentences} sentences")
        print(f"full build: {full_s:.1f} s ({full.embedded} vectors embedded)")
        print(f"rebuild after editing one document: {inc_s:.2f} s ({incremental.embedded} vectors embedded)")
        print(f"rebuild / full build ratio: {inc_s / full_s:.3f} (target <= 0.1)")
        print(f"questions: {len(QUESTIONS)}")
        print(f"bare query embedding: p50 {e50:.1f} ms, p95 {e95:.1f} ms")
        print(f"full answer:          p50 {a50:.1f} ms, p95 {a95:.1f} ms")
        print(f"answer / embedding p50 ratio: {a50 / e50:.2f} (target <= 1.5)")
        print(f"`bot ask` one question, fresh process: {ask_s:.2f} s wall, peak RSS {peak_mb:.0f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
