"""Pure helpers for Telegram HTML: escaping, links, splitting long replies, stripping tags.

Telegram's HTML parse mode accepts a small tag subset (b, i, u, s, a, code, pre, blockquote, …)
and only the entities ``&lt; &gt; &amp; &quot;`` plus numeric ones. Everything that comes from a
document or a user goes through :func:`esc`; tags are only ever produced by `bot.render` and here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

# Telegram allows 4096 characters but counts UTF-16 code units of the *parsed* text; we count
# characters of the raw HTML (always longer), so the margin only covers astral-plane emoji.
SAFE_LENGTH = 4000


def esc(text: object) -> str:
    """Escape any text for Telegram HTML (quotes too, so it is safe inside attributes)."""
    return html.escape(str(text), quote=True)


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
