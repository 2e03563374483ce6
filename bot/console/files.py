"""Safe file handling for the console: slugs, confined paths, atomic writes, hashes and diffs.

Nothing the console writes goes anywhere but `knowledge/` and `DATA_DIR`: file names are built from
slugs (``^[a-z0-9][a-z0-9-]*$``) or picked from a list of existing files, and every path is checked
to resolve inside its root before it is touched.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import os
import re
import secrets
import unicodedata
from pathlib import Path

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_SLUG = 80
ABSENT = "-"  # the hash of a file that does not exist (yet)


class UnsafePath(ValueError):
    """A path that would leave its allowed folder, or a name that is not a slug."""


def is_slug(value: str) -> bool:
    return bool(SLUG.fullmatch(value)) and len(value) <= MAX_SLUG


def slugify(text: str, limit: int = 60) -> str:
    """'Zaplatí mi stát rekvalifikaci?' → 'zaplati-mi-stat-rekvalifikaci' (may be empty)."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = re.findall(r"[a-z0-9]+", folded)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug


def confined(root: Path, relative: str) -> Path:
    """`root / relative`, refusing anything that resolves outside `root` (.., absolute paths, symlinks)."""
    if not relative or relative.startswith(("/", "\\")) or "\x00" in relative:
        raise UnsafePath(relative)
    parts = Path(relative).parts
    if any(part in ("..", ".") or part.startswith(".") for part in parts):
        raise UnsafePath(relative)
    base = root.resolve()
    target = (base / relative).resolve()
    if target == base or not target.is_relative_to(base):
        raise UnsafePath(relative)
    return target


def text_hash(text: str | None) -> str:
    """Content hash carried in forms for optimistic locking (ABSENT for a missing file)."""
    if text is None:
        return ABSENT
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_text(path: Path) -> str | None:
    """The file's text exactly as stored (None when it does not exist)."""
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None


def atomic_write(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder: fsync, rename, fsync the folder.

    A reader (the indexer, the bot) sees the old or the new file, never half of one. The temporary
    name starts with a dot, so the knowledge loaders skip it even if a crash leaves it behind.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    tmp = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def atomic_delete(path: Path) -> None:
    path.unlink()
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def unified_diff(old: str | None, new: str | None, file: str) -> str:
    """A unified diff of one file (created: from /dev/null; deleted: to /dev/null)."""
    a = (old or "").splitlines(keepends=True)
    b = (new or "").splitlines(keepends=True)
    lines = difflib.unified_diff(
        a,
        b,
        fromfile=f"a/{file}" if old is not None else "/dev/null",
        tofile=f"b/{file}" if new is not None else "/dev/null",
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
