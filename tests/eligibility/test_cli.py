"""`python -m bot overit`: its JSON shape, Czech errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.eligibility import APPLICANTS, TOPICS, cli
from tests.eligibility.elig_support import GOOD_ENTRY, KNOWLEDGE, ROOT

CALL_KEYS = {
    "id", "name", "status", "opens", "closes", "amount_min", "amount_max", "rate", "territory", "conditions",
    "source", "as_of",
}  # fmt: skip
STATUSES = {"otevřená", "připravovaná", "uzavřená", "neznámý stav"}


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli(["--knowledge", str(KNOWLEDGE), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_shape(capsys) -> None:
    code, out, _ = run(capsys, "--json", "--zadatel", "osvc", "--tema", "podnikani", "--datum", "2024-03-01")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["applicant", "topic", "obec", "date", "calls", "mas", "message"]
    assert data["applicant"] == "osvc" and data["topic"] == "podnikani" and data["obec"] is None
    assert data["date"] == "2024-03-01" and data["mas"] is None
    assert data["calls"] and all(set(row) == CALL_KEYS for row in data["calls"])
    assert all(row["status"] in STATUSES for row in data["calls"])
    assert data["calls"][0]["status"] == "otevřená"
    voucher = next(r for r in data["calls"] if r["id"] == "uk-voucher-rozvoj-podnikani")
    assert voucher == {
        "id": "uk-voucher-rozvoj-podnikani",
        "name": "Voucher pro rozvoj podnikání (Ústecký kraj, OPST)",
        "status": "otevřená",
        "opens": "2024-01-15",
        "closes": "2024-09-30",
        "amount_min": 50000,
        "amount_max": 500000,
        "rate": "nejvýše 80 % způsobilých výdajů, režim de minimis",
        "territory": "Žadatel musí mít sídlo, provozovnu nebo trvalý pobyt v Ústeckém kraji.",
        "conditions": ["Žadatel musí mít sídlo, provozovnu nebo trvalý pobyt v Ústeckém kraji."],
        "source": "https://www.dotacni.info/dotacni-program-voucher-pro-rozvoj-podnikani-ustecky-kraj/",
        "as_of": None,  # the source article carries no date
    }
    assert "Otevřené (2)" in data["message"]  # the voucher and the 20th call (Řemeslné inkubátory, 2023–2026)


def test_unknown_values_are_null(capsys) -> None:
    _, out, _ = run(capsys, "--json", "--zadatel", "obec", "--tema", "vzdelavani", "--datum", "2026-01-01")
    row = next(r for r in json.loads(out)["calls"] if r["id"] == "opst-podpora-zamestnanosti-uk")
    assert row["closes"] is None and row["amount_min"] is None and row["amount_max"] is None
    assert row["rate"] is None and row["status"] == "neznámý stav"


def test_ongoing_and_missing_source_date_in_json(capsys) -> None:
    _, out, _ = run(capsys, "--json", "--zadatel", "obcan", "--tema", "vzdelavani", "--datum", "2025-06-01")
    row = next(r for r in json.loads(out)["calls"] if r["id"] == "up-rekvalifikace")
    assert row["closes"] == "průběžně" and row["opens"] is None
    _, out, _ = run(capsys, "--json", "--zadatel", "obec", "--tema", "energie", "--datum", "2024-05-01")
    row = next(r for r in json.loads(out)["calls"] if r["id"] == "modf-res-plus-3-2024")
    assert row["as_of"] is None


def test_plain_text_output(capsys) -> None:
    code, out, _ = run(capsys, "--zadatel", "obec", "--tema", "brownfieldy", "--datum", "2026-05-01")
    assert code == 0
    assert out.startswith("Ověření: žadatel obec/město, téma brownfieldy – stav k 1. 5. 2026.")
    assert "Finanční nástroj Regenerace brownfieldů" in out and "až 300 000 000 Kč" in out


@pytest.mark.parametrize(
    ("args", "fragment", "listed"),
    [
        (["--zadatel", "firma", "--tema", "energie"], "neznámý typ žadatele „firma“", APPLICANTS),
        (["--zadatel", "obec", "--tema", "cyklostezky"], "neznámé téma „cyklostezky“", TOPICS),
        (["--tema", "energie"], "chybí --zadatel", APPLICANTS),
        (["--zadatel", "obec"], "chybí --tema", TOPICS),
        (["--zadatel", "obec", "--tema", "energie", "--datum", "1. 5. 2026"], "neplatné datum", {}),
        (["--zadatel", "obec", "--tema", "energie", "--navic"], "neplatné argumenty", {}),
    ],
)
def test_wrong_arguments_exit_2_in_czech(capsys, args: list[str], fragment: str, listed: dict) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert fragment in err and "Použití: python -m bot overit" in err
    for code_ in listed:
        assert code_ in err


def test_module_entry_point(tmp_path: Path) -> None:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "vyzvy.yaml").write_text(GOOD_ENTRY, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "overit", "--json", "--zadatel", "svazek", "--tema", "priroda",
         "--datum", "2025-03-01", "--knowledge", str(folder)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [(r["id"], r["status"]) for r in data["calls"]] == [("test-vyzva", "otevřená")]
    bad = subprocess.run(
        [sys.executable, "-m", "bot", "overit", "--zadatel", "x", "--tema", "priroda"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert bad.returncode == 2 and "Povolené hodnoty" in bad.stderr
