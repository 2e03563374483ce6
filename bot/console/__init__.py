"""The staff console: a small web application where MAS staff see what people ask and fix the knowledge.

`python -m bot console [--host 127.0.0.1] [--port 8080]` serves it with uvicorn; sign-in links come
from the bot's /konzole command or `python -m bot console-link --admin ID`.
"""

from __future__ import annotations

import argparse
import logging
import sys


def cli(argv: list[str]) -> int:
    """`python -m bot console`: serve the console (exit 2 on a configuration problem)."""
    from bot.console.auth import DEFAULT_HOST, DEFAULT_PORT, base_url

    parser = argparse.ArgumentParser(
        prog="python -m bot console", description="Serve the staff console (Czech web UI for MAS staff)."
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("faiss.loader").setLevel(logging.WARNING)

    from bot.config import load_settings

    settings = load_settings()
    if not settings.admin_ids:
        sys.stderr.write(
            "ADMIN_IDS je prázdné: do konzole se nikdo nepřihlásí. Doplňte Telegram ID správců do .env.\n"
            "ADMIN_IDS is empty: nobody can sign in to the console.\n"
        )
        return 2
    if not settings.knowledge_dir.is_dir():
        sys.stderr.write(f"Složka se znalostmi {settings.knowledge_dir} neexistuje (KNOWLEDGE_DIR).\n")
        return 2

    import uvicorn

    from bot.console.app import create_app

    app = create_app(settings)
    url = base_url(settings, args.host, args.port)
    sys.stderr.write(
        f"Konzole běží na {url} – přihlašovací odkaz pošle bot na /konzole, "
        f"nebo: python -m bot console-link --admin ID\n"
    )
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
        log_level="debug" if args.verbose else "info",
        access_log=args.verbose,
    )
    return 0
