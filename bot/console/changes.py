"""The one way the console changes `knowledge/`: check, lock, validate, write atomically, log, commit, rebuild.

Every editor (documents, curated answers, calls, municipalities) passes a function that turns the
file's current text into the new one. It raises `Conflict` when the part being edited changed since
the form was opened (optimistic locking by content hash); the new text is validated with the
`index check` validators as the folder would be after the save, and a change that would add an
error is refused (`Refused`) before anything is written.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import Settings
from bot.console import backend, gitlog
from bot.console.auth import Admin
from bot.console.backend import Problem
from bot.console.files import atomic_delete, atomic_write, confined, read_text, text_hash, unified_diff
from bot.storage import Storage

LOCK_FILE = "console-write.lock"


class Conflict(Exception):
    """Someone saved the same file (or row) since the form was opened; nothing was written."""

    def __init__(self, current: str | None, current_hash: str) -> None:
        super().__init__("conflict")
        self.current = current
        self.current_hash = current_hash


class Refused(Exception):
    """The change would break the knowledge check (and so the index build); nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("refused")
        self.problems = problems


@dataclass
class Saved:
    relative: str
    file: str
    change_id: int | None  # None: the text was already exactly this
    new_hash: str
    git_commit: str | None = None
    git_note: str | None = None
    problems: list[Problem] = field(default_factory=list)  # warnings of the saved file

    @property
    def unchanged(self) -> bool:
        return self.change_id is None


def whole_file(new_text: str | None, base_hash: str) -> Callable[[str | None], str | None]:
    """A change that replaces the file (None deletes it) if it still has the hash the form was opened with."""

    def compute(current: str | None) -> str | None:
        if text_hash(current) != base_hash:
            raise Conflict(current, text_hash(current))
        return new_text

    return compute


class Writer:
    def __init__(self, settings: Settings, storage: Storage, on_saved: Callable[[], None]) -> None:
        self.settings = settings
        self.storage = storage
        self.on_saved = on_saved
        self._lock = threading.Lock()

    @property
    def knowledge_dir(self) -> Path:
        return Path(self.settings.knowledge_dir)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One save at a time, also across console processes sharing DATA_DIR."""
        data_dir = Path(self.settings.data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        with self._lock, open(data_dir / LOCK_FILE, "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def save(
        self,
        admin: Admin,
        relative: str,
        compute: Callable[[str | None], str | None],
        summary: str,
        today: dt.date | None = None,
    ) -> Saved:
        """Apply one change to `knowledge/<relative>`; raises Conflict or Refused without writing."""
        path = confined(self.knowledge_dir, relative)
        file = backend.display_file(self.knowledge_dir, relative)
        with self._locked():
            current = read_text(path)
            new = compute(current)
            if new == current:
                return Saved(relative, file, None, text_hash(current))
            scratch = Path(self.settings.data_dir) / "console-tmp"
            check = backend.check_candidate(self.knowledge_dir, {relative: new}, today, scratch=scratch)
            if check.new_errors:
                raise Refused(check.new_errors)
            if new is None:
                atomic_delete(path)
                action = "delete"
            else:
                atomic_write(path, new)
                action = "create" if current is None else "update"
            change_id = self.storage.add_change(
                admin_id=admin.id,
                admin_name=admin.name,
                file=file,
                action=action,
                summary=summary[:300],
                diff=unified_diff(current, new, file),
                old_hash=text_hash(current),
                new_hash=text_hash(new),
            )
            commit, note = gitlog.commit_file(path, admin.git_author, f"{summary[:200]}\n\nZměněno v konzoli ({file}).")
            self.storage.set_change_commit(change_id, commit, note)
        self.on_saved()
        return Saved(relative, file, change_id, text_hash(new), commit, note, check.for_file(file))
