"""The console reaches the knowledge layer, the index and the engine only through bot/console/backend.py."""

from __future__ import annotations

import ast
from pathlib import Path

CONSOLE = Path(__file__).resolve().parents[2] / "bot" / "console"
FORBIDDEN = ("kb", "index", "bot.engine", "bot.answers", "bot.formatting", "bot.places", "bot.eligibility")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_only_the_backend_imports_knowledge_index_and_engine_code() -> None:
    offenders = {
        str(path.relative_to(CONSOLE)): sorted(m for m in imported_modules(path) if m.split(".")[0] == "kb"
                                                or any(m == f or m.startswith(f + ".") for f in FORBIDDEN))
        for path in CONSOLE.rglob("*.py")
        if path.name != "backend.py"
    }  # fmt: skip
    assert {k: v for k, v in offenders.items() if v} == {}
    assert imported_modules(CONSOLE / "backend.py") & {"kb.problems"}  # the adapter is where they live
