"""Validation findings shared by every checker of `knowledge/` (documents and data tables)."""

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

    file: str  # path relative to the knowledge folder's parent, e.g. "knowledge/opst.md"
    line: int | None
    severity: Severity
    message: str

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity.value}: {self.message}"


def display_path(path: Path, knowledge_dir: Path) -> str:
    """Path as staff see it: the knowledge folder's name plus the file's path inside it."""
    try:
        return str(Path(knowledge_dir.name) / path.relative_to(knowledge_dir))
    except ValueError:
        return str(path)
