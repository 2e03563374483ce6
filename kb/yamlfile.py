"""Reading a staff-edited YAML table as a node tree (line numbers kept for Czech messages)."""

from __future__ import annotations

from pathlib import Path

import yaml

from kb.problems import Report


def compose_file(path: Path, report: Report, shape_hint: str) -> yaml.Node | None:
    """The file's root node; None for an empty file or when it cannot be read (then `report` has the error).

    `shape_hint` tells staff in one Czech sentence how the file is written ("Každá otázka je na řádku …").
    """
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError) as exc:
        report.error(None, f"Soubor nejde přečíst jako text UTF-8 ({exc}).")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        report.error(mark.line + 1 if mark else None, f"Chybný zápis YAML. {shape_hint}")
    return None
