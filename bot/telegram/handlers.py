"""Telegram handlers: thin glue between updates and the engine (`bot.engine.Engine`).

Everything a user reads comes from the engine (`Answer`, `PlaceMatch.message`) or `texts.py`;
every inserted text is escaped by `bot.formatting`. The question handler is non-blocking and runs
retrieval in a worker thread; the others are quick and stay sequential.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar

from telegram import LinkPreviewOptions, Message, ReplyParameters, Update
from telegram.constants import ChatAction, ChatType, MessageEntityType, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.formatting import esc, format_answer, format_date_cs, format_passage, format_sources, split_html, strip_tags
from bot.storage import Storage
from bot.telegram import texts
from bot.telegram.keyboards import answer_keyboard, choice_keyboard, parse_callback
from bot.telegram.state import AnswerCache, UserRateLimiter

log = logging.getLogger(__name__)
T = TypeVar("T")

REMEMBER_STATUSES = {"assigned", "no_mas", "unknown"}
# Under a burst, typing indicators would eat half of Telegram's ~30 requests/s budget that the
# answers need; above this many questions in flight they are skipped.
TYPING_MAX_IN_FLIGHT = 10
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


# --- helpers -----------------------------------------------------------------------------------


def _engine(context: ContextTypes.DEFAULT_TYPE) -> Any:
    return context.bot_data["engine"]


def _storage(context: ContextTypes.DEFAULT_TYPE) -> Storage:
    return context.bot_data["storage"]


def _cache(context: ContextTypes.DEFAULT_TYPE) -> AnswerCache:
    return context.bot_data["answers"]


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
            await asyncio.sleep(_seconds(getattr(exc, "_retry_after", None) or 1) + 0.1)
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
    reply_markup: Any = None,
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

        def call(part: str = part, markup: Any = markup, reply: Any = reply) -> Awaitable[Message]:
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
            sent = await with_retry(
                lambda part=part, markup=markup: context.bot.send_message(
                    chat_id, strip_tags(part), reply_markup=markup, link_preview_options=NO_PREVIEW
                )
            )
    return sent


async def reply_html(update: Update, context: ContextTypes.DEFAULT_TYPE, html_text: str, **kwargs: Any) -> None:
    """Reply in the chat of the update (quoting the message in groups)."""
    chat = update.effective_chat
    message = update.effective_message
    if chat is None:
        return
    reply_to = message.message_id if message and chat.type != ChatType.PRIVATE and not update.callback_query else None
    await send_html(context, chat.id, html_text, reply_to=reply_to, **kwargs)


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


def storable_name(places: Any, obec: Any) -> str:
    """The municipality name to remember: plain, or with its okres when the name alone is ambiguous."""
    if places.by_name(obec.name).status != "ambiguous":
        return obec.name
    return f"{obec.name} (okres {obec.okres})"


def _place_label(candidate: Any) -> str:
    if isinstance(candidate, dict):
        name, okres = candidate.get("name") or candidate.get("obec"), candidate.get("okres")
    else:
        name, okres = getattr(candidate, "name", None) or str(candidate), getattr(candidate, "okres", None)
    return f"{name} (okres {okres})" if okres else str(name)


# --- rate limit (group -1) ---------------------------------------------------------------------


async def rate_limit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Drop updates of users over the per-minute limit (with one friendly warning per window)."""
    user = update.effective_user
    if user is None or not _is_addressed(update, context):
        return
    limiter: UserRateLimiter = context.bot_data["rate_limiter"]
    if limiter.hit(user.id):
        return
    log.info("User rate limit hit")
    if update.callback_query:
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer(texts.RATE_LIMITED.format(limit=limiter.per_minute))
    elif limiter.should_warn(user.id):
        await reply_html(update, context, texts.RATE_LIMITED.format(limit=limiter.per_minute))
    raise ApplicationHandlerStop


# --- commands ------------------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Introduce the bot and say what it stores."""
    await reply_html(update, context, texts.START)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show how to ask and the commands."""
    await reply_html(update, context, texts.HELP.format(username=esc(context.bot.username)))


async def obec(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Remember the user's municipality and confirm its MAS (`/obec Most`)."""
    user = update.effective_user
    if user is None:
        return
    name = " ".join(context.args or []).strip()[:100]
    if not name:
        stored = _storage(context).get_obec(user.id)
        text = texts.OBEC_CURRENT.format(obec=esc(stored)) if stored else texts.ASK_OBEC
        await reply_html(update, context, text)
        return
    match = _engine(context).places.by_name(name)
    await _confirm_place(update, context, match)


async def _confirm_place(update: Update, context: ContextTypes.DEFAULT_TYPE, match: Any) -> None:
    user = update.effective_user
    assert user is not None
    if match.status in REMEMBER_STATUSES and match.obec is not None:
        _storage(context).set_obec(user.id, storable_name(_engine(context).places, match.obec))
        okres = f" (okres {esc(match.obec.okres)})" if getattr(match.obec, "okres", None) else ""
        text = texts.OBEC_SAVED.format(obec=esc(match.obec.name), okres=okres) + "\n\n" + esc(match.message)
        await reply_html(update, context, text)
    elif match.status == "ambiguous" and match.candidates:
        labels = [_place_label(c) for c in match.candidates][:10]
        context.user_data["obec_candidates"] = labels
        await reply_html(update, context, texts.OBEC_AMBIGUOUS, reply_markup=choice_keyboard(labels))
    else:
        await reply_html(update, context, esc(match.message))


async def mas(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the user's MAS and its contacts, or ask for the municipality."""
    user = update.effective_user
    if user is None:
        return
    stored = _storage(context).get_obec(user.id)
    engine = _engine(context)
    if stored:
        await reply_html(update, context, esc(engine.places.by_name(stored).message))
        return
    text = texts.MAS_UNKNOWN_OBEC
    fallback = getattr(engine.places, "fallback", None)
    if fallback is not None:
        contacts = ", ".join(x for x in (fallback.web, fallback.email, fallback.phone) if x)
        text += "\n\n" + texts.MAS_FALLBACK.format(
            name=esc(fallback.name), contacts=f" ({esc(contacts)})" if contacts else ""
        )
    await reply_html(update, context, text)


async def zdroje(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the sources of the user's last answer."""
    key = context.user_data.get("last_answer") if context.user_data is not None else None
    if not key:
        await reply_html(update, context, texts.NO_LAST_ANSWER)
        return
    answer = _cache(context).get(key)
    if answer is None:
        await reply_html(update, context, texts.LAST_ANSWER_GONE)
    elif not answer.sources:
        await reply_html(update, context, texts.NO_SOURCES)
    else:
        await reply_html(update, context, format_sources(answer.sources, heading="Zdroje poslední odpovědi"))


async def smazat(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Delete everything stored about the user."""
    user = update.effective_user
    if user is None:
        return
    _storage(context).delete_user(user.id)
    if context.user_data is not None:
        context.user_data.clear()
    context.application.drop_user_data(user.id)
    context.bot_data["rate_limiter"].forget(user.id)
    await reply_html(update, context, texts.DELETED)


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
    if message.forward_origin is not None:
        if private:
            await reply_html(update, context, texts.FORWARDED)
        return
    if not text:
        await reply_html(update, context, texts.HELP.format(username=esc(context.bot.username)))
        return
    in_flight = context.bot_data.get("in_flight", 0) + 1
    context.bot_data["in_flight"] = in_flight
    try:
        if in_flight <= TYPING_MAX_IN_FLIGHT:
            with contextlib.suppress(TelegramError):
                await context.bot.send_chat_action(message.chat_id, ChatAction.TYPING)
        storage = _storage(context)
        stored = storage.get_obec(user.id)
        answer = await asyncio.to_thread(_engine(context).answer, text, obec=stored)
    finally:
        context.bot_data["in_flight"] -= 1

    note = ""
    place = answer.place
    named = place is not None and place.obec is not None and place.status in REMEMBER_STATUSES
    if named and (name := storable_name(_engine(context).places, place.obec)) != stored:
        storage.set_obec(user.id, name)
        note = "\n\n<i>" + esc(texts.OBEC_REMEMBERED_NOTE.format(obec=place.obec.name)) + "</i>"
    storage.log_question(text, answer.confident)
    key = _cache(context).put(answer)
    if context.user_data is not None:
        context.user_data["last_answer"] = key
    keyboard = answer_keyboard(key, has_passage=answer.source_passage is not None)
    await send_html(
        context, message.chat_id, format_answer(answer) + note,
        reply_markup=keyboard, reply_to=None if private else message.message_id,
    )  # fmt: skip


async def non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice, files, locations…: explain in private chats, ignore in groups."""
    message = update.message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return
    if message.forward_origin is not None:
        await reply_html(update, context, texts.FORWARDED)
    else:
        await reply_html(update, context, texts.ONLY_TEXT)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Unknown (or not permitted) command: the usual reply; in groups only when addressed to us."""
    message = update.message
    if message is None or not message.text:
        return
    if message.chat.type != ChatType.PRIVATE:
        command = message.text.split()[0]
        if "@" not in command or command.split("@", 1)[1].lower() != context.bot.username.lower():
            return
    await reply_html(update, context, texts.UNKNOWN_COMMAND)


# --- buttons -------------------------------------------------------------------------------------


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Handle 👍/👎, "Zobrazit zdroj", "Moje MAS" and municipality choices; old data politely."""
    query = update.callback_query
    if query is None:
        return
    cb = parse_callback(query.data)
    answer = _cache(context).get(cb.answer_id) if cb.answer_id else None
    if cb.kind == "unknown" or (cb.kind in ("fb", "src") and answer is None):
        await _answer_query(query, texts.OLD_BUTTON, alert=True)
        return
    if cb.kind == "fb":
        if not _cache(context).first_vote(cb.answer_id, query.from_user.id):
            await _answer_query(query, texts.FEEDBACK_AGAIN)
            return
        await _answer_query(query, texts.FEEDBACK_THANKS)
        _storage(context).add_feedback(
            answer.answer_id, answer.question, [s.url or s.file for s in answer.sources], cb.vote
        )
        if query.message is not None:
            markup = answer_keyboard(answer.answer_id, feedback=False, has_passage=answer.source_passage is not None)
            with contextlib.suppress(BadRequest):
                await with_retry(lambda: query.edit_message_reply_markup(reply_markup=markup))
    elif cb.kind == "src":
        await _answer_query(query)
        passage = answer.source_passage
        html_text = format_passage(passage) if passage is not None else texts.NO_PASSAGE
        await reply_html(update, context, html_text)
    elif cb.kind == "mas":
        await _answer_query(query)
        await mas(update, context)
    elif cb.kind == "ob":
        labels = (context.user_data or {}).get("obec_candidates") or []
        if cb.index is None or cb.index >= len(labels):
            await _answer_query(query, texts.OLD_BUTTON, alert=True)
            return
        await _answer_query(query)
        engine = _engine(context)
        match = engine.places.by_name(labels[cb.index])
        context.user_data.pop("obec_candidates", None)
        await _confirm_place(update, context, match)


async def _answer_query(query: Any, text: str | None = None, alert: bool = False) -> None:
    """Answer a callback query first thing; an expired query ("query is too old") is harmless."""
    try:
        await with_retry(lambda: query.answer(text=text, show_alert=alert), attempts=3)
    except TelegramError as exc:
        log.info("Could not answer callback query: %s", exc)


# --- staff -------------------------------------------------------------------------------------


async def statistiky(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Staff: questions per day, share answered confidently, feedback counts."""
    storage = _storage(context)
    days = storage.daily_stats(days=7)
    up, down = storage.feedback_counts()
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
    engine = _engine(context)
    build = getattr(getattr(engine, "index", None), "build_id", None)
    if build:
        lines.append(f"Index: <code>{esc(build)}</code>")
    await reply_html(update, context, "\n".join(lines))


async def mezery(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Staff: the most frequent questions the bot could not answer confidently."""
    gaps = _storage(context).top_gaps(limit=20)
    if not gaps:
        await reply_html(update, context, texts.ADMIN_NO_GAPS)
        return
    lines = ["<b>Nejčastější otázky bez jisté odpovědi</b>"]
    for i, gap in enumerate(gaps, 1):
        lines.append(f"{i}. „{esc(gap.question)}“ – {gap.count}× (naposledy {esc(format_date_cs(gap.last_seen[:10]))})")
    await reply_html(update, context, "\n".join(lines))


async def obnovit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Staff: load a newly built index without restarting."""
    changed = await asyncio.to_thread(_engine(context).reload_if_changed)
    await reply_html(update, context, texts.ADMIN_RELOADED if changed else texts.ADMIN_NOT_CHANGED)


# --- errors ------------------------------------------------------------------------------------


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the traceback (the token is redacted by the logging filter) and apologise in Czech."""
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
            await send_html(context, update.effective_chat.id, texts.ERROR)
        except TelegramError as exc:
            log.warning("Could not tell the user about the error: %s", exc)
