"""Staff features of the Telegram bot: /konzole (a one-time sign-in link to the web console), staff help
in /pomoc and a staff command menu for admins only (per-chat command scope), and two housekeeping loops:
the bot's heartbeat for the console ("is the new index live?") and the daily deletion of old question texts.

Wiring (two lines): call ``register(app, settings)`` at the end of ``register_handlers`` and
``await post_init(app)`` at the end of the application's ``post_init``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, ConversationHandler, filters

from bot.config import Settings
from bot.console.auth import LINK_MINUTES, base_url, issue_link
from bot.console.live import write_bot_status
from bot.formatting import esc
from bot.i18n import DEFAULT
from bot.telegram import handlers, ui
from bot.telegram.services import BotApplication, app_services, services

log = logging.getLogger(__name__)

STAFF_COMMANDS: list[tuple[str, str]] = [
    ("konzole", "Odkaz do webové konzole pro správce"),
    ("mezery", "Otázky, na které bot neuměl odpovědět"),
    ("statistiky", "Počty otázek a hodnocení za 7 dní"),
    ("obnovit", "Načíst nově sestavený index hned"),
]
STAFF_HELP = (
    "\n\n<b>Pro správce</b> (vidíte jen vy)\n"
    "/konzole – odkaz pro přihlášení do webové konzole (platí {minutes} minut, jen jednou)\n"
    "/mezery – nejčastější otázky bez jisté odpovědi\n"
    "/statistiky – otázky a hodnocení za posledních 7 dní\n"
    "/obnovit – načíst nově sestavený index hned"
)
KONZOLE_LINK = (
    "Odkaz do konzole pro správce:\n{link}\n\n"
    "Platí {minutes} minut a jen jednou. Nikomu ho neposílejte – kdo ho otevře, bude v konzoli přihlášen jako vy."
)
KONZOLE_PRIVATE_ONLY = "Přihlašovací odkaz posílám jen v soukromé zprávě. Napište mi /konzole přímo."
HEARTBEAT_SECONDS = 15.0


async def konzole(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admins: a one-time sign-in link to the console, only in a private chat."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    if chat.type != ChatType.PRIVATE:
        await handlers.reply_html(update, context, KONZOLE_PRIVATE_ONLY)
        return
    svc = services(context)
    settings, storage = svc.settings, svc.store.storage
    name = user.full_name or (f"@{user.username}" if user.username else f"Správce {user.id}")
    link = await asyncio.to_thread(issue_link, storage, user.id, name, base_url(settings))
    log.info("Console sign-in link issued to an admin")
    await handlers.reply_html(update, context, KONZOLE_LINK.format(link=esc(link), minutes=LINK_MINUTES))


async def staff_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/pomoc for admins: the public help plus the staff commands."""
    lang = handlers.ui_language(update, context)  # the public part in the admin's language, the staff part Czech
    text = ui.text("help", lang, username=esc(context.bot.username)) + STAFF_HELP.format(minutes=LINK_MINUTES)
    await handlers.reply_html(update, context, text)


def register(app: BotApplication, settings: Settings) -> None:
    """Add the staff handlers ahead of the public commands (so an admin's /pomoc shows the staff part)."""
    admins = filters.User(user_id=settings.admin_ids, allow_empty=False)
    message = filters.UpdateType.MESSAGE
    ours: list[BaseHandler[Update, ContextTypes.DEFAULT_TYPE, object]] = [
        CommandHandler[ContextTypes.DEFAULT_TYPE, object]("konzole", konzole, filters=message & admins),
        CommandHandler[ContextTypes.DEFAULT_TYPE, object](["pomoc", "help"], staff_help, filters=message & admins),
    ]
    group = app.handlers.setdefault(0, [])
    # After a conversation handler (the /overit flow owns text while it waits), before everything else.
    position = next((i for i, h in enumerate(group) if not isinstance(h, ConversationHandler)), len(group))
    for handler in reversed(ours):
        group.insert(position, handler)


async def post_init(app: BotApplication) -> None:
    """Give each admin their own command menu and start the heartbeat/housekeeping loop."""
    settings = app_services(app).settings
    commands = [BotCommand(n, d) for n, d in [*ui.COMMANDS[DEFAULT], *STAFF_COMMANDS]]
    for admin_id in sorted(settings.admin_ids):

        def set_menu(admin_id: int = admin_id) -> Awaitable[bool]:
            menu: Awaitable[bool] = app.bot.set_my_commands(commands, scope=BotCommandScopeChat(admin_id))
            return menu

        try:
            await handlers.with_retry(set_menu)
        except TelegramError as exc:  # e.g. the admin never opened a chat with the bot
            log.info("No staff command menu for admin %s: %s", admin_id, exc)


async def heartbeat_loop(app: BotApplication) -> None:
    """Write which index the bot answers from (for the console), while the application runs."""
    period = min(HEARTBEAT_SECONDS, app_services(app).settings.index_poll_seconds)
    failing = False
    while True:
        try:
            await asyncio.to_thread(heartbeat, app)
            failing = False
        except OSError as exc:  # a read-only or full DATA_DIR: said once, not every few seconds
            if not failing:
                log.warning("Heartbeat for the console not written (%s); the bot goes on answering", exc)
            failing = True
        except Exception:
            log.exception("Heartbeat for the console failed; trying again later")
        await asyncio.sleep(period)


def heartbeat(app: BotApplication) -> None:
    """Write DATA_DIR/bot_status.json with the build id the engine answers from."""
    svc = app_services(app)
    write_bot_status(svc.settings.data_dir, svc.engine.build_id)
