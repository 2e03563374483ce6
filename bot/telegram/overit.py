"""`/overit`: the guided eligibility check in Telegram (applicant type → topic → municipality).

The dialog's state lives in ``context.user_data["overit"]`` (persisted with the rest of
``user_data``, so a step survives a restart, and cleared by /smazat with everything else):
the step, the choices so far, the chat, the bot's latest step message and when the last step was
taken. A dialog left alone for ``DIALOG_TIMEOUT_S`` is over: its buttons say so and text is no
longer taken as a municipality.

At the municipality step a text message is the dialog's only when it is meant for it: in a private
chat any text that is not clearly a question (ends with "?", starts with a question word, or is
longer than a municipality name could be); in a group only a mention of the bot or a reply to the
step message. A question leaves the dialog and is answered as usual; other group talk is ignored.

Every step has Zpět (back) and Zrušit (cancel) buttons; /overit restarts from the first step at any
time. The check itself is the engine's ``check_eligibility`` (the same code as ``python -m bot
overit``), with the engine's places for the municipality and its MAS.

Every text is in the user's language (`bot.telegram.ui`); for uk and en the report is written by
`localized.report_html` (call names and the calls table's wording stay Czech, and it says so).

Callback data: ``ov|a|<applicant>``, ``ov|t|<topic>``, ``ov|skip``, ``ov|mine``, ``ov|back``,
``ov|cancel``, ``ov|new`` — all far below Telegram's 64-byte limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, MessageEntityType, ParseMode
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.eligibility import APPLICANTS, TOPICS
from bot.i18n import DEFAULT
from bot.places import PlaceStatus
from bot.render import eligibility_html
from bot.telegram import handlers, localized, ui
from bot.telegram.handlers import send_html, with_retry
from bot.telegram.services import BotApplication, services
from kb.text import fold_lower

log = logging.getLogger(__name__)

KEY = "overit"
PREFIX = "ov"
APPLICANT, TOPIC, OBEC = "applicant", "topic", "obec"
DIALOG_TIMEOUT_S = 15 * 60
# The longest municipality of the region has 4 words and 25 characters; with "(okres Chomutov)" or
# "obec" around it a name stays within these limits, a question does not.
MAX_NAME_WORDS = 7
MAX_NAME_CHARS = 60
_QUESTION_WORDS = frozenset(
    """kdo co coz jak jaka jake jaky jakou kde kdy kam kolik proc ktera ktere ktery kterou kteri cim
    muze muzu mohu muzeme mohou lze smi je jsou jde da dal existuje mam mame ma potrebuji chci chceme
    chtel chtela prosim poradte vite plati what how who when where which can is are does do
    що як хто де коли чи скільки який яка яке чому""".split()
)


def _heading(step: int, lang: str) -> str:
    return f"<b>{ui.text('ov_title', lang)}</b> ({ui.text('ov_step', lang, step=str(step))})"


def _applicant(code: str, lang: str) -> str:
    return ui.label(ui.APPLICANTS, APPLICANTS, code, lang)


def _topic(code: str, lang: str) -> str:
    return ui.label(ui.TOPICS, TOPICS, code, lang)


def _group_hint(update: Update, lang: str) -> str:
    return "\n\n" + ui.text("ov_group_hint", lang) if _group(update) else ""


def _lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    return handlers.ui_language(update, context)


def _cb(*parts: str) -> str:
    return "|".join((PREFIX, *parts))


def _rows(buttons: list[InlineKeyboardButton], width: int = 2) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def _nav(back: bool = True, lang: str = DEFAULT) -> list[InlineKeyboardButton]:
    row = [InlineKeyboardButton(ui.text("ov_back", lang), callback_data=_cb("back"))] if back else []
    return [*row, InlineKeyboardButton(ui.text("ov_cancel", lang), callback_data=_cb("cancel"))]


def applicant_keyboard(lang: str = DEFAULT) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(_applicant(code, lang), callback_data=_cb("a", code)) for code in APPLICANTS]
    return InlineKeyboardMarkup([*_rows(buttons), _nav(back=False, lang=lang)])


def topic_keyboard(lang: str = DEFAULT) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(_topic(code, lang), callback_data=_cb("t", code)) for code in TOPICS]
    return InlineKeyboardMarkup([*_rows(buttons), _nav(lang=lang)])


def obec_keyboard(stored: str | None, lang: str = DEFAULT) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    if stored:
        rows.append([InlineKeyboardButton(ui.text("ov_mine", lang, obec=stored)[:60], callback_data=_cb("mine"))])
    rows.append([InlineKeyboardButton(ui.text("ov_skip", lang), callback_data=_cb("skip"))])
    rows.append(_nav(lang=lang))
    return InlineKeyboardMarkup(rows)


def new_check_keyboard(lang: str = DEFAULT) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(ui.text("ov_new", lang), callback_data=_cb("new"))]])


# --- the dialog's state -------------------------------------------------------------------------


def looks_like_question(text: str) -> bool:
    """Clearly a question rather than a municipality name: "?" at the end, a question word first, or too long."""
    words = re.findall(r"\w+", fold_lower(text))
    if not words:
        return False
    return (
        text.rstrip().endswith("?")
        or words[0] in _QUESTION_WORDS
        or len(words) > MAX_NAME_WORDS
        or len(text) > MAX_NAME_CHARS
    )


def active_dialog(user_data: Mapping[str, Any] | None, chat_id: int, now: float | None = None) -> dict[str, Any] | None:
    """The user's dialog in this chat if it has not timed out (no side effects)."""
    state = (user_data or {}).get(KEY)
    if not isinstance(state, dict) or state.get("chat") != chat_id or state.get("step") not in (APPLICANT, TOPIC, OBEC):
        return None
    at = state.get("at")
    if not isinstance(at, int | float) or (now or time.time()) - at > DIALOG_TIMEOUT_S:
        return None
    return state


def _dialog(context: ContextTypes.DEFAULT_TYPE, update: Update) -> dict[str, Any] | None:
    chat = update.effective_chat
    return active_dialog(context.user_data, chat.id) if chat is not None else None


def _end(context: ContextTypes.DEFAULT_TYPE) -> None:
    if context.user_data is not None:
        context.user_data.pop(KEY, None)


def _step(context: ContextTypes.DEFAULT_TYPE, state: dict[str, Any], step: str) -> None:
    state["step"] = step
    state["at"] = time.time()
    if context.user_data is not None:
        context.user_data[KEY] = state


def _addressed_to_dialog(message: Message, state: Mapping[str, Any], bot_username: str) -> str | None:
    """The text if it is meant for the dialog: any private text; in groups a mention or a reply to the step message."""
    text = message.text or ""
    if message.chat.type == ChatType.PRIVATE:
        return text
    reply = message.reply_to_message
    if reply is not None and state.get("msg") is not None and reply.message_id == state.get("msg"):
        return text
    mention = f"@{bot_username}".lower()
    if any(
        ent.type == MessageEntityType.MENTION and message.parse_entity(ent).lower() == mention
        for ent in message.entities
    ):
        return re.sub(rf"@{re.escape(bot_username)}\b", " ", text, flags=re.IGNORECASE).strip()
    return None


class DialogTextHandler(MessageHandler[ContextTypes.DEFAULT_TYPE, None]):
    """Text for a user at the municipality step of a live dialog in this chat, meant for the dialog.

    Everything else falls through to the other handlers (a question is answered as usual).
    """

    def __init__(
        self, user_data: Mapping[int, Mapping[str, Any]], callback: Callable[..., Any], bot_username: Callable[[], str]
    ) -> None:
        super().__init__(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, callback, block=False)
        self._user_data = user_data
        self._bot_username = bot_username

    def check_update(self, update: object) -> bool | dict[str, list[Any]] | None:
        found = super().check_update(update)
        if not found or not isinstance(update, Update) or update.message is None or update.effective_user is None:
            return None
        message = update.message
        state = active_dialog(self._user_data.get(update.effective_user.id), message.chat.id)
        if state is None or state.get("step") != OBEC:
            return None
        if message.forward_origin is not None:
            return None
        return found if _addressed_to_dialog(message, state, self._bot_username()) is not None else None


# --- showing steps -----------------------------------------------------------------------------------


async def _stored_obec(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    user = update.effective_user
    return await services(context).store.get_obec(user.id) if user is not None else None


async def _answer(update: Update, text: str | None = None, alert: bool = False) -> None:
    query = update.callback_query
    if query is not None:
        with contextlib.suppress(Exception):  # an expired query must not stop the flow
            await with_retry(lambda: query.answer(text=text, show_alert=alert), attempts=3)


async def _show(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    state: dict[str, Any] | None,
    text: str,
    markup: InlineKeyboardMarkup | None,
    *,
    new_message: bool = False,
) -> None:
    """Edit the message whose button was pressed (else send a new one); remember it as the step message."""
    query = update.callback_query
    if query is not None and query.message is not None and not new_message:
        try:
            await with_retry(lambda: query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup))
            if state is not None:
                state["msg"] = query.message.message_id
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
            log.warning("could not edit the /overit message (%s); sending a new one", exc)
    chat = update.effective_chat
    if chat is not None:
        sent = await send_html(context, chat.id, text, reply_markup=markup)
        if state is not None and sent is not None:
            state["msg"] = sent.message_id


def _group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type != ChatType.PRIVATE


async def _ask_applicant(update: Update, context: ContextTypes.DEFAULT_TYPE, *, new_message: bool = False) -> None:
    chat = update.effective_chat
    assert chat is not None
    state: dict[str, Any] = {"chat": chat.id}
    _step(context, state, APPLICANT)
    lang = _lang(update, context)
    text = f"{_heading(1, lang)}\n\n{ui.text('ov_ask_applicant', lang)}"
    await _show(update, context, state, text, applicant_keyboard(lang), new_message=new_message)


async def _ask_topic(update: Update, context: ContextTypes.DEFAULT_TYPE, state: dict[str, Any]) -> None:
    _step(context, state, TOPIC)
    lang = _lang(update, context)
    applicant = ui.text("ov_applicant", lang, applicant=html.escape(_applicant(state["applicant"], lang)))
    text = f"{_heading(2, lang)}\n\n{applicant}\n{ui.text('ov_ask_topic', lang)}"
    await _show(update, context, state, text, topic_keyboard(lang))


async def _ask_obec(update: Update, context: ContextTypes.DEFAULT_TYPE, state: dict[str, Any]) -> None:
    _step(context, state, OBEC)
    lang = _lang(update, context)
    applicant = ui.text("ov_applicant", lang, applicant=html.escape(_applicant(state["applicant"], lang)))
    topic = ui.text("ov_topic", lang, topic=html.escape(_topic(state["topic"], lang)))
    text = f"{_heading(3, lang)}\n\n{applicant}\n{topic}\n\n{ui.text('ov_ask_obec', lang)}"
    await _show(
        update,
        context,
        state,
        text + _group_hint(update, lang),
        obec_keyboard(await _stored_obec(update, context), lang),
    )


async def _finish(update: Update, context: ContextTypes.DEFAULT_TYPE, state: dict[str, Any], obec: str | None) -> None:
    applicant, topic = state.get("applicant"), state.get("topic")
    chat = update.effective_chat
    if chat is None:
        _end(context)
        return
    if applicant not in APPLICANTS or topic not in TOPICS:  # lost choices: start over
        await _ask_applicant(update, context, new_message=True)
        return
    engine = services(context).engine
    lang = _lang(update, context)
    if obec:
        match = await asyncio.to_thread(engine.place, obec)
        if match.status in (PlaceStatus.NOT_FOUND, PlaceStatus.AMBIGUOUS):
            text = (
                ui.text("ov_place_not_found", lang, obec=html.escape(obec))
                if match.status is PlaceStatus.NOT_FOUND
                else ui.text("ov_place_ambiguous", lang, message=localized.place_html(match, lang))
            )
            _step(context, state, OBEC)
            await _show(
                update, context, state, text + _group_hint(update, lang),
                obec_keyboard(await _stored_obec(update, context), lang), new_message=True,
            )  # fmt: skip
            return
    _end(context)
    result = await asyncio.to_thread(engine.check_eligibility, applicant, topic, obec)
    report = (
        eligibility_html(result) if lang == DEFAULT else localized.report_html(result, lang, engine.fallback_contact)
    )
    await send_html(context, chat.id, report, reply_markup=new_check_keyboard(lang))


# --- handlers ---------------------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/overit (or "Nové ověření"): start at step 1; an older dialog of the user ends."""
    await _answer(update)
    # keep an old result visible: "Nové ověření" asks in a new message
    await _ask_applicant(update, context, new_message=update.callback_query is not None)


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every ``ov|…`` button; a button of an ended or timed-out dialog says so."""
    query = update.callback_query
    if query is None:
        return
    parts = (query.data or "").split("|")
    action = parts[1] if len(parts) > 1 else ""
    if action == "new":
        await start(update, context)
        return
    state = _dialog(context, update)
    lang = _lang(update, context)
    if state is None:
        await _answer(update, ui.text("ov_expired", lang), alert=True)
        return
    step = state.get("step")
    code = parts[2] if len(parts) > 2 else ""
    if action == "cancel":
        await _answer(update)
        _end(context)
        await _show(update, context, None, ui.text("ov_cancelled", lang), None)
    elif action == "a" and step == APPLICANT and code in APPLICANTS:
        await _answer(update)
        state["applicant"] = code
        await _ask_topic(update, context, state)
    elif action == "t" and step == TOPIC and code in TOPICS and state.get("applicant") in APPLICANTS:
        await _answer(update)
        state["topic"] = code
        await _ask_obec(update, context, state)
    elif action == "back" and step == TOPIC:
        await _answer(update)
        state.pop("applicant", None)
        await _ask_applicant(update, context)
    elif action == "back" and step == OBEC:
        await _answer(update)
        state.pop("topic", None)
        if state.get("applicant") in APPLICANTS:
            await _ask_topic(update, context, state)
        else:
            await _ask_applicant(update, context)
    elif action == "skip" and step == OBEC:
        await _answer(update, ui.text("ov_working", lang))
        await _finish(update, context, state, None)
    elif action == "mine" and step == OBEC:
        await _answer(update, ui.text("ov_working", lang))
        await _finish(update, context, state, await _stored_obec(update, context))
    else:  # a button of an earlier step
        await _answer(update)


async def obec_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text meant for the municipality step: a question leaves the dialog and is answered."""
    message = update.message
    state = _dialog(context, update)
    if message is None or state is None or state.get("step") != OBEC:  # timed out since the check
        await handlers.question(update, context)
        return
    text = _addressed_to_dialog(message, state, context.bot.username) or ""
    if looks_like_question(text):
        _end(context)
        await handlers.question(update, context)
        return
    name = " ".join(text.split())[:100]
    if name:
        await _finish(update, context, state, name)


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/zrusit: end the dialog."""
    running = _dialog(context, update) is not None
    _end(context)
    text = ui.text("ov_cancelled" if running else "ov_nothing_to_cancel", _lang(update, context))
    await _show(update, context, None, text, None)


def register(app: BotApplication) -> None:
    """The /overit handlers, before the general ones (the municipality step must see its text first)."""
    message = filters.UpdateType.MESSAGE  # edited messages do not restart anything
    app.add_handler(CommandHandler("overit", start, filters=message))
    app.add_handler(CommandHandler("zrusit", cancel, filters=message))
    app.add_handler(CallbackQueryHandler(button, pattern=r"^ov\|"))
    app.add_handler(DialogTextHandler(app.user_data, obec_text, lambda: app.bot.username))
