"""One renderer, two targets: an Answer as plain text (CLI, JSON, logs) or as Telegram HTML.

Both walk `Answer.parts()` with the same words; the HTML target only adds markup and links. Every
text that comes from a document or a user is escaped (`bot.formatting.esc`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot import i18n
from bot.answer import (
    Answer,
    Part,
    Passage,
    PlaceLead,
    Source,
    SourceList,
    Suggestions,
    Text,
    TextRole,
)
from bot.eligibility import EligibilityResult
from bot.formatting import esc, link
from kb.text import format_date_cs


def _host(url: str | None) -> str | None:
    match = re.match(r"https?://(?:www\.)?([^/:?#]+)", url or "")
    return match.group(1) if match else None


def _dated(source: Source, lang: str = i18n.DEFAULT) -> str | None:
    when = format_date_cs(source.as_of)
    return i18n.text("as_of", lang, date=when) if when else None


def unique_sources(sources: Iterable[Source]) -> list[Source]:
    """Each URL once (a source without a URL once per title), first occurrence kept."""
    seen: set[str] = set()
    out = []
    for src in sources:
        key = src.url or src.title
        if key not in seen:
            seen.add(key)
            out.append(src)
    return out


def labelled(sources: Iterable[Source]) -> list[tuple[Source, str, str]]:
    """(source, site, title or "") per source: the site tells sources apart, a document's title is said once."""
    shown: set[str] = set()
    out = []
    for src in unique_sources(sources):
        site = _host(src.url) or ""
        title = src.title if src.title and src.title not in shown else ""
        shown.add(src.title)
        out.append((src, site, title))
    return out


# --- plain text ---------------------------------------------------------------------------------


def source_line_plain(source: Source, site: str, title: str, lang: str = i18n.DEFAULT) -> str:
    label = " – ".join(x for x in (site, title) if x) or "zdroj"
    when = _dated(source, lang)
    return f"{label}{f' ({when})' if when else ''}{f': {source.url}' if source.url else ''}"


def _plain_part(part: Part, lang: str) -> str:
    match part:
        case PlaceLead(place):
            return place.in_language(lang)
        case Text(TextRole.CONTEXT, text):
            return f"{i18n.text('context', lang)} {text}"
        case Text(_, text):
            return text
        case Suggestions(topics):
            return f"{i18n.text('suggestions', lang)} " + "; ".join(topics) + "."
        case SourceList(sources):
            lines = "\n".join(f"• {source_line_plain(*row, lang)}" for row in labelled(sources))
            return f"{i18n.text('sources', lang)}:\n{lines}"


def render_parts_plain(parts: list[Part], lang: str = i18n.DEFAULT) -> str:
    return "\n\n".join(_plain_part(p, lang) for p in parts)


def render_plain(answer: Answer) -> str:
    """Exactly what the bot says, without markup."""
    return render_parts_plain(answer.parts(), answer.lang)


# --- Telegram HTML ------------------------------------------------------------------------------


def source_line_html(source: Source, site: str, title: str, lang: str = i18n.DEFAULT) -> str:
    """One bullet: the site as the link, the document's title (once), the date of the source."""
    line = "• " + link(site or title or "zdroj", source.url)
    if title and site:
        line += f" – {esc(title)}"
    when = _dated(source, lang)
    if when:
        line += f" <i>({esc(when)})</i>"
    return line


def sources_html(sources: Iterable[Source], heading: str | None = None, lang: str = i18n.DEFAULT) -> str:
    """Heading plus one line per source (each once), or "" when none."""
    heading = heading or i18n.text("sources", lang)
    lines = [source_line_html(*row, lang) for row in labelled(sources)]
    if not lines:
        return ""
    return f"<b>{esc(heading)}:</b>\n" + "\n".join(lines)


def message_html(message: str) -> str:
    """A plain Czech message (places, eligibility) as HTML: escaped, first line and headings in bold."""
    out: list[str] = []
    for i, line in enumerate(message.split("\n")):
        text = esc(line)
        heading = i == 0 or (line.endswith(":") and not line.startswith((" ", "•", "–")))
        out.append(f"<b>{text}</b>" if heading and line else text)
    return "\n".join(out)


def eligibility_html(result: EligibilityResult) -> str:
    return message_html(result.message)


def _html_part(part: Part, lang: str) -> str:
    match part:
        case PlaceLead(place):
            return message_html(place.in_language(lang))
        case Text(TextRole.CONTEXT, text):
            return f"<b>{esc(i18n.text('context', lang))}</b> {esc(text.strip())}"
        case Text(TextRole.INTRO, text):
            return f"<i>{esc(text.strip())}</i>"
        case Text(_, text):
            return esc(text.strip())
        case Suggestions(topics):
            return f"{esc(i18n.text('suggestions', lang))} " + "; ".join(f"<b>{esc(t)}</b>" for t in topics) + "."
        case SourceList(sources):
            return sources_html(sources, lang=lang)


def render_html(answer: Answer, *, with_tail: bool = True) -> str:
    """The same parts and words as `render_plain`, as Telegram HTML (the MAS line may be left out when
    the chat already has it)."""
    parts = answer.parts(with_tail=with_tail)
    return "\n\n".join(p for p in (_html_part(part, answer.lang) for part in parts) if p)


def passage_html(passage: Passage, limit: int = 3000, lang: str = i18n.DEFAULT) -> str:
    """The passage behind an answer: breadcrumb in bold, the text, its source with date (words in `lang`)."""
    word = i18n.text("source", lang)
    title = passage.breadcrumb or passage.title or word
    text = (passage.text or "").strip()
    if len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        text = text[: cut if cut > limit // 2 else limit].rstrip() + " …"
    out = f"<b>{esc(title)}</b>\n\n<blockquote>{esc(text)}</blockquote>"
    when = format_date_cs(passage.as_of)
    src = link(passage.title or passage.source or word.lower(), passage.source) if passage.source else ""
    dated = f"({esc(i18n.text('as_of', lang, date=when))})" if when else ""
    tail = " ".join(x for x in (f"{esc(word)}: {src}" if src else "", dated) if x)
    return out + ("\n" + tail if tail else "")
