"""Telegram handlers: thin glue between updates and the engine (`bot.engine.Engine`).

Everything a user reads comes from the engine (`Answer`, `PlaceMatch`) or `ui.py`, in the user's
language (`ui.user_language`: chosen with /jazyk, remembered from their messages, else Telegram's);
every inserted text is escaped by `bot.formatting`. The question handler is non-blocking and runs
retrieval in a worker thread; the others are quick and stay sequential.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from telegram import CallbackQuery, InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters, Update
from telegram.constants import ChatAction, ChatType, MessageEntityType, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.answer import Answer
from bot.formatting import esc, split_html, strip_tags
from bot.i18n import Lang, as_lang
from bot.places import Municipality, PlaceMatch, PlaceStatus, contact_summary
from bot.render import passage_html, render_html, sources_html
from bot.telegram import conversation, localized, texts, ui
from bot.telegram.keyboards import choice_keyboard, language_keyboard, parse_callback
from bot.telegram.services import services
from bot.telegram.state import SEEN, SentAnswer
from kb.text import format_date_cs

log = logging.getLogger(__name__)
T = TypeVar("T")

# Under a burst, typing indicators would eat half of Telegram's ~30 requests/s budget that the
# answers need; above this many questions in flight they are skipped.
TYPING_MAX_IN_FLIGHT = 10
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


# --- helpers -----------------------------------------------------------------------------------


def _seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def with_retry(call: Callable[[], Awaitable[T]], attempts: int = 6) -> T:
    """Run a Bot API call, retrying network errors and flood waits; Bad Request is not retried.

    AIORateLimiter already retries ``RetryAfter`` a few times; this also covers 5xx/connection
    errors (``NetworkError``) that would otherwise lose a reply.
    """
    delay = 0.3
    for attempt in range(attempts):
        try:
            return await call()
        except (BadRequest, Forbidden):
            raise
        except RetryAfter as exc:
            if attempt == attempts - 1:
                raise
            # the private field: the public one warns about its future type on every access
            await asyncio.sleep(_seconds(exc._retry_after or 1) + 0.1)
        except NetworkError as exc:
            if attempt == attempts - 1:
                raise
            log.warning("Telegram request failed (%s), retrying in %.1f s", exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)
    raise AssertionError("unreachable")


async def send_html(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    html_text: str,
    *,
    reply_markup: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
) -> Message | None:
    """Send HTML split below 4096 characters; the keyboard goes under the last part.

    If Telegram still rejects the markup (it should never happen), the part is re-sent as plain
    text so the user gets an answer anyway.
    """
    parts = split_html(html_text)
    sent: Message | None = None
    for i, part in enumerate(parts):
        markup = reply_markup if i == len(parts) - 1 else None
        reply = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to and i == 0 else None

        def call(
            part: str = part, markup: InlineKeyboardMarkup | None = markup, reply: ReplyParameters | None = reply
        ) -> Awaitable[Message]:
            return context.bot.send_message(
                chat_id, part, parse_mode=ParseMode.HTML, reply_markup=markup,
                reply_parameters=reply, link_preview_options=NO_PREVIEW,
            )  # fmt: skip

        try:
            sent = await with_retry(call)
        except BadRequest as exc:
            if "parse" not in str(exc).lower():
                raise
            log.error("Telegram rejected our HTML (%s); sending plain text", exc)

            def plain(part: str = part, markup: InlineKeyboardMarkup | None = markup) -> Awaitable[Message]:
                return context.bot.send_message(
                    chat_id, strip_tags(part), reply_markup=markup, link_preview_options=NO_PREVIEW
                )

            sent = await with_retry(plain)
    return sent


async def reply_html(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    html_text: str,
    *,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Reply in the chat of the update (quoting the message in groups)."""
    chat = update.effective_chat
    message = update.effective_message
    if chat is None:
        return
    reply_to = message.message_id if message and chat.type != ChatType.PRIVATE and not update.callback_query else None
    await send_html(context, chat.id, html_text, reply_to=reply_to, reply_markup=reply_markup)


def addressed_text(message: Message, bot_username: str, bot_id: int) -> str | None:
    """The question text if the message is for the bot: any private message; in groups only a
    mention of the bot or a reply to one of its messages (mention removed). None otherwise."""
    text = message.text or ""
    if message.chat.type == ChatType.PRIVATE:
        return text
    mention = f"@{bot_username}".lower()
    mentioned = any(
        ent.type == MessageEntityType.MENTION and message.parse_entity(ent).lower() == mention
        for ent in message.entities
    )
    replied = bool(
        message.reply_to_message
        and message.reply_to_message.from_user
        and message.reply_to_message.from_user.id == bot_id
    )
    if not (mentioned or replied):
        return None
    return re.sub(rf"@{re.escape(bot_username)}\b", " ", text, flags=re.IGNORECASE).strip()


def _is_addressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Private chats, button presses, commands and mentions/replies in groups."""
    if update.callback_query:
        return True
    message = update.message
    if message is None or update.effective_user is None:
        return False
    if message.chat.type == ChatType.PRIVATE:
        return True
    if message.text and message.text.startswith("/"):
        return True
    return addressed_text(message, context.bot.username, context.bot.id) is not None


def _place_label(candidate: Municipality, lang: str = "cs") -> str:
    return ui.text("place_label", lang, obec=candidate.name, okres=candidate.okres)


def ui_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Lang:
    """The user's interface language (ui.user_language)."""
    user = update.effective_user
    return ui.user_language(context.user_data, user.language_code if user is not None else None)


# --- rate limit (group -1) ---------------------------------------------------------------------


async def rate_limit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Drop updates of users over the per-minute limit (with one friendly warning per window)."""
    user = update.effective_user
    if user is None or not _is_addressed(update, context):
        return
    if context.user_data is not None:
        context.user_data[SEEN] = int(time.time())  # lets maintenance forget users who left
    limiter = services(context).limiter
    if limiter.hit(user.id):
        return
    log.info("User rate limit hit")
    if update.callback_query:
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer(
                ui.text("rate_limited", ui_language(update, context), limit=limiter.per_minute)
            )
    elif limiter.should_warn(user.id):
        await reply_html(
            update, context, ui.text("rate_limited", ui_language(update, context), limit=limiter.per_minute)
        )
    raise ApplicationHandlerStop


# --- commands ------------------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Introduce the bot and say what it stores."""
    await reply_html(update, context, ui.text("start", ui_language(update, context)))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show how to ask and the commands."""
    await reply_html(update, context, ui.text("help", ui_language(update, context), username=esc(context.bot.username)))


async def jazyk(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/jazyk`: buttons Čeština / Українська / English; `/jazyk uk` (or `en`, `English`…) sets it at once."""
    chosen = ui.parse_language(" ".join(context.args or []))
    if chosen is None:
        await reply_html(
            update, context, ui.text("choose_language", ui_language(update, context)), reply_markup=language_keyboard()
        )
        return
    await _set_language(update, context, chosen)


async def _set_language(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: Lang) -> None:
    if context.user_data is not None:
        context.user_data[ui.LANG] = lang
        context.user_data[ui.LANG_CHOSEN] = True
    await reply_html(update, context, ui.text("language_set", lang))


async def obec(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Remember the user's municipality and confirm its MAS (`/obec Most`)."""
    user = update.effective_user
    if user is None:
        return
    name = " ".join(context.args or []).strip()[:100]
    if not name:
        stored = await services(context).store.get_obec(user.id)
        lang = ui_language(update, context)
        text = ui.text("obec_current", lang, obec=esc(stored)) if stored else ui.text("ask_obec", lang)
        await reply_html(update, context, text)
        return
    match = services(context).engine.place(name)
    await _confirm_place(update, context, match)


async def _confirm_place(update: Update, context: ContextTypes.DEFAULT_TYPE, match: PlaceMatch) -> None:
    user = update.effective_user
    assert user is not None
    svc = services(context)
    lang = ui_language(update, context)
    name = svc.engine.storable_place(match)
    if name is not None and match.obec is not None:
        saved = ui.text("obec_saved", lang, obec=esc(match.obec.name), okres=esc(match.obec.okres))
        text = saved + "\n\n" + localized.place_html(match, lang)
        svc.store.set_obec(user.id, name)  # remembered in memory at once, written in the background
        await reply_html(update, context, text)
    elif match.status is PlaceStatus.AMBIGUOUS and match.candidates:
        options = [c for c in match.candidates if isinstance(c, Municipality)][:10]
        labels = [_place_label(c) for c in options]  # Czech: read back by engine.place
        if context.user_data is not None:
            context.user_data["obec_candidates"] = labels
        shown = choice_keyboard([_place_label(c, lang) for c in options])
        await reply_html(update, context, ui.text("obec_ambiguous", lang), reply_markup=shown)
    elif match.status is PlaceStatus.NOT_FOUND and match.candidates:  # a typo: "Myslíte …?" as buttons
        close = [c for c in match.candidates if isinstance(c, Municipality)][:3]
        if context.user_data is not None:
            context.user_data["obec_candidates"] = [_place_label(c) for c in close]  # Czech: read back
        buttons = choice_keyboard([_place_label(c, lang) for c in close], ui.text("did_you_mean", lang))
        await reply_html(update, context, localized.place_html(match, lang), reply_markup=buttons)
    else:
        await reply_html(update, context, localized.place_html(match, lang))


async def mas(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the user's MAS and its contacts, or ask for the municipality."""
    user = update.effective_user
    if user is None:
        return
    svc = services(context)
    lang = ui_language(update, context)
    stored = await svc.store.get_obec(user.id)
    if stored:
        await reply_html(update, context, localized.place_html(svc.engine.place(stored), lang))
        return
    fallback = ui.text("mas_fallback", lang, contact=esc(contact_summary(svc.engine.fallback_contact)))
    await reply_html(update, context, ui.text("mas_unknown_obec", lang) + "\n\n" + fallback)


async def zdroje(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the sources of the user's last answer."""
    lang = ui_language(update, context)
    key = context.user_data.get("last_answer") if context.user_data is not None else None
    if not key:
        await reply_html(update, context, ui.text("no_last_answer", lang))
        return
    answer = await _sent_answer(context, key)
    if answer is None:
        await reply_html(update, context, ui.text("last_answer_gone", lang))
    elif not answer.sources:
        await reply_html(update, context, ui.text("no_sources", lang))
    else:
        heading = ui.text("last_sources", lang)
        await reply_html(update, context, sources_html(answer.sources, heading=heading, lang=lang))


async def smazat(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Delete everything stored about the user: database rows, user_data (and with it an /overit dialog), limits."""
    user = update.effective_user
    if user is None:
        return
    svc = services(context)
    lang = ui_language(update, context)  # said in the user's language once more, then forgotten too
    if context.user_data is not None:
        context.user_data.clear()
    conversation.forget(context.chat_data)  # the chat's recent question texts, too
    context.application.drop_user_data(user.id)
    svc.limiter.forget(user.id)
    deleted = await svc.store.delete_user(user.id)
    await reply_html(update, context, ui.text("deleted" if deleted else "delete_failed", lang))


# --- questions -----------------------------------------------------------------------------------


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a free-text question: short answer, dated sources, MAS line, buttons."""
    message, user = update.message, update.effective_user
    if message is None or user is None or not message.text:
        return
    text = addressed_text(message, context.bot.username, context.bot.id)
    if text is None:
        return
    private = message.chat.type == ChatType.PRIVATE
    lang = ui_language(update, context)
    if message.forward_origin is not None:
        if private:
            await reply_html(update, context, ui.text("forwarded", lang))
        return
    if not text:
        await reply_html(update, context, ui.text("help", lang, username=esc(context.bot.username)))
        return
    if conversation.is_repeat(context.chat_data, user.id, text):
        log.info("The same question again within seconds; answered once")
        return
    previous = conversation.previous_question(context.chat_data)
    replied = conversation.replied_answer_id(message, context.bot.id)
    if replied is not None:  # a reply to one of our answers continues that answer's question
        sent_before = await _sent_answer(context, replied)
        previous = sent_before.question if sent_before is not None else previous
    await answer_question(
        update, context, text, chat_id=message.chat_id, reply_to=None if private else message.message_id,
        previous=previous,
    )  # fmt: skip


async def answer_question(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    text: str,
    *,
    chat_id: int,
    reply_to: int | None = None,
    previous: str | None = None,
) -> None:
    """Answer ``text`` in the chat (a typed question, or a suggested topic pressed as a button)."""
    user = update.effective_user
    if user is None:
        return
    lang = ui_language(update, context)
    svc = services(context)
    svc.in_flight += 1
    try:
        if svc.in_flight <= TYPING_MAX_IN_FLIGHT:
            with contextlib.suppress(TelegramError):
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
        stored = await svc.store.get_obec(user.id)
        answer: Answer = await asyncio.to_thread(
            svc.engine.answer, text, obec=stored, previous=previous, lang_hint=lang
        )
    finally:
        svc.in_flight -= 1
    lang = ui.remember_language(context.user_data, text, lang)
    conversation.remember_question(context.chat_data, answer, previous)

    note = ""
    name = svc.engine.storable_place(answer.place) if answer.place is not None else None
    remember = name is not None and name != stored and answer.place is not None and answer.place.obec is not None
    if remember and answer.place is not None and answer.place.obec is not None:
        note = "\n\n<i>" + esc(ui.text("obec_remembered_note", lang, obec=answer.place.obec.name)) + "</i>"
    sent = SentAnswer.of(answer)
    key = svc.answers.put(sent)
    if context.user_data is not None:
        context.user_data["last_answer"] = key
    keyboard = conversation.answer_markup(answer, key, lang)
    with_tail = conversation.show_tail(context.chat_data, answer)
    conversation.tail_shown(context.chat_data, answer, with_tail)  # before sending: a concurrent answer sees it
    try:
        await send_html(
            context, chat_id, render_html(answer, with_tail=with_tail) + note, reply_markup=keyboard, reply_to=reply_to
        )
    finally:
        # Recorded after the answer went out, in the background: storage never delays or prevents a reply.
        if remember and name is not None:
            svc.store.set_obec(user.id, name)
        svc.store.record_question(text, answer.confident, asker=user.id)
    svc.store.remember_answer(key, sent.question, sent.sources_json(), sent.passage_json(), asker=user.id)


async def non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice, files, locations…: explain in private chats, ignore in groups."""
    message = update.message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return
    lang = ui_language(update, context)
    await reply_html(update, context, ui.text("forwarded" if message.forward_origin is not None else "only_text", lang))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Unknown (or not permitted) command: the usual reply; in groups only when addressed to us."""
    message = update.message
    if message is None or not message.text:
        return
    if message.chat.type != ChatType.PRIVATE:
        command = message.text.split()[0]
        if "@" not in command or command.split("@", 1)[1].lower() != context.bot.username.lower():
            return
    await reply_html(update, context, ui.text("unknown_command", ui_language(update, context)))


# --- buttons -------------------------------------------------------------------------------------


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Handle 👍/👎, "Zobrazit zdroj", "Moje MAS" and municipality choices; old data politely."""
    query = update.callback_query
    if query is None:
        return
    cb = parse_callback(query.data)
    svc = services(context)
    lang = ui_language(update, context)
    answer = await _sent_answer(context, cb.answer_id) if cb.answer_id else None
    if cb.kind == "unknown" or (cb.kind in ("fb", "src") and answer is None):
        await _answer_query(query, ui.text("old_button", lang), alert=True)
        return
    if cb.kind == "lang" and cb.lang is not None:
        await _answer_query(query)
        await _set_language(update, context, as_lang(cb.lang))
    elif cb.kind == "fb" and answer is not None and cb.answer_id:
        if not svc.answers.first_vote(cb.answer_id, query.from_user.id):
            await _answer_query(query, ui.text("feedback_again", lang))
            return
        await _answer_query(query, ui.text("feedback_thanks", lang))
        svc.store.add_feedback(
            answer.answer_id, answer.question, [s.url or s.file for s in answer.sources], cb.vote,
            voter=query.from_user.id, asker=_asker(query),
        )  # fmt: skip
        if isinstance(query.message, Message):  # the other buttons stay (source, full check, suggestions)
            markup = conversation.without_feedback(query.message.reply_markup)
            with contextlib.suppress(BadRequest):
                await with_retry(lambda: query.edit_message_reply_markup(reply_markup=markup))
    elif cb.kind == "src" and answer is not None:
        await _answer_query(query)
        passage = answer.source_passage
        html_text = passage_html(passage, lang=lang) if passage is not None else ui.text("no_passage", lang)
        await reply_html(update, context, html_text)
    elif cb.kind == "mas":
        await _answer_query(query)
        await mas(update, context)
    elif cb.kind == "ob":
        labels = (context.user_data or {}).get("obec_candidates") or []
        if cb.index is None or cb.index >= len(labels):
            await _answer_query(query, ui.text("old_button", lang), alert=True)
            return
        await _answer_query(query)
        match = svc.engine.place(labels[cb.index])
        if context.user_data is not None:
            context.user_data.pop("obec_candidates", None)
        await _confirm_place(update, context, match)


async def _sent_answer(context: ContextTypes.DEFAULT_TYPE, key: str) -> SentAnswer | None:
    """A sent answer from memory, else from the database (buttons of answers sent before a restart)."""
    svc = services(context)
    found = svc.answers.get(key)
    if found is not None:
        return found
    stored = await svc.store.sent_answer(key)
    found = SentAnswer.from_stored(stored) if stored is not None else None
    if found is not None:
        svc.answers.put(found)
    return found


def _asker(query: CallbackQuery) -> int | None:
    """Who asked the question under which a button was pressed (private chat: the presser; group: the quoted author)."""
    message = query.message
    if not isinstance(message, Message):
        return None
    if message.chat.type == ChatType.PRIVATE:
        return query.from_user.id
    quoted = message.reply_to_message
    return quoted.from_user.id if quoted is not None and quoted.from_user is not None else None


async def _answer_query(query: CallbackQuery, text: str | None = None, alert: bool = False) -> None:
    """Answer a callback query first thing; an expired query ("query is too old") is harmless."""
    try:
        await with_retry(lambda: query.answer(text=text, show_alert=alert), attempts=3)
    except TelegramError as exc:
        log.info("Could not answer callback query: %s", exc)


# --- staff -------------------------------------------------------------------------------------


async def statistiky(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Staff: questions per day, share answered confidently, feedback counts."""
    svc = services(context)
    days = await svc.store.daily_stats(days=7)
    up, down = await svc.store.feedback_counts()
    lines = ["<b>Statistiky za posledních 7 dní</b>"]
    total = sum(d.questions for d in days)
    for d in days:
        share = round(100 * d.confident / d.questions) if d.questions else 0
        lines.append(f"{esc(format_date_cs(d.day))}: {d.questions} otázek, s jistou odpovědí {share} %")
    if not days:
        lines.append("Zatím žádné otázky.")
    confident = sum(d.confident for d in days)
    if total:
        lines.append(f"\nCelkem {total} otázek, s jistou odpovědí {round(100 * confident / total)} %.")
    lines.append(f"Hodnocení celkem: 👍 {up} · 👎 {down}")
    lines.append(f"Index: <code>{esc(svc.engine.build_id)}</code>")
    if svc.store.in_memory:
        lines.append(texts.ADMIN_IN_MEMORY)
    await reply_html(update, context, "\n".join(lines))


async def mezery(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Staff: the most frequent questions the bot could not answer confidently."""
    gaps = await services(context).store.top_gaps(limit=20)
    if not gaps:
        await reply_html(update, context, texts.ADMIN_NO_GAPS)
        return
    lines = ["<b>Nejčastější otázky bez jisté odpovědi</b>"]
    for i, gap in enumerate(gaps, 1):
        lines.append(f"{i}. „{esc(gap.question)}“ – {gap.count}× (naposledy {esc(format_date_cs(gap.last_seen[:10]))})")
    await reply_html(update, context, "\n".join(lines))


async def obnovit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Staff: load a newly built index without restarting."""
    changed = await asyncio.to_thread(services(context).engine.reload_if_changed)
    await reply_html(update, context, texts.ADMIN_RELOADED if changed else texts.ADMIN_NOT_CHANGED)


# --- errors ------------------------------------------------------------------------------------


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the traceback (the token is redacted by the logging filter) and apologise in the user's language."""
    err = context.error
    if isinstance(err, RetryAfter | NetworkError) and not isinstance(err, BadRequest):
        log.warning("Telegram network problem (retried by the updater/rate limiter): %s", err)
        if not isinstance(update, Update):
            return
    else:
        log.error("Error while handling an update", exc_info=err)
    if isinstance(update, Update) and update.effective_chat is not None:
        if update.callback_query is not None:
            await _answer_query(update.callback_query)
        try:
            await send_html(context, update.effective_chat.id, ui.text("error", ui_language(update, context)))
        except TelegramError as exc:
            log.warning("Could not tell the user about the error: %s", exc)
