"""Command line: `python -m bot ask|mas|overit|run|console|console-link`.

Each subcommand lives in the module that does the work and exposes `cli(argv) -> int`,
so the terminal, the tests and the Telegram layer all call the same functions.
"""

from __future__ import annotations

import importlib
import sys

SUBCOMMANDS = {
    "start": ("bot.cli_start", "main job: the Telegram bot with a token, else a question prompt here"),
    "ask": ("bot.cli_ask", "answer questions from the terminal (interactive without a question)"),
    "mas": ("bot.places", "which municipality a text names and which MAS serves it"),
    "overit": ("bot.eligibility", "eligibility check: which calls fit an applicant and a topic"),
    "run": ("bot.telegram.app", "start the Telegram bot (polling, or webhook when configured)"),
    "console": ("bot.console", "staff web console (Czech): gaps, curated answers, documents, calls, municipalities"),
    "console-link": ("bot.console.link", "print a one-time sign-in link to the console for an admin"),
}


def _usage() -> str:
    rows = "\n".join(f"  {name:<12} {help_}" for name, (_, help_) in SUBCOMMANDS.items())
    return f"usage: python -m bot COMMAND [ARGS]\n\ncommands:\n{rows}\n"


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        sys.stdout.write(_usage())
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command not in SUBCOMMANDS:
        sys.stderr.write(f"Unknown command {command!r}.\n\n{_usage()}")
        return 2
    module = importlib.import_module(SUBCOMMANDS[command][0])
    return int(module.cli(rest) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
