"""Helpers the editors share: form text normalisation, save outcomes (saved, refused, conflict)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import urlencode

from starlette.responses import Response

from bot.console.backend import Problem
from bot.console.changes import Conflict, Refused, Saved
from bot.console.files import unified_diff
from bot.console.web import Req, redirect


def form_text(value: str) -> str:
    """Text from a textarea as it is stored: LF line ends (browsers send CRLF), one final newline."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return text.rstrip("\n") + "\n" if text.strip() else ""


def one_line(value: str, limit: int = 500) -> str:
    return " ".join(value.split())[:limit]


def url(path: str, **params: object) -> str:
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(clean)}" if clean else path


def after_save(saved: Saved, target: str) -> Response:
    """Back to the item's page, which shows the change's way into the index."""
    if saved.change_id is None:
        return redirect(url(target.split("?")[0], **_params(target), beze_zmeny=1))
    return redirect(url(target.split("?")[0], **_params(target), zmena=saved.change_id))


def _params(target: str) -> dict[str, str]:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(target.split("?", 1)[1])) if "?" in target else {}


def save_outcome(
    req: Req,
    attempt: Callable[[], Saved],
    target: Callable[[Saved], str],
    form_again: Callable[..., Response],
) -> Response:
    """Run a save; on success redirect to `target`, else show the form again with the reason.

    `form_again(status=…, problems=…, conflict=…)` re-renders the editor with what the admin sent,
    so nothing typed is ever lost.
    """
    try:
        saved = attempt()
    except Refused as exc:
        return form_again(status=422, problems=exc.problems)
    except Conflict as exc:
        return form_again(status=409, conflict=exc)
    return after_save(saved, target(saved))


def conflict_context(conflict: Conflict, mine: str | None, file: str) -> dict[str, object]:
    """Both versions and their diff for the conflict panel."""
    return {
        "theirs": conflict.current,
        "mine": mine,
        "diff": unified_diff(conflict.current, mine, file),
        "base": conflict.current_hash,
    }


def problems_of(outcome: Mapping[str, object]) -> list[Problem]:
    """The check problems a refused save reports (``problems=`` of its outcome), typed."""
    value = outcome.get("problems")
    return [p for p in value if isinstance(p, Problem)] if isinstance(value, list) else []
