"""Issue 15 (9): huge documents are refused with a Czech message, long builds report progress,
zero-width characters never change an answer, and `*.MD` files are read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bot.config import Settings
from bot.engine import Engine
from index.build import build_index
from index.progress import EmbedProgress
from kb.markdown import MAX_FILE_BYTES
from tests.paths import KNOWLEDGE, ROOT, TABLES

DOC = """---
title: {title}
sources:
  - url: https://example.org/{slug}
    as_of: 2026-11-01
updated: 2026-11-26
---
# {title}

{body}
"""


def cli(args: list[str], settings: Settings) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "KNOWLEDGE_DIR": str(settings.knowledge_dir),
        "DATA_DIR": str(settings.data_dir),
        "EMBEDDING_CACHE_DIR": str(settings.embedding_cache_dir or ""),
    }
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def test_a_document_over_the_limit_is_refused_by_check_and_build_in_czech(small_index: Settings) -> None:
    body = "Odstavec o dotacích pro obce v Ústeckém kraji, který se pořád opakuje. " * 4000
    assert len(body.encode()) > MAX_FILE_BYTES
    (small_index.knowledge_dir / "obri.md").write_text(
        DOC.format(title="Obří dokument", slug="obri", body=body), encoding="utf-8"
    )
    check = cli(["-m", "index", "check"], small_index)
    assert check.returncode == 1 and "obri.md" in check.stdout and "příliš velký" in check.stdout
    build = cli(["-m", "index", "build"], small_index)
    assert build.returncode == 1 and "příliš velký" in build.stderr and "NEBYL sestaven" in build.stderr


def test_long_builds_report_progress_with_done_total_and_time_left(tmp_path: Path, make_settings) -> None:
    knowledge = tmp_path / "jen-jeden"
    knowledge.mkdir()
    for name in TABLES:
        shutil.copy(KNOWLEDGE / name, knowledge / name)
    sentences = " ".join(f"Věta číslo {i} popisuje jiný druh podpory pro spolek číslo {i}." for i in range(150))
    (knowledge / "dlouhy.md").write_text(DOC.format(title="Dlouhý dokument", slug="dlouhy", body=sentences), "utf-8")
    settings = make_settings(knowledge_dir=knowledge, embedding_cache_dir=tmp_path / "empty-cache")
    lines: list[str] = []
    build_index(settings.index_config, progress=lines.append, progress_after=0.0)  # report from the start
    sentence_lines = [line for line in lines if line.startswith("Počítám vektory (věty): ")]
    assert sentence_lines, lines
    assert "zbývá asi" in sentence_lines[0]  # the first report estimates the rest
    assert sentence_lines[-1].endswith(" (100 %)")  # and the last one is complete


def test_quick_builds_stay_quiet(small_knowledge: Path, make_settings) -> None:
    lines: list[str] = []
    build_index(make_settings(knowledge_dir=small_knowledge).index_config, progress=lines.append)
    assert lines == []  # the small folder embeds (from the shared cache) in well under the 5 s threshold


def test_progress_lines_are_spaced_and_estimate_the_time_left() -> None:
    now = [0.0]
    lines: list[str] = []
    progress = EmbedProgress(lines.append, after=5.0, every=5.0, clock=lambda: now[0])
    update = progress.phase("věty")
    for done in range(0, 1001, 50):
        now[0] = done / 50  # 50 vectors a second
        update(done, 1000)
    assert lines[0] == "Počítám vektory (věty): 250/1000 (25 %), zbývá asi 15 s"
    assert lines[-1] == "Počítám vektory (věty): 1000/1000 (100 %)"
    assert len(lines) == 4  # at 5, 10 and 15 s and at the end (not 20 lines)


def test_zero_width_characters_never_change_the_answer(engine: Engine) -> None:
    clean = engine.answer("Kolik může úřad práce zaplatit za rekvalifikaci?")
    for hidden in ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"):
        dirty = engine.answer(f"Kolik může úřad prá{hidden}ce zaplatit za re{hidden}kvalifikaci?")
        assert dirty.body == clean.body and dirty.confident == clean.confident, repr(hidden)
    for name in ("Most", "Žatec", "Litvínov", "Dubí"):  # /obec and the /overit municipality step
        hidden = engine.place(name[:2] + "\u200b" + name[2:])
        assert hidden.obec is not None and hidden.obec == engine.place(name).obec, name


def test_upper_case_md_files_are_documents(small_knowledge: Path, make_settings) -> None:
    (small_knowledge / "VELKE.MD").write_text(
        DOC.format(
            title="Testovací dotace na včelíny",
            slug="velke",
            body="Testovací program na stavbu včelínů podporuje spolky částkou až 9 000 Kč na jeden včelín.",
        ),
        encoding="utf-8",
    )
    settings = make_settings(knowledge_dir=small_knowledge)
    report = build_index(settings.index_config)
    assert "knowledge/VELKE.MD" in report.added or any(f.endswith("VELKE.MD") for f in report.added)
    answer = Engine.load(settings).answer("Kolik dostane spolek na stavbu včelína?")
    assert "9 000 Kč" in answer.body
