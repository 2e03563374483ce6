"""What the handlers share, as one typed object in `application.bot_data` (no `Any` reaches through)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

from telegram.ext import Application, ContextTypes

from bot.config import Settings
from bot.service import AnswerService
from bot.telegram.state import AnswerCache, UserRateLimiter
from bot.telegram.store import AsyncStorage

KEY = "services"
# The Application's generic parameters are PTB's defaults; handlers never depend on them.
BotApplication: TypeAlias = Application[Any, Any, Any, Any, Any, Any]


@dataclass
class BotServices:
    engine: AnswerService
    store: AsyncStorage  # the database, off the event loop (bot.telegram.store)
    settings: Settings
    answers: AnswerCache
    limiter: UserRateLimiter
    in_flight: int = 0  # questions being answered now (typing indicators are skipped under a burst)


def services(context: ContextTypes.DEFAULT_TYPE) -> BotServices:
    found = context.bot_data[KEY]
    assert isinstance(found, BotServices)
    return found


def app_services(app: BotApplication) -> BotServices:
    found = app.bot_data[KEY]
    assert isinstance(found, BotServices)
    return found
