"""Start-up on damaged or read-only state: move a damaged file aside, fall back to memory, say so once.

A file the bot cannot read (garbage bytes in ``bot.sqlite3``, a truncated state file) is renamed to
``<name>.corrupt-<UTC timestamp>`` next to it — kept for inspection, never deleted — and the bot
starts with a fresh one. When DATA_DIR is not writable at all, the database lives in memory for this
run (statistics, gaps and remembered municipalities are lost at exit) and the Telegram state is not
persisted; the bot answers questions all the same.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from bot.storage import Storage

log = logging.getLogger(__name__)

_CORRUPT = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
START_BUSY_TIMEOUT_S = 15.0  # at start-up a migration may wait for another process a little longer

READ_ONLY_CS = (
    "Složka DATA_DIR ({path}) není zapisovatelná: bot běží, ale statistiky, otázky bez odpovědi a zapamatované "
    "obce tentokrát ukládá jen do paměti. Povolte zápis do složky a bota restartujte."
)


def move_aside(path: Path) -> Path | None:
    """Rename a damaged file to ``<name>.corrupt-<timestamp>``; None when it cannot be moved."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        path.rename(target)
    except OSError as exc:
        log.error("Could not move the damaged file %s aside: %s", path, exc)
        return None
    return target


def writable_dir(folder: Path) -> bool:
    """True when files can be created in ``folder`` (created if missing); tried for real, not guessed from modes."""
    probe = folder / f".write-test-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        with contextlib.suppress(OSError):
            probe.unlink()
        return False
    return True


@dataclass(frozen=True)
class OpenedStorage:
    storage: Storage
    in_memory: bool


def open_storage(path: Path, *, max_bytes: int | None = None) -> OpenedStorage:
    """The bot's database: on disk if possible; a damaged file is moved aside; else in memory.

    Raises only for a database newer than this bot (an operator must decide) — never for damage.
    """
    if not writable_dir(path.parent):  # the caller says so once, with the state file
        return OpenedStorage(Storage.open(":memory:"), True)
    for attempt in range(2):
        try:
            storage = Storage.open(path, max_bytes=max_bytes, busy_timeout=START_BUSY_TIMEOUT_S)
        except sqlite3.DatabaseError as exc:
            code = getattr(exc, "sqlite_errorcode", None)
            if code in _CORRUPT and attempt == 0:
                for suffix in ("", "-wal", "-shm"):
                    damaged = Path(f"{path}{suffix}")
                    if damaged.exists():
                        moved = move_aside(damaged)
                        if suffix == "" and moved is not None:
                            log.error(
                                "The database %s is damaged (%s); moved it to %s, starting fresh", path, exc, moved
                            )
                continue
            reason = "busy" if code in _BUSY else type(exc).__name__
            log.warning("Cannot open the database %s (%s: %s): kept in memory for this run", path, reason, exc)
            return OpenedStorage(Storage.open(":memory:"), True)
        # Start-up may wait; at run time a write waits only the short default before "not recorded".
        storage.set_busy_timeout()
        return OpenedStorage(storage, False)
    return OpenedStorage(Storage.open(":memory:"), True)
