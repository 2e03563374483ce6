"""`python -m bot mas [--json] TEXT`: which municipality a text names and which MAS serves it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .resolver import Places, PlacesDataError, clean_text

USAGE = (
    "použití: python -m bot mas [--json] TEXT\n"
    "  Najde v textu obec Ústeckého kraje a řekne, do které MAS patří.\n"
    "  --json   vypíše výsledek jako JSON\n"
)


def cli(argv: list[str]) -> int:
    """Exit 0; 2 on a usage error; 1 when the place tables cannot be read."""
    as_json = False
    words: list[str] = []
    knowledge: str | None = None
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            words.extend(args[i + 1 :])
            break
        if arg in ("-h", "--help"):
            sys.stdout.write(USAGE)
            return 0
        if arg == "--json":
            as_json = True
        elif arg == "--knowledge-dir" and i + 1 < len(args):
            knowledge = args[i + 1]
            i += 1
        elif arg.startswith("--"):
            sys.stderr.write(f"Neznámý přepínač {clean_text(arg)!r}.\n{USAGE}")
            return 2
        else:
            words.append(arg)
        i += 1
    if not words:
        sys.stderr.write(USAGE)
        return 2
    if knowledge is None:
        from bot.config import load_settings

        knowledge_dir = load_settings().knowledge_dir
    else:
        knowledge_dir = Path(knowledge)
    try:
        places = Places.load(knowledge_dir)
    except PlacesDataError as exc:
        sys.stderr.write(f"{exc.message_cs}\n")
        return 1
    match = places.resolve(" ".join(clean_text(w) for w in words))
    if as_json:
        sys.stdout.write(json.dumps(match.to_json(), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(match.message + "\n")
    return 0
