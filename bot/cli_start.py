"""`python -m bot start`: the README's main job — Telegram when a token is set, the terminal otherwise."""

from __future__ import annotations

import sys

from bot.config import load_settings


def cli(argv: list[str]) -> int:
    settings = load_settings()
    if settings.telegram_bot_token is not None:
        from bot.telegram import app

        return app.cli(argv)
    sys.stderr.write(
        "TELEGRAM_BOT_TOKEN is not set: answering in this terminal instead. "
        "(Set it in .env to start the Telegram bot; see README.)\n"
    )
    from bot import cli_ask

    return cli_ask.cli(argv)
