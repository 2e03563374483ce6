"""The place recognition set (recognition_set.tsv) and how one phrase is judged.

Shared by tests/places/test_recognition_set.py and bench/bench_places.py. Expected statuses and MAS ids
are read from knowledge/obce.csv with the csv module (the table built from the source lists), not from
the recogniser, so a wrong recognition cannot make its own expectation.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from bot.places import Places

HERE = Path(__file__).resolve().parent
SET_FILE = HERE / "recognition_set.tsv"
OBCE_CSV = HERE.parents[1] / "knowledge" / "obce.csv"


@dataclass(frozen=True)
class Case:
    phrase: str
    kind: str  # place | suggest | none
    obec: str | None = None
    okres: str | None = None

    @property
    def id(self) -> str:
        return self.phrase


@dataclass(frozen=True)
class Truth:
    status: str
    mas: str | None


def load_cases(path: Path = SET_FILE) -> list[Case]:
    cases: list[Case] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        phrase, expected = raw.split("\t")
        if expected == "-":
            cases.append(Case(phrase, "none"))
            continue
        kind = "suggest" if expected.startswith("?") else "place"
        obec, okres = expected.lstrip("?").split("|")
        cases.append(Case(phrase, kind, obec, okres))
    return cases


def load_truth(path: Path = OBCE_CSV) -> dict[tuple[str, str], Truth]:
    """(obec, okres) → status and MAS id as the knowledge table states them."""
    truth: dict[tuple[str, str], Truth] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            mas = row["mas"].strip() or None
            status = "assigned" if mas else ("no_mas" if row["stav"].strip() == "no_mas" else "unknown")
            truth[(row["obec"].strip(), row["okres"].strip())] = Truth(status, mas)
    return truth


def judge(places: Places, case: Case, truth: dict[tuple[str, str], Truth]) -> str | None:
    """None when the recogniser gets the phrase right, else what went wrong."""
    match = places.resolve(case.phrase)
    found = places.find(case.phrase)
    got = f"{match.status} {match.obec.name if match.obec else None}/{match.okres}"
    if case.kind == "none":
        if match.status != "not_found" or found is not None:
            return f"expected no place, got {got}"
        return None
    expected = truth[(case.obec, case.okres)]  # type: ignore[index]
    if case.kind == "suggest":
        names = [(c.name, c.okres) for c in match.candidates if hasattr(c, "mas_status")]
        if match.status != "not_found" or (case.obec, case.okres) not in names:
            return f"expected a suggestion of {case.obec}, got {got}, candidates {names}"
        if "Myslíte" not in match.message or found is not None:
            return "suggestion missing from the message, or find() names a place"
        return None
    if match.obec is None or (match.obec.name, match.obec.okres) != (case.obec, case.okres):
        return f"expected {case.obec}/{case.okres}, got {got}"
    mas = match.mas.id if match.mas else None
    if (match.status, mas) != (expected.status, expected.mas):
        return f"expected status {expected.status}/{expected.mas}, got {match.status}/{mas}"
    if found is None or found.obec != match.obec:
        return "find() disagrees with resolve()"
    return None
