"""A chat as a conversation: follow-ups, double sends, the MAS footer once per topic, and the answer's buttons.

Per-chat state lives in ``chat_data`` (in memory only: all of it expires within half an hour, so a
restart loses nothing that matters), a few small entries per chat, swept by ``sweep_chat_data``:

* the chat's last question and when it was asked: a short continuation ("a kam mám jít?") within
  ``FOLLOWUP_WINDOW_S`` is read together with it (``Engine.answer(previous=…)``);
* the questions of the last ``REPEAT_WINDOW_S`` seconds: the same text sent twice by the same person
  (a double tap, an impatient user) is answered once;
* the MAS line last shown at the end of an answer, and when: it is left out while the same line was
  shown in the last ``TAIL_WINDOW_S``, except under "nevím" and contact questions.

Buttons under an answer carry everything they need in their callback data (always under 64 bytes),
so they work after a restart without stored state: ``el:<applicant>:<topic>:<municipality>`` (the
full eligibility check, recomputed on the day it is pressed) and ``sg:<topic key>`` (a suggested
topic, found again by its key among the published documents).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import MutableMapping
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.answer import Answer, topic_key
from bot.eligibility import APPLICANTS, TOPICS, EligibilityResult
from bot.i18n import DEFAULT
from bot.intent import QuestionKind, looks_like_followup
from bot.telegram import ui
from bot.telegram.keyboards import answer_keyboard, parse_callback
from bot.telegram.services import BotApplication

log = logging.getLogger(__name__)

FOLLOWUP_WINDOW_S = 5 * 60
REPEAT_WINDOW_S = 10.0
TAIL_WINDOW_S = 30 * 60
MAX_RECENT = 20  # questions remembered for the repeat check, per chat
MAX_PREVIOUS_CHARS = 300  # a chain of follow-ups keeps the topic, not a growing transcript
MAX_CALLBACK_BYTES = 64
BUTTON_LABEL_CHARS = 60

LAST = "conv_last"  # {"text": str, "at": float}
RECENT = "conv_recent"  # {"<user>:<normalised text>": at}
TAIL = "conv_tail"  # {"line": str, "at": float}
KEYS = (LAST, RECENT, TAIL)

# Replies that are not answers from the knowledge: no rating, no buttons at all.
NO_BUTTON_KINDS = frozenset({QuestionKind.GREETING, QuestionKind.THANKS, QuestionKind.EMPTY})
# Questions whose point is whom to ask: the MAS line is the answer, never left out.
CONTACT_KINDS = frozenset({QuestionKind.CONTACT, QuestionKind.WHO, QuestionKind.PLACE})

ChatData = MutableMapping[Any, Any] | None


def _now(now: float | None) -> float:
    return time.time() if now is None else now


# --- repeated messages ------------------------------------------------------------------------------


def normalize(text: str) -> str:
    """The same question typed twice: case, whitespace and trailing punctuation do not matter."""
    return " ".join(text.casefold().split()).rstrip(" ?!.…")


def is_repeat(chat_data: ChatData, user_id: int, text: str, now: float | None = None) -> bool:
    """True when this person sent the same text in this chat within ``REPEAT_WINDOW_S``; else remember it."""
    if chat_data is None:
        return False
    now = _now(now)
    recent = chat_data.get(RECENT)
    if not isinstance(recent, dict):
        recent = {}
    recent = {k: at for k, at in recent.items() if isinstance(at, int | float) and now - at < REPEAT_WINDOW_S}
    key = f"{user_id}:{normalize(text)}"
    repeat = key in recent
    if not repeat:
        recent[key] = now
        while len(recent) > MAX_RECENT:
            recent.pop(next(iter(recent)))
    chat_data[RECENT] = recent
    return repeat


# --- follow-ups ---------------------------------------------------------------------------------------


def previous_question(chat_data: ChatData, now: float | None = None) -> str | None:
    """The chat's last question if it was asked within ``FOLLOWUP_WINDOW_S``."""
    last = (chat_data or {}).get(LAST)
    if not isinstance(last, dict) or not isinstance(last.get("text"), str):
        return None
    at = last.get("at")
    if not isinstance(at, int | float) or _now(now) - at > FOLLOWUP_WINDOW_S:
        return None
    return str(last["text"])


def remember_question(
    chat_data: ChatData, answer: Answer, previous: str | None = None, now: float | None = None
) -> None:
    """Keep the question for the next message's context; a follow-up keeps the topic it continued."""
    if chat_data is None or answer.kind in NO_BUTTON_KINDS or not answer.question:
        return
    text = answer.question
    if previous and looks_like_followup(text):
        text = f"{previous[:MAX_PREVIOUS_CHARS]} {text}"
    chat_data[LAST] = {"text": text[: MAX_PREVIOUS_CHARS * 2], "at": _now(now)}


def replied_answer_id(message: Message, bot_id: int) -> str | None:
    """The id of the bot's answer a message replies to, read from that answer's buttons; None otherwise."""
    reply = message.reply_to_message
    if reply is None or reply.from_user is None or reply.from_user.id != bot_id or reply.reply_markup is None:
        return None
    for row in reply.reply_markup.inline_keyboard:
        for button in row:
            data = button.callback_data if isinstance(button.callback_data, str) else None
            cb = parse_callback(data)
            if cb.kind in ("fb", "src") and cb.answer_id:
                return cb.answer_id
    return None


# --- the MAS footer -----------------------------------------------------------------------------------


def show_tail(chat_data: ChatData, answer: Answer, now: float | None = None) -> bool:
    """Whether the answer ends with its MAS line: not when this chat saw the same line lately.

    "Nevím" always says whom to ask, and so does an answer to a contact or who-helps question."""
    tail = answer.tail
    if not tail or not answer.confident or answer.kind in CONTACT_KINDS:
        return True
    last = (chat_data or {}).get(TAIL)
    if not isinstance(last, dict) or last.get("line") != tail:
        return True
    at = last.get("at")
    return not isinstance(at, int | float) or _now(now) - at >= TAIL_WINDOW_S


def tail_shown(chat_data: ChatData, answer: Answer, shown: bool, now: float | None = None) -> None:
    if chat_data is not None and shown and answer.tail:
        chat_data[TAIL] = {"line": answer.tail, "at": _now(now)}


# --- buttons ------------------------------------------------------------------------------------------


def wants_feedback(answer: Answer) -> bool:
    """👍/👎 only under answers from the knowledge (not small talk, empty messages or off-topic refusals)."""
    return answer.kind not in NO_BUTTON_KINDS and not answer.off_topic


def eligibility_callback(result: EligibilityResult) -> str:
    """``el:<applicant>:<topic>:<municipality>``; the municipality is left out only if it cannot fit in 64 bytes."""
    base = f"el:{result.applicant}:{result.topic}:"
    obec = result.obec or ""
    if len((base + obec).encode()) > MAX_CALLBACK_BYTES:
        log.warning("Municipality name too long for the eligibility button; the check will cover the region")
        obec = ""
    return base + obec


def parse_eligibility(data: str) -> tuple[str, str, str | None] | None:
    """(applicant, topic, municipality or None) of ``el:`` data; None when the codes are not (or no longer) known."""
    parts = data.split(":", 3)
    if len(parts) != 4 or parts[0] != "el" or parts[1] not in APPLICANTS or parts[2] not in TOPICS:
        return None
    return parts[1], parts[2], parts[3].strip() or None


def suggestion_callback(title: str) -> str:
    return f"sg:{topic_key(title)}"


def parse_suggestion(data: str) -> str | None:
    match = re.fullmatch(r"sg:([0-9a-f]{6,40})", data)
    return match.group(1) if match else None


def _label(text: str) -> str:
    return text if len(text) <= BUTTON_LABEL_CHARS else text[: BUTTON_LABEL_CHARS - 1].rstrip() + "…"


def answer_markup(answer: Answer, answer_id: str, lang: str = DEFAULT) -> InlineKeyboardMarkup | None:
    """The buttons under an answer: rating, source, MAS, the full eligibility check, suggested topics.

    Small talk and empty messages get none; suggestions are buttons exactly when the text lists them."""
    if answer.kind in NO_BUTTON_KINDS:
        return None
    base = answer_keyboard(
        answer_id, feedback=wants_feedback(answer), has_passage=answer.source_passage is not None, lang=lang
    )
    rows = [list(row) for row in base.inline_keyboard]
    if answer.eligibility is not None:
        data = eligibility_callback(answer.eligibility)
        rows.append([InlineKeyboardButton(ui.text("button_detailed_check", lang), callback_data=data)])
    if answer.suggestions and not answer.confident:
        for title in answer.suggestions:
            rows.append([InlineKeyboardButton(_label(title), callback_data=suggestion_callback(title))])
    return InlineKeyboardMarkup(rows)


def without_feedback(markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """The same buttons minus 👍/👎 (after a vote); None when nothing is left."""
    if markup is None:
        return None
    rows = []
    for row in markup.inline_keyboard:
        kept = [b for b in row if not (isinstance(b.callback_data, str) and b.callback_data.startswith("fb:"))]
        if kept:
            rows.append(kept)
    return InlineKeyboardMarkup(rows) if rows else None


# --- housekeeping -------------------------------------------------------------------------------------


def forget(chat_data: ChatData) -> None:
    """/smazat: the chat's recent question texts go with everything else."""
    for key in KEYS:
        if chat_data is not None:
            chat_data.pop(key, None)


def expired(chat_data: MutableMapping[Any, Any], now: float | None = None) -> bool:
    """Drop this module's entries that can no longer matter; True when the chat has nothing else left."""
    now = _now(now)
    last, tail = chat_data.get(LAST), chat_data.get(TAIL)
    if isinstance(last, dict) and now - float(last.get("at") or 0) > FOLLOWUP_WINDOW_S:
        chat_data.pop(LAST, None)
    if isinstance(tail, dict) and now - float(tail.get("at") or 0) >= TAIL_WINDOW_S:
        chat_data.pop(TAIL, None)
    recent = chat_data.get(RECENT)
    if isinstance(recent, dict) and not any(
        isinstance(at, int | float) and now - at < REPEAT_WINDOW_S for at in recent.values()
    ):
        chat_data.pop(RECENT, None)
    return not chat_data


def sweep_chat_data(app: BotApplication, now: float | None = None) -> int:
    """Forget the conversation state of chats that have been quiet; returns how many chats were dropped."""
    dropped = 0
    for chat_id, data in list(app.chat_data.items()):
        if isinstance(data, dict) and expired(data, now):
            app.drop_chat_data(chat_id)
            dropped += 1
    return dropped
