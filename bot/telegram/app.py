"""`python -m bot run`: the Telegram bot (long polling by default, webhook mode when configured).

Decisions:

* The application processes updates sequentially (``concurrent_updates`` off) because the
  eligibility ``ConversationHandler`` needs it; only the stateless question handler is
  ``block=False`` and runs retrieval in a worker thread, so one slow question never blocks others.
* Outgoing requests go through ``AIORateLimiter`` (Telegram's flood limits, ``retry_after``
  honoured); network errors on sends are retried by ``handlers.with_retry``.
* ``PicklePersistence`` under ``DATA_DIR`` keeps conversation state and ``user_data`` (only the id of
  the last answer) across restarts; the user's municipality lives in SQLite (``bot.storage``).
* The index is re-checked every ``INDEX_POLL_SECONDS`` (JobQueue when installed, otherwise an
  asyncio task) and swapped in atomically by ``Engine.reload_if_changed``.
* The token never reaches the logs: httpx is set to WARNING and a filter redacts it everywhere.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import secrets
import sys
import warnings
from typing import Any
from urllib.parse import urlparse

from telegram import BotCommand, Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    PersistenceInput,
    PicklePersistence,
    TypeHandler,
    filters,
)

from bot.config import Settings, load_settings
from bot.service import AnswerService
from bot.storage import Storage
from bot.telegram import admin, handlers, texts
from bot.telegram.overit import build_overit_handler
from bot.telegram.services import KEY, BotApplication, BotServices, app_services
from bot.telegram.state import AnswerCache, UserRateLimiter

log = logging.getLogger(__name__)

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
) -> BotApplication:
    """The configured Application (handlers, rate limiter, persistence); not started.

    The engine, storage and settings reach the handlers as one typed ``BotServices`` object
    (``bot.telegram.services``).
    """
    assert settings.telegram_bot_token is not None
    limiter = (
        AIORateLimiter(max_retries=3)
        if overall_max_rate is None
        else AIORateLimiter(max_retries=3, overall_max_rate=overall_max_rate)
    )
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_base_url)
        .rate_limiter(limiter)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .connect_timeout(10)
        .read_timeout(15)
        .write_timeout(15)
        .pool_timeout(30)
    )
    if persistence:
        builder = builder.persistence(
            PicklePersistence(
                filepath=settings.data_dir / "telegram_state.pickle",
                store_data=PersistenceInput(bot_data=False, chat_data=False, user_data=True, callback_data=False),
                update_interval=30,
            )
        )
    app = builder.build()
    app.bot_data[KEY] = BotServices(
        engine=engine,
        storage=storage,
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
    app.add_handler(build_overit_handler())  # first: while the flow waits for a municipality, text is its
    admins = filters.User(user_id=settings.admin_ids, allow_empty=False)
    for name, callback in (
        ("start", handlers.start),
        ("pomoc", handlers.help_command),
        ("help", handlers.help_command),
        ("obec", handlers.obec),
        ("mas", handlers.mas),
        ("zdroje", handlers.zdroje),
        ("smazat", handlers.smazat),
    ):
        app.add_handler(CommandHandler(name, callback, filters=message))
    for name, callback in (
        ("statistiky", handlers.statistiky),
        ("mezery", handlers.mezery),
        ("obnovit", handlers.obnovit),
    ):
        app.add_handler(CommandHandler(name, callback, filters=message & admins))
    app.add_handler(CallbackQueryHandler(handlers.button))
    app.add_handler(MessageHandler(message & filters.TEXT & ~filters.COMMAND, handlers.question, block=False))
    app.add_handler(MessageHandler(message & filters.COMMAND, handlers.unknown_command))
    app.add_handler(MessageHandler(message & ~filters.TEXT & ~filters.StatusUpdate.ALL, handlers.non_text))
    app.add_error_handler(handlers.error_handler)
    admin.register(app, settings)


async def post_init(app: BotApplication) -> None:
    """Register the Czech command menu and start watching for a newly published index."""
    commands = [BotCommand(name, description) for name, description in texts.COMMANDS]
    try:
        await handlers.with_retry(lambda: app.bot.set_my_commands(commands))
    except TelegramError as exc:
        log.warning("Could not register the command menu: %s", exc)
    svc = app_services(app)
    settings = svc.settings
    period = settings.index_poll_seconds
    with warnings.catch_warnings():  # PTB warns when the job-queue extra is not installed
        warnings.simplefilter("ignore")
        job_queue = app.job_queue
    if job_queue is not None:
        job_queue.run_repeating(_reload_job, interval=period, first=period, name="index-reload")
    else:
        app.bot_data["reload_task"] = asyncio.create_task(_reload_loop(app, period), name="index-reload")
    await admin.post_init(app)
    log.info("Bot @%s ready; index %s, model %s", app.bot.username, svc.engine.build_id, settings.embedding_model)


async def post_shutdown(app: BotApplication) -> None:
    """Stop the index watcher."""
    task = app.bot_data.pop("reload_task", None)
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


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


async def _reload_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await reload_index(context.application)


async def _reload_loop(app: BotApplication, period: float) -> None:
    while True:
        await asyncio.sleep(period)
        await reload_index(app)


# --- command line ------------------------------------------------------------------------------


def cli(argv: list[str]) -> int:
    """`python -m bot run [--verbose]`; exit 2 when the token or the index is missing."""
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

    from bot.engine import Engine  # heavy imports only once the configuration is fine
    from index.errors import IndexUnavailable, ModelUnavailable

    try:
        engine = Engine.load(settings)
    except (IndexUnavailable, ModelUnavailable) as exc:
        sys.stderr.write(f"{exc.message_cs}\n({exc.message_en})\n")
        return 2
    storage = Storage.open(settings.database_path)
    app = build_application(settings, engine, storage)
    try:
        if settings.webhook_url:
            _run_webhook(app, settings, webhook_secret)
        else:
            log.info("Starting long polling against %s", urlparse(settings.telegram_base_url).netloc)
            app.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
    except InvalidToken:
        sys.stderr.write(
            "Telegram odmítl token (TELEGRAM_BOT_TOKEN). Zkontrolujte ho u @BotFather.\n"
            "Telegram rejected the token (TELEGRAM_BOT_TOKEN). Check it with @BotFather.\n"
        )
        return 2
    finally:
        storage.close()
    return 0


def webhook_options(settings: Settings, secret: str) -> dict[str, Any]:
    """Keyword arguments for ``run_webhook``/``Updater.start_webhook`` (local path = URL path)."""
    assert settings.webhook_url
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": urlparse(settings.webhook_url).path.strip("/"),
        "webhook_url": settings.webhook_url,
        "secret_token": secret,
        "allowed_updates": Update.ALL_TYPES,
        "drop_pending_updates": False,
    }


def _run_webhook(app: BotApplication, settings: Settings, secret: str) -> None:
    """Serve the webhook; PTB rejects requests without the right X-Telegram-Bot-Api-Secret-Token."""
    if not secret:
        secret = secrets.token_urlsafe(32)
        log.info("WEBHOOK_SECRET not set: using a random secret for this run")
    options = webhook_options(settings, secret)
    log.info("Starting webhook on %s:%s/%s", options["listen"], options["port"], options["url_path"])
    app.run_webhook(**options)
