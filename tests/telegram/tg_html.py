"""A strict checker for Telegram's HTML subset, used by the tests on every text the bot sends.

Telegram answers ``Bad Request: can't parse entities`` for unknown tags, unclosed or crossed tags,
bare ``<``/``&`` and named entities other than ``lt gt amp quot``; this checker rejects the same.
"""

from __future__ import annotations

import re

ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "span", "tg-spoiler", "tg-emoji", "blockquote",
}  # fmt: skip
_ENTITY_RE = re.compile(r"&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
_OPEN_RE = re.compile(r"<([a-z][a-z-]*)((?:\s+[a-z-]+(?:=\"[^\"<>]*\"|='[^'<>]*')?)*)\s*>")
_CLOSE_RE = re.compile(r"</([a-z][a-z-]*)\s*>")
_ATTR_RE = re.compile(r"([a-z-]+)(?:=\"([^\"]*)\"|='([^']*)')?")
MAX_LENGTH = 4096


class TelegramHtmlError(AssertionError):
    """The text would be rejected by Telegram's HTML parser."""


def visible_text(text: str) -> str:
    """What the user sees (tags removed, entities decoded)."""
    import html

    return html.unescape(re.sub(r"<[^<>]*>", "", text))


def check_telegram_html(text: str) -> None:
    """Raise TelegramHtmlError unless ``text`` is valid Telegram HTML within the length limit."""
    if not visible_text(text).strip():
        raise TelegramHtmlError("empty message text")
    if len(visible_text(text)) > MAX_LENGTH:
        raise TelegramHtmlError(f"message too long: {len(visible_text(text))} > {MAX_LENGTH}")
    stack: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "&":
            m = _ENTITY_RE.match(text, i)
            if not m:
                raise TelegramHtmlError(f"bare or unsupported entity at {i}: {text[i : i + 12]!r}")
            i = m.end()
        elif ch == "<":
            if text.startswith("</", i):
                m = _CLOSE_RE.match(text, i)
                if not m:
                    raise TelegramHtmlError(f"malformed closing tag at {i}: {text[i : i + 20]!r}")
                name = m.group(1)
                if not stack or stack[-1] != name:
                    raise TelegramHtmlError(f"unexpected </{name}> at {i}; open: {stack}")
                stack.pop()
            else:
                m = _OPEN_RE.match(text, i)
                if not m:
                    raise TelegramHtmlError(f"bare '<' or malformed tag at {i}: {text[i : i + 20]!r}")
                name = m.group(1)
                if name not in ALLOWED_TAGS:
                    raise TelegramHtmlError(f"unsupported tag <{name}>")
                attrs = {a: (v2 if v2 is not None else v3) for a, v2, v3 in _ATTR_RE.findall(m.group(2))}
                if name == "a" and not attrs.get("href"):
                    raise TelegramHtmlError("<a> without href")
                if name == "span" and attrs.get("class") != "tg-spoiler":
                    raise TelegramHtmlError("<span> without class=tg-spoiler")
                for value in attrs.values():
                    if value and "&" in value and not _ENTITY_RE.search(value):
                        raise TelegramHtmlError("bare & in attribute")
                stack.append(name)
            i = m.end()
        elif ch == ">":
            i += 1  # Telegram tolerates a bare '>' in text
        else:
            i += 1
    if stack:
        raise TelegramHtmlError(f"unclosed tags: {stack}")
