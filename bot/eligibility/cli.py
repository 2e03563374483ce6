"""`python -m bot overit [--json] --zadatel TYPE --tema TOPIC [--obec NAME] [--datum YYYY-MM-DD]`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

from bot.places import Places, PlacesDataError

from .codes import APPLICANTS, TOPICS, code_list
from .engine import Calls

USAGE = "python -m bot overit [--json] --zadatel TYP --tema TÉMA [--obec NÁZEV] [--datum RRRR-MM-DD]"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> _Parser:
    p = _Parser(
        prog="python -m bot overit",
        usage=USAGE,
        description="Ověření nároku: které výzvy a programy se hodí pro daného žadatele a téma.",
        epilog=f"Typy žadatele: {code_list(APPLICANTS)}.\nTémata: {code_list(TOPICS)}.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--json", action="store_true", help="vypsat výsledek jako JSON")
    p.add_argument("--zadatel", help="typ žadatele (kód)")
    p.add_argument("--tema", help="téma (kód)")
    p.add_argument("--obec", help="název obce (nepovinné)")
    p.add_argument("--datum", help="den, ke kterému se stav výzev počítá (výchozí dnes)")
    p.add_argument("--knowledge", type=Path, help=argparse.SUPPRESS)
    return p


def _knowledge_dir(explicit: Path | None) -> Path:
    if explicit is not None:
        return explicit
    from bot.config import load_settings

    return load_settings().knowledge_dir


def _load_places(knowledge_dir: Path) -> Places | None:
    try:
        return Places.load(knowledge_dir)
    except PlacesDataError as exc:  # the check still works without municipalities
        sys.stderr.write(f"Upozornění: seznam obcí se nepodařilo načíst ({exc.message_cs}); obec nebude ověřena.\n")
        return None


def _fail(message: str) -> int:
    sys.stderr.write(f"Chyba: {message}\nPoužití: {USAGE}\n")
    return 2


def cli(argv: list[str]) -> int:
    """Entry point of `python -m bot overit`; exit 2 on wrong arguments (Czech message)."""
    try:
        args = _parser().parse_args(argv)
    except _UsageError as exc:
        return _fail(f"neplatné argumenty ({exc}).")
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    if not args.zadatel:
        return _fail(f"chybí --zadatel. Povolené hodnoty: {code_list(APPLICANTS)}.")
    if args.zadatel not in APPLICANTS:
        return _fail(f"neznámý typ žadatele „{args.zadatel}“. Povolené hodnoty: {code_list(APPLICANTS)}.")
    if not args.tema:
        return _fail(f"chybí --tema. Povolené hodnoty: {code_list(TOPICS)}.")
    if args.tema not in TOPICS:
        return _fail(f"neznámé téma „{args.tema}“. Povolené hodnoty: {code_list(TOPICS)}.")
    on = date.today()
    if args.datum:
        try:
            on = date.fromisoformat(args.datum)
        except ValueError:
            return _fail(f"neplatné datum „{args.datum}“. Použijte tvar RRRR-MM-DD, např. 2025-03-01.")

    knowledge_dir = _knowledge_dir(args.knowledge)
    calls = Calls.load(knowledge_dir)
    places = _load_places(knowledge_dir)
    result = calls.check(args.zadatel, args.tema, obec=args.obec, on=on, places=places)
    if args.json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(result.message + "\n")
    return 0
