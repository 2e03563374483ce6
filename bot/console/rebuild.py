"""Background index rebuilds: one at a time, coalescing saves made while a build runs."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from bot.config import Settings
from bot.console import backend
from bot.storage import Storage

log = logging.getLogger(__name__)
IDLE_CHECK_SECONDS = 30.0  # also pick up changes logged by another console process


class Rebuilder:
    """A worker thread that runs `backend.rebuild_index` whenever changes wait for the index."""

    def __init__(
        self, settings: Settings, storage: Storage, after_build: Callable[[backend.BuildOutcome], None]
    ) -> None:
        self.settings = settings
        self.storage = storage
        self.after_build = after_build
        self._cond = threading.Condition()
        self._wanted = False
        self._stopping = False
        self._thread: threading.Thread | None = None
        self.running = False
        self.last: backend.BuildOutcome | None = None
        self.last_finished: datetime | None = None
        self.builds = 0

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="console-rebuild", daemon=True)
        self._thread.start()
        if self.storage.pending_change_id() is not None:
            self.request()

    def stop(self, timeout: float = 60.0) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)

    def request(self) -> None:
        """Ask for a build (several requests while one runs make one more build, not several)."""
        with self._cond:
            self._wanted = True
            self._cond.notify_all()

    def idle(self) -> bool:
        with self._cond:
            return not self._wanted and not self.running

    def wait_idle(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._wanted or self.running:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._wanted and not self._stopping:
                    if not self._cond.wait(IDLE_CHECK_SECONDS) and self.storage.pending_change_id() is not None:
                        self._wanted = True
                if self._stopping:
                    return
                self._wanted = False
                self.running = True
            try:
                self._build_once()
            except Exception:
                log.exception("Rebuild worker error")
            finally:
                with self._cond:
                    self.running = False
                    self._cond.notify_all()

    def _build_once(self) -> None:
        pending = self.storage.pending_change_id()
        outcome = backend.rebuild_index(self.settings)
        if pending is not None:
            build_id = outcome.build_id
            if build_id is None and outcome.ok:
                info = backend.index_info(self.settings)
                build_id = info.build_id if info else None
            self.storage.mark_changes_built(pending, build_id, None if outcome.ok else outcome.message)
        self.last, self.last_finished = outcome, datetime.now(UTC)
        self.builds += 1
        log.info("Index build: %s", outcome.message.splitlines()[0] if outcome.message else outcome.ok)
        self.after_build(outcome)
