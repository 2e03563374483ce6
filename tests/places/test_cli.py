"""`python -m bot mas [--json] TEXT`: the message and the JSON shape."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.places import cli
from tests.paths import KNOWLEDGE
from tests.paths import ROOT as REPO

KEYS = {"query", "status", "obec", "okres", "mas", "candidates", "message"}


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert cli(["--knowledge-dir", str(KNOWLEDGE), "--json", *args]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    return json.loads(out)


def test_json_assigned(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "bydlím", "ve", "Varnsdorfu")
    assert set(data) == KEYS
    assert data["query"] == "bydlím ve Varnsdorfu"
    assert (data["status"], data["obec"], data["okres"]) == ("assigned", "Varnsdorf", "Děčín")
    assert data["mas"]["name"] == "MAS Český sever, z.s."
    assert data["mas"]["email"] == "info@masceskysever.cz"
    assert data["mas"]["phone"] is None
    assert data["candidates"] == []


def test_json_unknown_lists_okres_mas(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "jsme obec z Lounska")
    assert data["status"] == "unknown" and data["obec"] is None and data["okres"] == "Louny"
    assert [c["id"] for c in data["candidates"]] == ["vladar"]
    data = _json(capsys, "v Libouchci")
    assert data["status"] == "unknown" and data["obec"] == "Libouchec" and data["mas"] is None
    assert {c["id"] for c in data["candidates"]} == {"labske_skaly"}


def test_json_ambiguous_no_mas_not_found(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "Staňkovice")
    assert data["status"] == "ambiguous"
    assert sorted((c["obec"], c["okres"]) for c in data["candidates"]) == [
        ("Staňkovice", "Litoměřice"),
        ("Staňkovice", "Louny"),
    ]
    assert _json(capsys, "Teplice")["status"] == "no_mas"
    nf = _json(capsys, "hledám dotace")
    assert nf["status"] == "not_found" and nf["obec"] is None and nf["message"]


def test_plain_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["--knowledge-dir", str(KNOWLEDGE), "z", "Kadaně"]) == 0
    out = capsys.readouterr().out
    assert "Kadaň" in out and "MAS Vladař" in out


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli([]) == 2
    assert cli(["--json"]) == 2
    assert cli(["--bogus", "Most"]) == 2
    assert "použití" in capsys.readouterr().err


def test_broken_data_is_exit_1(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["--knowledge-dir", str(tmp_path), "Most"]) == 1
    assert "Chybí soubor" in capsys.readouterr().err


@pytest.mark.parametrize("text", ["", "x" * 20_000, "😀🙂", "\x01\x02\x7f", "ř" * 1000])
def test_bad_input_exit_0(capsys: pytest.CaptureFixture[str], text: str) -> None:
    data = _json(capsys, text)
    assert data["status"] == "not_found"


def test_module_entry_point_with_binary_argv() -> None:
    env_python = sys.executable
    proc = subprocess.run(
        [
            env_python,
            "-m",
            "bot",
            "mas",
            "--json",
            "--knowledge-dir",
            str(KNOWLEDGE),
            b"v Most\xff\xfe\xe9".decode("utf-8", "surrogateescape"),
            "Mostě",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == KEYS
