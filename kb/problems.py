"""Validation findings for everything in `knowledge/`, and the one way checkers collect them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "chyba"  # blocks `index build`
    WARNING = "varování"  # reported, does not block
    INFO = "přehled"  # summary lines for staff (e.g. municipalities without a MAS)


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: where it is and, in Czech, what is wrong and how to fix it."""

    file: str  # path as staff see it, e.g. "knowledge/opst.md"
    line: int | None
    severity: Severity
    message: str

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity.value}: {self.message}"


class Report:
    """Problems of one file; every checker of `knowledge/` reports through one of these."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def error(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.file, line, Severity.ERROR, message))

    def warning(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.file, line, Severity.WARNING, message))

    def info(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.file, line, Severity.INFO, message))

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)


def has_errors(problems: list[Problem] | tuple[Problem, ...]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def display_path(path: Path, knowledge_dir: Path) -> str:
    """Path as staff see it: the knowledge folder's name plus the file's path inside it."""
    try:
        return str(Path(knowledge_dir.name) / path.relative_to(knowledge_dir))
    except ValueError:
        return str(path)
