"""`python -m bot ask [--json] [--batch FILE] QUESTION` — answers from the terminal.

Without a question on a terminal it opens an interactive prompt (the README's main job when no
Telegram token is set). `--batch` answers one question per line as JSON Lines with one engine load.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterable

from bot.config import load_settings
from bot.engine import Engine
from index.errors import IndexUnavailable, ModelUnavailable

PROMPT = "Otázka> "


def _print_json(obj: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _batch(engine: Engine, lines: Iterable[str]) -> int:
    for line in lines:
        question = line.rstrip("\n")
        if not question.strip():
            continue
        _print_json(engine.answer(question).to_json())
    return 0


def _interactive(engine: Engine) -> int:
    print("Průvodce transformací — ptejte se na spravedlivou transformaci Ústeckého kraje.")
    print("Odpověď hledám v podkladech ve složce knowledge/. Konec: Ctrl+D nebo prázdný řádek dvakrát.\n")
    empty = 0
    while True:
        try:
            question = input(PROMPT)
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not question.strip():
            empty += 1
            if empty >= 2:
                return 0
            continue
        empty = 0
        print("\n" + engine.answer(question).text + "\n")


def cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot ask", description="Answer questions from the terminal.")
    parser.add_argument("question", nargs="*", help="the question (omit for an interactive prompt)")
    parser.add_argument("--json", action="store_true", help="print the answer as JSON (see ARCHITECTURE.md)")
    parser.add_argument("--batch", metavar="FILE", help="one question per line ('-' = stdin); prints JSON Lines")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    settings = load_settings()
    try:
        engine = Engine.load(settings)
    except (IndexUnavailable, ModelUnavailable) as exc:
        sys.stderr.write(exc.message_cs + "\n")
        return 2

    if args.batch:
        if args.batch == "-":
            return _batch(engine, sys.stdin)
        try:
            with open(args.batch, encoding="utf-8", errors="replace") as fh:
                return _batch(engine, fh)
        except OSError as exc:
            sys.stderr.write(f"Soubor s otázkami nejde otevřít: {exc}\n")
            return 2
    question = " ".join(args.question)
    if not question:
        if sys.stdin.isatty():
            return _interactive(engine)
        return _batch(engine, sys.stdin) if args.json else _plain(engine, sys.stdin)
    answer = engine.answer(question)
    if args.json:
        _print_json(answer.to_json())
    else:
        print(answer.text)
    return 0


def _plain(engine: Engine, lines: Iterable[str]) -> int:
    for line in lines:
        if line.strip():
            print(engine.answer(line).text + "\n")
    return 0
