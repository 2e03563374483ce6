"""Pure helpers that turn answers into Telegram HTML and split long replies.

Telegram's HTML parse mode accepts a small tag subset (b, i, u, s, a, code, pre, blockquote, …)
and only the entities ``&lt; &gt; &amp; &quot;`` plus numeric ones. Everything that comes from a
document or a user goes through :func:`esc`; tags are only ever produced by this module.

Nothing here touches the network or python-telegram-bot, so it is unit-tested directly.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, Protocol

MAX_MESSAGE_LENGTH = 4096  # telegram.constants.MessageLimit.MAX_TEXT_LENGTH
# Keep a small safety margin: Telegram counts UTF-16 code units of the *parsed* text, we count
# characters of the raw HTML (always longer), so the margin only covers astral-plane emoji.
SAFE_LENGTH = 4000

_MONTHS_GENITIVE = (
    "ledna", "února", "března", "dubna", "května", "června",
    "července", "srpna", "září", "října", "listopadu", "prosince",
)  # fmt: skip


def esc(text: object) -> str:
    """Escape any text for Telegram HTML (quotes too, so it is safe inside attributes)."""
    return html.escape(str(text), quote=True)


def format_date_cs(value: str | date | None) -> str | None:
    """ISO date (``2024-07-01``, ``2024-07`` or ``2024``) → Czech ``1. 7. 2024`` / ``7/2024``."""
    if value is None:
        return None
    if isinstance(value, date):
        return f"{value.day}. {value.month}. {value.year}"
    text = str(value).strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        try:
            date(y, mo, d)
        except ValueError:
            return text
        return f"{d}. {mo}. {y}"
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{int(m.group(2))}/{m.group(1)}"
    return text


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links become ``<a href>``; anything else is shown as text."""
    if not url:
        return None
    url = url.strip()
    if re.match(r"https?://[^\s<>\"']+$", url, re.IGNORECASE):
        return url
    return None


def link(text: str, url: str | None) -> str:
    """``<a href=url>text</a>`` with both parts escaped; plain escaped text for unsafe URLs."""
    safe = _safe_url(url)
    if safe is None:
        return esc(text)
    return f'<a href="{esc(safe)}">{esc(text)}</a>'


class SourceLike(Protocol):
    title: str
    url: str | None
    as_of: str | None


def _host(url: str | None) -> str | None:
    match = re.match(r"https?://(?:www\.)?([^/:?#]+)", url or "")
    return match.group(1) if match else None


def source_line(source: SourceLike) -> str:
    """One bullet: the title as a link and the date of the source."""
    title = (getattr(source, "title", None) or getattr(source, "url", None) or "zdroj").strip()
    url = getattr(source, "url", None)
    line = "• " + link(title, url)
    host = _host(url)
    if host:
        line += f" – {esc(host)}"  # several sections of one document cite different sites
    when = format_date_cs(getattr(source, "as_of", None))
    if when:
        line += f" <i>(stav k {esc(when)})</i>"
    return line


def format_sources(sources: Iterable[SourceLike], heading: str = "Zdroje") -> str:
    """Heading plus one line per source (de-duplicated by URL and title), or "" when none."""
    seen: set[tuple[str | None, str]] = set()
    lines = []
    for src in sources:
        key = (getattr(src, "url", None), getattr(src, "title", ""))
        if key in seen:
            continue
        seen.add(key)
        lines.append(source_line(src))
    if not lines:
        return ""
    return f"<b>{esc(heading)}:</b>\n" + "\n".join(lines)


def format_answer(answer: Any) -> str:
    """Answer → HTML with the same parts and words as ``Answer.text`` (what ``bot ask`` prints).

    The lead (an eligibility check or the user's MAS, when asked for), the short answer, notes
    (passed deadlines, language), suggestions, sources as links with their dates, and last the MAS
    line (or the contact line when no MAS is known).
    """
    rendered: list[str] = []
    for kind, content in answer.parts():
        if kind == "eligibility":
            rendered.append(format_eligibility(content))
        elif kind == "place":
            rendered.append(format_message(content.message))
        elif kind == "context":
            rendered.append(f"<b>Z podkladů:</b> {esc(str(content).strip())}")
        elif kind == "suggestions":
            rendered.append("Možná vás zajímá: " + "; ".join(f"<b>{esc(s)}</b>" for s in content) + ".")
        elif kind == "sources":
            rendered.append(format_sources(content))
        else:
            rendered.append(esc(str(content).strip()))
    return "\n\n".join(p for p in rendered if p)


def format_message(message: str) -> str:
    """A plain Czech message (places, eligibility) as HTML: escaped, first line and headings in bold."""
    out: list[str] = []
    for i, line in enumerate(message.split("\n")):
        text = esc(line)
        heading = i == 0 or (line.endswith(":") and not line.startswith((" ", "•", "–")))
        out.append(f"<b>{text}</b>" if heading and line else text)
    return "\n".join(out)


def format_eligibility(result: Any) -> str:
    """An eligibility result's plain Czech message as HTML."""
    return format_message(result.message)


def format_passage(passage: Any, limit: int = 3000) -> str:
    """The passage behind an answer: breadcrumb in bold, the text, its source with date."""
    title = getattr(passage, "breadcrumb", None) or getattr(passage, "title", None) or "Zdroj"
    text = (getattr(passage, "text", "") or "").strip()
    if len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        text = text[: cut if cut > limit // 2 else limit].rstrip() + " …"
    out = f"<b>{esc(title)}</b>\n\n<blockquote>{esc(text)}</blockquote>"
    url = getattr(passage, "source", None)
    when = format_date_cs(getattr(passage, "as_of", None))
    src = link(getattr(passage, "title", None) or url or "zdroj", url) if url else ""
    tail = " ".join(x for x in (f"Zdroj: {src}" if src else "", f"(stav k {esc(when)})" if when else "") if x)
    if tail:
        out += "\n" + tail
    return out


# --- splitting ---------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"<[^<>]*>|&#?\w+;|\n\n|\n| |[^<&\n ]+|[<&]")
_TAG_RE = re.compile(r"<\s*(/)?\s*([a-zA-Z][\w-]*)[^>]*?(/)?\s*>")
_BREAK_PRIORITY = {"\n\n": 3, "\n": 2, " ": 1}
_MAX_WORD = 200  # longer runs without spaces are cut (URLs in text, base64 junk, …)


def _atoms(text: str) -> list[str]:
    """Tags, entities, separators and words; long words cut so every atom is small."""
    out: list[str] = []
    for tok in _TOKEN_RE.findall(text):
        if len(tok) > _MAX_WORD and not tok.startswith("<"):
            out.extend(tok[i : i + _MAX_WORD] for i in range(0, len(tok), _MAX_WORD))
        else:
            out.append(tok)
    return out


def _apply(stack: tuple[tuple[str, str], ...], atom: str) -> tuple[tuple[str, str], ...]:
    """New open-tag stack after ``atom`` (stack items: (name, opening tag text))."""
    if not atom.startswith("<"):
        return stack
    m = _TAG_RE.fullmatch(atom)
    if not m or m.group(3):
        return stack
    name = m.group(2).lower()
    if m.group(1):
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == name:
                return stack[:i] + stack[i + 1 :]
        return stack
    return (*stack, (name, atom))


def _closers(stack: Sequence[tuple[str, str]]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))


def _has_text(chunk: str) -> bool:
    return bool(re.sub(r"<[^<>]*>", "", chunk).strip())


def split_html(text: str, limit: int = SAFE_LENGTH) -> list[str]:
    """Split HTML into parts of at most ``limit`` characters, never inside a tag or entity.

    Prefers paragraph breaks, then line breaks, then spaces. Tags open at a cut are closed at the
    end of one part and re-opened at the start of the next, so every part is valid on its own.
    """
    if len(text) <= limit:
        return [text] if _has_text(text) else []
    atoms = _atoms(text)
    chunks: list[str] = []
    stack: tuple[tuple[str, str], ...] = ()
    i, n = 0, len(atoms)
    while i < n:
        # Leading whitespace of a continuation part is noise.
        while i < n and atoms[i] in _BREAK_PRIORITY:
            i += 1
        if i >= n:
            break
        prefix = "".join(tag for _, tag in stack)
        length = len(prefix)
        cur = stack
        best: dict[int, tuple[int, tuple[tuple[str, str], ...], int]] = {}
        j = i
        while j < n:
            atom = atoms[j]
            nxt = _apply(cur, atom)
            if length + len(atom) + len(_closers(nxt)) > limit:
                break
            cur, length = nxt, length + len(atom)
            j += 1
            prio = _BREAK_PRIORITY.get(atom)
            if prio:
                best[prio] = (j, cur, length)
        if j >= n:
            end, end_stack = n, cur
        else:
            end, end_stack = j, cur
            for prio, min_fill in ((3, 0.5), (2, 0.4), (1, 0.3)):
                if prio in best and best[prio][2] >= limit * min_fill:
                    end, end_stack = best[prio][0], best[prio][1]
                    break
            if end == i:  # a single atom (huge tag) cannot fit even alone: emit it as is
                end, end_stack = i + 1, _apply(stack, atoms[i])
        body = "".join(atoms[i:end]).rstrip(" \n")
        chunk = prefix + body + _closers(end_stack)
        if _has_text(chunk):
            chunks.append(chunk)
        stack, i = end_stack, end
    return chunks


def strip_tags(text: str) -> str:
    """HTML → plain text (for the plain-text fallback when Telegram rejects the markup)."""
    return html.unescape(re.sub(r"<[^<>]*>", "", text))
