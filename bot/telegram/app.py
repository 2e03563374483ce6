"""`python -m bot run`: the Telegram bot (long polling by default, webhook mode when configured).

Decisions:

* The application processes updates sequentially (``concurrent_updates`` off); only the question
  handler and the /overit municipality step are ``block=False`` and run retrieval in a worker
  thread, so one slow question never blocks others.
* Outgoing requests go through ``AIORateLimiter`` (Telegram's flood limits, ``retry_after``
  honoured); network errors on sends are retried by ``handlers.with_retry``.
* ``getUpdates`` is read update by update (``polling.ResilientBot``): an update the library cannot
  read is skipped and logged once instead of stalling polling. Webhook mode uses its own small
  server (``webhook``): 400 for a body that is not an update, replays answered once.
* The database is used off the event loop and after the answer (``store.AsyncStorage``); a damaged
  database or state file is moved aside at start-up, a read-only DATA_DIR runs in memory
  (``recovery``). ``user_data`` (the id of the last answer, an /overit dialog) is kept in an atomically
  written JSON file (``persistence``) and bounded by ``maintenance``.
* The index is re-checked every ``INDEX_POLL_SECONDS`` (an asyncio task) and swapped in atomically
  by ``Engine.reload_if_changed``.
* The token never reaches the logs or the terminal: httpx is set to WARNING, a filter redacts it
  everywhere, and a failure at start-up is logged through that filter, never printed raw.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import secrets
import signal
import sys
from collections.abc import Awaitable
from urllib.parse import urlparse

from telegram import BotCommand, Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import Settings, load_settings
from bot.i18n import DEFAULT
from bot.service import AnswerService
from bot.storage import Storage
from bot.telegram import admin, answer_buttons, handlers, overit, ui
from bot.telegram.maintenance import maintenance_loop
from bot.telegram.persistence import JsonUserDataPersistence
from bot.telegram.polling import ResilientBot
from bot.telegram.recovery import READ_ONLY_CS, open_storage, writable_dir
from bot.telegram.services import KEY, BotApplication, BotServices, app_services
from bot.telegram.state import AnswerCache, UserRateLimiter
from bot.telegram.store import AsyncStorage
from bot.telegram.webhook import WebhookServer

log = logging.getLogger(__name__)

STATE_FILE = "telegram_state.json"
TASKS = "background_tasks"

NO_TOKEN = """\
Chybí token Telegram bota (proměnná TELEGRAM_BOT_TOKEN).
Jak ho získat: v Telegramu otevřete @BotFather, pošlete /newbot, zvolte jméno a uživatelské jméno
končící na „bot“. BotFather vám pošle token (např. 123456789:AA…). Uložte ho do souboru .env:
    TELEGRAM_BOT_TOKEN=123456789:AA…
a spusťte znovu: python -m bot run

The Telegram bot token is missing (TELEGRAM_BOT_TOKEN).
To get one: open @BotFather in Telegram, send /newbot, choose a name and a username ending in
"bot". BotFather replies with the token (e.g. 123456789:AA…). Put it into .env:
    TELEGRAM_BOT_TOKEN=123456789:AA…
and run again: python -m bot run
"""
STOPPED = (
    "Bot se zastavil kvůli chybě (podrobnosti jsou v logu výše).\n"
    "The bot stopped because of an error (details in the log above).\n"
)


# --- logging -----------------------------------------------------------------------------------


class RedactingFilter(logging.Filter):
    """Replace secrets (the bot token, the webhook secret) in messages and tracebacks."""

    def __init__(self, *secrets_: str) -> None:
        super().__init__()
        self.secrets = [s for s in secrets_ if s]

    def _clean(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "<redacted>")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self._clean(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        return True


def setup_logging(*secrets_: str, level: int = logging.INFO) -> RedactingFilter:
    """PTB example logging, httpx quiet, and the redacting filter on every root handler."""
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("faiss.loader").setLevel(logging.WARNING)  # CPU-feature probing, not news
    redact = RedactingFilter(*secrets_)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    return redact


# --- application -------------------------------------------------------------------------------


def build_application(
    settings: Settings,
    engine: AnswerService,
    storage: Storage,
    *,
    overall_max_rate: float | None = None,
    persistence: bool = True,
    in_memory: bool = False,
) -> BotApplication:
    """The configured Application (handlers, rate limiter, persistence); not started.

    The engine, the database (wrapped in ``AsyncStorage``) and settings reach the handlers as one
    typed ``BotServices`` object (``bot.telegram.services``). ``in_memory`` says the database is a
    fallback in memory (staff see it in /statistiky).
    """
    assert settings.telegram_bot_token is not None
    limiter = (
        AIORateLimiter(max_retries=3)
        if overall_max_rate is None
        else AIORateLimiter(max_retries=3, overall_max_rate=overall_max_rate)
    )
    bot = ResilientBot(settings.telegram_bot_token.get_secret_value(), settings.telegram_base_url, limiter)
    builder = ApplicationBuilder().bot(bot).post_init(post_init).post_shutdown(post_shutdown)
    if persistence:
        builder = builder.persistence(JsonUserDataPersistence(settings.data_dir / STATE_FILE, update_interval=30))
    app = builder.build()
    app.bot_data[KEY] = BotServices(
        engine=engine,
        store=AsyncStorage(storage, in_memory=in_memory),
        settings=settings,
        answers=AnswerCache(),
        limiter=UserRateLimiter(settings.user_rate_limit),
    )
    register_handlers(app, settings)
    return app


def register_handlers(app: BotApplication, settings: Settings) -> None:
    """All handlers, in the order they must be tried."""
    message = filters.UpdateType.MESSAGE  # edited messages and channel posts are ignored
    app.add_handler(TypeHandler(Update, handlers.rate_limit), group=-1)
    overit.register(app)  # first: at the municipality step, text meant for the dialog is its
    admins = filters.User(user_id=settings.admin_ids, allow_empty=False)
    for name, callback in (
        ("start", handlers.start),
        ("pomoc", handlers.help_command),
        ("help", handlers.help_command),
        ("obec", handlers.obec),
        ("mas", handlers.mas),
        ("zdroje", handlers.zdroje),
        ("smazat", handlers.smazat),
        ("jazyk", handlers.jazyk),
        ("language", handlers.jazyk),
        ("mova", handlers.jazyk),
    ):
        app.add_handler(CommandHandler(name, callback, filters=message))
    for name, callback in (
        ("statistiky", handlers.statistiky),
        ("mezery", handlers.mezery),
        ("obnovit", handlers.obnovit),
    ):
        app.add_handler(CommandHandler(name, callback, filters=message & admins))
    answer_buttons.register(app)  # el:/sg: before the general buttons
    app.add_handler(CallbackQueryHandler(handlers.button))
    app.add_handler(MessageHandler(message & filters.TEXT & ~filters.COMMAND, handlers.question, block=False))
    app.add_handler(MessageHandler(message & filters.COMMAND, handlers.unknown_command))
    app.add_handler(MessageHandler(message & ~filters.TEXT & ~filters.StatusUpdate.ALL, handlers.non_text))
    app.add_error_handler(handlers.error_handler)
    admin.register(app, settings)


async def post_init(app: BotApplication) -> None:
    """Register the command menus (Czech for everyone, Ukrainian and English for Telegram users with that
    interface language); start watching for a newly published index and housekeeping."""
    for lang, listed in ui.COMMANDS.items():
        commands = [BotCommand(name, description) for name, description in listed]
        code = None if lang == DEFAULT else lang

        def set_menu(commands: list[BotCommand] = commands, code: str | None = code) -> Awaitable[bool]:
            menu: Awaitable[bool] = app.bot.set_my_commands(commands, language_code=code)
            return menu

        try:
            await handlers.with_retry(set_menu)
        except TelegramError as exc:
            log.warning("Could not register the command menu (%s): %s", lang, exc)
    svc = app_services(app)
    settings = svc.settings
    await admin.post_init(app)
    app.bot_data[TASKS] = [
        asyncio.create_task(_reload_loop(app, settings.index_poll_seconds), name="index-reload"),
        asyncio.create_task(maintenance_loop(app), name="housekeeping"),
        asyncio.create_task(admin.heartbeat_loop(app), name="heartbeat"),
    ]
    log.info("Bot @%s ready; index %s, model %s", app.bot.username, svc.engine.build_id, settings.embedding_model)


async def post_shutdown(app: BotApplication) -> None:
    """Stop the background tasks, finish the queued database writes and close the database."""
    for task in app.bot_data.pop(TASKS, []):
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    await app_services(app).store.aclose()


async def reload_index(app: BotApplication) -> bool:
    """One hot-reload check off the event loop; errors are logged, the old index stays."""
    try:
        changed = await asyncio.to_thread(app_services(app).engine.reload_if_changed)
    except Exception:
        log.exception("Index reload failed; keeping the current index")
        return False
    if changed:
        log.info("New index swapped in")
    return changed


async def _reload_loop(app: BotApplication, period: float) -> None:
    while True:
        await asyncio.sleep(period)
        await reload_index(app)


# --- command line ------------------------------------------------------------------------------


def cli(argv: list[str]) -> int:
    """`python -m bot run [--verbose]`; exit 2 when the token or the index is missing, 1 on a failure."""
    parser = argparse.ArgumentParser(
        prog="python -m bot run",
        description="Start the Telegram bot: long polling, or a webhook server when WEBHOOK_URL is set.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    args = parser.parse_args(argv)
    settings = load_settings()
    if settings.telegram_bot_token is None or not settings.telegram_bot_token.get_secret_value().strip():
        sys.stderr.write(NO_TOKEN)
        return 2
    token = settings.telegram_bot_token.get_secret_value()
    webhook_secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    setup_logging(token, webhook_secret, level=logging.DEBUG if args.verbose else logging.INFO)
    try:
        return _run(settings, webhook_secret)
    except InvalidToken:
        sys.stderr.write(
            "Telegram odmítl token (TELEGRAM_BOT_TOKEN). Zkontrolujte ho u @BotFather.\n"
            "Telegram rejected the token (TELEGRAM_BOT_TOKEN). Check it with @BotFather.\n"
        )
        return 2
    except Exception:
        # Logged, not printed: the redacting filter removes the token even from the API's own error text.
        log.critical("The bot stopped", exc_info=True)
        sys.stderr.write(STOPPED)
        return 1


def _run(settings: Settings, webhook_secret: str) -> int:
    from bot.engine import Engine  # heavy imports only once the configuration is fine
    from index.errors import IndexUnavailable, ModelUnavailable

    try:
        engine = Engine.load(settings)
    except (IndexUnavailable, ModelUnavailable) as exc:
        sys.stderr.write(f"{exc.message_cs}\n({exc.message_en})\n")
        return 2
    opened = open_storage(settings.database_path, max_bytes=settings.database_max_mb * 1_000_000)
    persist = writable_dir(settings.data_dir)
    if not persist:
        log.warning("DATA_DIR %s is not writable: database in memory, Telegram state not saved", settings.data_dir)
        sys.stderr.write(READ_ONLY_CS.format(path=settings.data_dir) + "\n")
    app = build_application(settings, engine, opened.storage, persistence=persist, in_memory=opened.in_memory)
    if settings.webhook_url:
        asyncio.run(_serve_webhook(app, settings, webhook_secret))
    else:
        log.info("Starting long polling against %s", urlparse(settings.telegram_base_url).netloc)
        app.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
    return 0


async def _serve_webhook(app: BotApplication, settings: Settings, secret: str) -> None:
    """Serve the webhook until SIGINT/SIGTERM; Telegram must send the secret with every request."""
    if not secret:
        secret = secrets.token_urlsafe(32)
        log.info("WEBHOOK_SECRET not set: using a random secret for this run")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await app.initialize()
    try:
        await post_init(app)
        server = WebhookServer(app, settings, secret)
        await server.start()
        log.info("Webhook listening on %s:%s%s", settings.webhook_listen, settings.webhook_port, server.path)
        await app.start()
        try:
            await stop.wait()
        finally:
            await server.stop()
            await app.stop()
    finally:
        await app.shutdown()
        await post_shutdown(app)
