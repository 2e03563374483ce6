"""Commit a saved file when `knowledge/` lives in a git work tree, with the admin as the author.

Git is a bonus, never a condition: without git, outside a work tree, or when a commit fails,
the save stands and the reason is logged and shown in the change log.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from pathlib import Path

log = logging.getLogger(__name__)

COMMITTER_NAME = "Konzole Průvodce transformací"
COMMITTER_EMAIL = "konzole@pruvodce.invalid"
TIMEOUT = 30


def _git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(cwd), *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})},
        check=False,
    )


def work_tree(folder: Path) -> Path | None:
    """The top of the git work tree that contains `folder` (None without git or outside one)."""
    if shutil.which("git") is None or not folder.is_dir():
        return None
    try:
        out = _git(folder, "rev-parse", "--show-toplevel")
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(out.stdout.strip()) if out.returncode == 0 and out.stdout.strip() else None


def commit_file(path: Path, author: str, message: str) -> tuple[str | None, str | None]:
    """Commit only `path` (added, changed or deleted) as `author`; returns (commit id, note for staff)."""
    top = work_tree(path.parent if path.parent.is_dir() else path.parent.parent)
    if top is None:
        return None, "Složka se znalostmi není v gitu; změna je uložená bez commitu."
    relative = (
        str(path.resolve().relative_to(top.resolve()))
        if path.exists()
        else str(path.parent.resolve().relative_to(top.resolve()) / path.name)
    )
    env = {}
    if not _git(top, "config", "user.email").stdout.strip():
        env = {"GIT_COMMITTER_NAME": COMMITTER_NAME, "GIT_COMMITTER_EMAIL": COMMITTER_EMAIL}
    try:
        added = _git(top, "add", "-A", "--", relative)
        if added.returncode != 0:
            raise RuntimeError(added.stderr.strip() or "git add failed")
        done = _git(top, "commit", "-q", "--no-verify", f"--author={author}", "-m", message, "--", relative, env=env)
        if done.returncode != 0:
            raise RuntimeError(done.stderr.strip() or done.stdout.strip() or "git commit failed")
        head = _git(top, "rev-parse", "HEAD")
    except (OSError, subprocess.SubprocessError, RuntimeError) as exc:
        log.warning("Git commit of %s failed (the file is saved): %s", relative, exc)
        return None, f"Commit do gitu se nepodařil ({str(exc)[:200]}); změna je uložená."
    return head.stdout.strip() or None, None
