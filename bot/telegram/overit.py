"""`/overit`: the guided eligibility check in Telegram (applicant type → topic → municipality).

A persistent ``ConversationHandler`` (``name="overit"``): the step each user is at survives a bot
restart through the Application's persistence, and the choices made so far live in
``context.user_data["overit"]``. Every step has Zpět (back) and Zrušit (cancel) buttons; /overit
restarts from the first step at any time. The check itself is the engine's ``check_eligibility``
(the same code as ``python -m bot overit``), with the engine's places for the municipality and its MAS.

Callback data: ``ov|a|<applicant>``, ``ov|t|<topic>``, ``ov|skip``, ``ov|mine``, ``ov|back``,
``ov|cancel``, ``ov|new`` — all far below Telegram's 64-byte limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import re
import warnings

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.eligibility import APPLICANTS, TOPICS
from bot.places import PlaceStatus
from bot.render import eligibility_html
from bot.telegram.handlers import send_html, with_retry
from bot.telegram.services import services

log = logging.getLogger(__name__)

APPLICANT, TOPIC, OBEC = range(3)
KEY = "overit"
PREFIX = "ov"

TITLE = "<b>Ověření nároku</b>"
ASK_APPLICANT = f"{TITLE} (krok 1 ze 3)\n\nKdo bude o peníze žádat?"
ASK_TOPIC = f"{TITLE} (krok 2 ze 3)\n\nŽadatel: <b>{{applicant}}</b>\nNa co peníze potřebujete?"
ASK_OBEC = (
    f"{TITLE} (krok 3 ze 3)\n\nŽadatel: <b>{{applicant}}</b>\nTéma: <b>{{topic}}</b>\n\n"
    "Ve které obci projekt bude? Napište název obce, nebo zvolte <i>Přeskočit</i>."
)
CANCELLED = "Ověření jsem zrušil. Nové začnete příkazem /overit."
PLACE_NOT_FOUND = (
    "Obec „{obec}“ jsem mezi obcemi Ústeckého kraje nenašel. Napište název znovu (třeba i bez diakritiky), "
    "nebo zvolte <i>Přeskočit</i>."
)
PLACE_AMBIGUOUS = "{message}\n\nNapište prosím název přesněji (např. s okresem), nebo zvolte <i>Přeskočit</i>."
WORKING = "Hledám výzvy…"


def _cb(*parts: str) -> str:
    return "|".join((PREFIX, *parts))


def _pattern(*parts: str) -> str:
    return "^" + re.escape(_cb(*parts)) + "$"


def _rows(buttons: list[InlineKeyboardButton], width: int = 2) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def _nav(back: bool = True) -> list[InlineKeyboardButton]:
    row = [InlineKeyboardButton("« Zpět", callback_data=_cb("back"))] if back else []
    return [*row, InlineKeyboardButton("✖ Zrušit", callback_data=_cb("cancel"))]


def applicant_keyboard() -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(label, callback_data=_cb("a", code)) for code, label in APPLICANTS.items()]
    return InlineKeyboardMarkup([*_rows(buttons), _nav(back=False)])


def topic_keyboard() -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(label, callback_data=_cb("t", code)) for code, label in TOPICS.items()]
    return InlineKeyboardMarkup([*_rows(buttons), _nav()])


def obec_keyboard(stored: str | None) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    if stored:
        rows.append([InlineKeyboardButton(f"Moje obec: {stored}"[:60], callback_data=_cb("mine"))])
    rows.append([InlineKeyboardButton("Přeskočit", callback_data=_cb("skip"))])
    rows.append(_nav())
    return InlineKeyboardMarkup(rows)


def new_check_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("Nové ověření", callback_data=_cb("new"))]])


# --- helpers ----------------------------------------------------------------------------------------


def _state(context: ContextTypes.DEFAULT_TYPE) -> dict[str, str]:
    data = context.user_data
    if data is None:  # no user (channel posts) – never routed here, but stay safe
        return {}
    state: dict[str, str] = data.setdefault(KEY, {})
    return state


def _stored_obec(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    user = update.effective_user
    if user is None:
        return None
    try:
        return services(context).storage.get_obec(user.id)
    except Exception:  # the municipality button is a convenience only
        log.exception("could not read the stored municipality")
        return None


async def _answer(update: Update, text: str | None = None) -> None:
    query = update.callback_query
    if query is not None:
        with contextlib.suppress(Exception):  # an expired query must not stop the flow
            await with_retry(lambda: query.answer(text=text), attempts=3)


async def _show(
    update: Update, context: ContextTypes.DEFAULT_TYPE, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    """Edit the message whose button was pressed; otherwise send a new message."""
    query = update.callback_query
    if query is not None and query.message is not None:
        try:
            await with_retry(lambda: query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup))
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
            log.warning("could not edit the /overit message (%s); sending a new one", exc)
    chat = update.effective_chat
    if chat is not None:
        await send_html(context, chat.id, text, reply_markup=markup)


async def _ask_applicant(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await _show(update, context, ASK_APPLICANT, applicant_keyboard())
    return APPLICANT


async def _ask_topic(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    state = _state(context)
    text = ASK_TOPIC.format(applicant=html.escape(APPLICANTS[state["applicant"]]))
    await _show(update, context, text, topic_keyboard())
    return TOPIC


async def _ask_obec(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    state = _state(context)
    text = ASK_OBEC.format(
        applicant=html.escape(APPLICANTS[state["applicant"]]), topic=html.escape(TOPICS[state["topic"]])
    )
    await _show(update, context, text, obec_keyboard(_stored_obec(update, context)))
    return OBEC


async def _finish(update: Update, context: ContextTypes.DEFAULT_TYPE, obec: str | None) -> int:
    state = _state(context)
    applicant, topic = state.get("applicant"), state.get("topic")
    if applicant not in APPLICANTS or topic not in TOPICS:  # lost choices (e.g. data deleted): start over
        state.clear()
        return await _ask_applicant(update, context)
    engine = services(context).engine
    chat = update.effective_chat
    if chat is None:
        state.clear()
        return ConversationHandler.END
    if obec:
        match = await asyncio.to_thread(engine.place, obec)
        if match.status is PlaceStatus.NOT_FOUND:
            await send_html(
                context, chat.id, PLACE_NOT_FOUND.format(obec=html.escape(obec)),
                reply_markup=obec_keyboard(_stored_obec(update, context)),
            )  # fmt: skip
            return OBEC
        if match.status is PlaceStatus.AMBIGUOUS:
            await send_html(
                context, chat.id, PLACE_AMBIGUOUS.format(message=html.escape(match.message)),
                reply_markup=obec_keyboard(_stored_obec(update, context)),
            )  # fmt: skip
            return OBEC
    result = await asyncio.to_thread(engine.check_eligibility, applicant, topic, obec)
    state.clear()
    await send_html(context, chat.id, eligibility_html(result), reply_markup=new_check_keyboard())
    return ConversationHandler.END


# --- handlers ---------------------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Start or restart the check at step 1 (/overit or the "Nové ověření" button)."""
    await _answer(update)
    _state(context).clear()
    if update.callback_query is not None:  # keep the old result visible; ask in a new message
        chat = update.effective_chat
        if chat is not None:
            await send_html(context, chat.id, ASK_APPLICANT, reply_markup=applicant_keyboard())
        return APPLICANT
    return await _ask_applicant(update, context)


async def choose_applicant(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Store the chosen applicant type and ask for the topic."""
    await _answer(update)
    code = (update.callback_query.data or "").rsplit("|", 1)[-1] if update.callback_query else ""
    if code not in APPLICANTS:
        return await _ask_applicant(update, context)
    _state(context)["applicant"] = code
    return await _ask_topic(update, context)


async def choose_topic(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Store the chosen topic and ask for the municipality."""
    await _answer(update)
    code = (update.callback_query.data or "").rsplit("|", 1)[-1] if update.callback_query else ""
    state = _state(context)
    if code not in TOPICS:
        return await _ask_topic(update, context)
    if state.get("applicant") not in APPLICANTS:
        return await _ask_applicant(update, context)
    state["topic"] = code
    return await _ask_obec(update, context)


async def back_to_applicant(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Zpět from the topic step: choose the applicant type again."""
    await _answer(update)
    _state(context).pop("applicant", None)
    return await _ask_applicant(update, context)


async def back_to_topic(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Zpět from the municipality step: choose the topic again."""
    await _answer(update)
    state = _state(context)
    state.pop("topic", None)
    if state.get("applicant") not in APPLICANTS:
        return await _ask_applicant(update, context)
    return await _ask_topic(update, context)


async def obec_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A typed municipality name: run the check (or ask again if the name is unknown)."""
    message = update.effective_message
    text = " ".join((message.text or "").split()) if message is not None else ""
    if not text:
        return OBEC
    return await _finish(update, context, text[:100])


async def skip_obec(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Přeskočit: run the check without a municipality."""
    await _answer(update, WORKING)
    return await _finish(update, context, None)


async def use_stored_obec(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Use the municipality the user set with /obec."""
    await _answer(update, WORKING)
    return await _finish(update, context, _stored_obec(update, context))


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Zrušit (button or /zrusit): forget the choices and end the conversation."""
    await _answer(update)
    _state(context).clear()
    await _show(update, context, html.escape(CANCELLED), None)
    return ConversationHandler.END


# PTB types a handler's return value invariantly; the conversation stores any state object.
_Command = CommandHandler[ContextTypes.DEFAULT_TYPE, object]
_Button = CallbackQueryHandler[ContextTypes.DEFAULT_TYPE, object]
_Text = MessageHandler[ContextTypes.DEFAULT_TYPE, object]


def build_overit_handler() -> ConversationHandler[ContextTypes.DEFAULT_TYPE]:
    """The persistent /overit conversation; the Application must have a persistence object."""
    message = filters.UpdateType.MESSAGE  # edited messages do not restart anything
    restart = _Command("overit", start, filters=message)
    cancel_button = _Button(cancel, pattern=_pattern("cancel"))
    with warnings.catch_warnings():
        # per_message=False is intended: state is per user and chat, and /overit (a message)
        # must reach the same conversation as the buttons.
        warnings.filterwarnings("ignore", message=".*per_message.*", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[restart, _Button(start, pattern=_pattern("new"))],
            states={
                APPLICANT: [_Button(choose_applicant, pattern=r"^ov\|a\|\w+$"), cancel_button],
                TOPIC: [
                    _Button(choose_topic, pattern=r"^ov\|t\|\w+$"),
                    _Button(back_to_applicant, pattern=_pattern("back")),
                    cancel_button,
                ],
                OBEC: [
                    _Text(message & filters.TEXT & ~filters.COMMAND, obec_text),
                    _Button(skip_obec, pattern=_pattern("skip")),
                    _Button(use_stored_obec, pattern=_pattern("mine")),
                    _Button(back_to_topic, pattern=_pattern("back")),
                    cancel_button,
                ],
            },
            fallbacks=[restart, _Command("zrusit", cancel, filters=message), cancel_button],
            allow_reentry=True,
            name="overit",
            persistent=True,
        )
