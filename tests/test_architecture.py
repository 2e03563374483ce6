"""The layering of ARCHITECTURE.md holds: kb imports neither index nor bot, index does not import bot."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.paths import ROOT

FORBIDDEN = {"kb": {"index", "bot"}, "index": {"bot"}}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_lower_layers_never_import_upper_ones(layer: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) & FORBIDDEN[layer])
        for path in sorted((ROOT / layer).rglob("*.py"))
        if imported_packages(path) & FORBIDDEN[layer]
    }
    assert offenders == {}


def test_no_type_ignores_in_the_code() -> None:
    ignores = [
        f"{path.relative_to(ROOT)}:{n}"
        for package in ("kb", "index", "bot")
        for path in (ROOT / package).rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "type: ignore" in line
    ]
    assert ignores == []
