"""The buttons that continue an answer: "Podrobné ověření" (``el:…``) and "Možná vás zajímá" topics (``sg:…``).

Both are stateless: the callback data says what to compute (see ``bot.telegram.conversation``), so a
button pressed after a restart works the same as before it.
"""

from __future__ import annotations

import asyncio

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import CallbackQueryHandler, ContextTypes

from bot.i18n import DEFAULT
from bot.render import eligibility_html
from bot.telegram import conversation, handlers, localized, ui
from bot.telegram.overit import new_check_keyboard
from bot.telegram.services import BotApplication, services


async def detailed_check(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The full eligibility report of a funding answer, as /overit shows it, checked on the day it is pressed."""
    query = update.callback_query
    if query is None:
        return
    lang = handlers.ui_language(update, context)
    parsed = conversation.parse_eligibility(query.data or "")
    if parsed is None:
        await handlers._answer_query(query, ui.text("old_button", lang), alert=True)
        return
    applicant, topic, obec = parsed
    await handlers._answer_query(query, ui.text("checking", lang))
    engine = services(context).engine
    result = await asyncio.to_thread(engine.check_eligibility, applicant, topic, obec)
    report = (
        eligibility_html(result) if lang == DEFAULT else localized.report_html(result, lang, engine.fallback_contact)
    )
    await handlers.reply_html(update, context, report, reply_markup=new_check_keyboard(lang))


async def suggested_topic(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A suggested topic, asked as if the user had typed it (answered with its own buttons)."""
    query = update.callback_query
    if query is None:
        return
    key = conversation.parse_suggestion(query.data or "")
    title = services(context).engine.topic(key) if key else None
    message = query.message
    if title is None or not isinstance(message, Message):
        await handlers._answer_query(query, ui.text("old_button", handlers.ui_language(update, context)), alert=True)
        return
    await handlers._answer_query(query)
    if conversation.is_repeat(context.chat_data, query.from_user.id, title):  # a double tap is one question
        return
    reply_to = message.message_id if message.chat.type != ChatType.PRIVATE else None
    await handlers.answer_question(update, context, title, chat_id=message.chat.id, reply_to=reply_to)


def register(app: BotApplication) -> None:
    """Before the general button handler (which politely refuses data it does not know)."""
    app.add_handler(CallbackQueryHandler(detailed_check, pattern=r"^el:", block=False))
    app.add_handler(CallbackQueryHandler(suggested_topic, pattern=r"^sg:", block=False))
