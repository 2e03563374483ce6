"""Inline keyboards and their callback data (short strings, always under Telegram's 64 bytes).

Callback data formats (version-free, so buttons of an older bot are recognised or politely
refused): ``fb:up:<answer_id>``, ``fb:dn:<answer_id>``, ``src:<answer_id>``, ``mas``, ``ob:<n>``,
``lang:<cs|uk|en>``; ``el:…`` and ``sg:…`` (the full eligibility check, a suggested topic) are built and
handled in ``bot.telegram.conversation``.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import DEFAULT, LANGUAGES
from bot.telegram import texts, ui


@dataclass(frozen=True)
class Callback:
    kind: str  # "fb", "src", "mas", "ob", "lang", or "unknown"
    answer_id: str | None = None
    vote: int = 0
    index: int | None = None
    lang: str | None = None


def parse_callback(data: str | None) -> Callback:
    """Parse callback data; anything unexpected (older versions, garbage) → kind "unknown"."""
    parts = (data or "").split(":")
    if len(parts) == 3 and parts[0] == "fb" and parts[1] in ("up", "dn") and parts[2]:
        return Callback("fb", parts[2], 1 if parts[1] == "up" else -1)
    if len(parts) == 2 and parts[0] == "src" and parts[1]:
        return Callback("src", parts[1])
    if parts == ["mas"]:
        return Callback("mas")
    if len(parts) == 2 and parts[0] == "ob" and parts[1].isdigit():
        return Callback("ob", index=int(parts[1]))
    if len(parts) == 2 and parts[0] == "lang" and parts[1] in LANGUAGES:
        return Callback("lang", lang=parts[1])
    return Callback("unknown")


def answer_keyboard(
    answer_id: str, *, feedback: bool = True, has_passage: bool = True, lang: str = DEFAULT
) -> InlineKeyboardMarkup:
    """👍 / 👎 on the first row (until the user votes), then "Zobrazit zdroj" and "Moje MAS"."""
    rows = []
    if feedback:
        rows.append(
            [
                InlineKeyboardButton(texts.BUTTON_UP, callback_data=f"fb:up:{answer_id}"),
                InlineKeyboardButton(texts.BUTTON_DOWN, callback_data=f"fb:dn:{answer_id}"),
            ]
        )
    second = []
    if has_passage:
        second.append(InlineKeyboardButton(ui.text("button_source", lang), callback_data=f"src:{answer_id}"))
    second.append(InlineKeyboardButton(ui.text("button_mas", lang), callback_data="mas"))
    rows.append(second)
    return InlineKeyboardMarkup(rows)


def choice_keyboard(labels: list[str], template: str = "{label}") -> InlineKeyboardMarkup:
    """One button per municipality candidate (``ob:<index>``); ``template`` words the button ("Myslíte {label}?")."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(template.format(label=label[:60]), callback_data=f"ob:{i}")]
            for i, label in enumerate(labels[:10])
        ]
    )


def language_keyboard() -> InlineKeyboardMarkup:
    """Čeština / Українська / English (``lang:<code>``), each in its own language."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(ui.NAMES[lang], callback_data=f"lang:{lang}")] for lang in LANGUAGES]
    )
