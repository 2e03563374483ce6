"""`python -m bot console-link --admin ID`: print a one-time sign-in link (valid 10 minutes)."""

from __future__ import annotations

import argparse
import sys

from bot.console.auth import DEFAULT_HOST, DEFAULT_PORT, LINK_MINUTES, base_url, issue_link


def cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot console-link",
        description=f"Print a one-time sign-in link to the staff console (valid {LINK_MINUTES} minutes).",
    )
    parser.add_argument("--admin", type=int, required=True, help="the admin's Telegram user id (must be in ADMIN_IDS)")
    parser.add_argument("--name", default=None, help="name shown as the author of changes (default: Správce ID)")
    parser.add_argument("--host", default=DEFAULT_HOST, help="console host in the link (without CONSOLE_PUBLIC_URL)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="console port in the link")
    args = parser.parse_args(argv)

    from bot.config import load_settings
    from bot.storage import Storage

    settings = load_settings()
    if args.admin not in settings.admin_ids:
        sys.stderr.write(
            f"{args.admin} není v ADMIN_IDS; odkaz lze vytvořit jen pro správce bota.\n"
            f"{args.admin} is not in ADMIN_IDS.\n"
        )
        return 2
    storage = Storage.open(settings.database_path)
    try:
        link = issue_link(
            storage, args.admin, args.name or f"Správce {args.admin}", base_url(settings, args.host, args.port)
        )
    finally:
        storage.close()
    sys.stdout.write(link + "\n")
    return 0
