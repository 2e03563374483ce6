"""In-memory state of the Telegram layer: recent answers for the buttons, per-user rate limits.

Both are deliberately not persisted: answers are kept only so the buttons under recent replies
work (a restart makes old buttons answer politely that they expired), and rate-limit windows are
meaningless after a restart.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from bot.answer import Answer


class AnswerCache:
    """Bounded LRU of answers keyed by ``answer_id`` (what callback data refers to)."""

    def __init__(self, max_size: int = 5000) -> None:
        self.max_size = max_size
        self._items: OrderedDict[str, Answer] = OrderedDict()
        self._voters: dict[str, set[int]] = {}
        self._lock = threading.Lock()

    def put(self, answer: Answer) -> str:
        key = answer.answer_id
        with self._lock:
            self._items[key] = answer
            self._items.move_to_end(key)
            while len(self._items) > self.max_size:
                old, _ = self._items.popitem(last=False)
                self._voters.pop(old, None)
        return key

    def get(self, key: str) -> Answer | None:
        with self._lock:
            answer = self._items.get(key)
            if answer is not None:
                self._items.move_to_end(key)
            return answer

    def first_vote(self, key: str, user_id: int) -> bool:
        """True the first time ``user_id`` votes on ``key`` (one vote per person and answer)."""
        with self._lock:
            voters = self._voters.setdefault(key, set())
            if user_id in voters:
                return False
            voters.add(user_id)
            return True

    def __len__(self) -> int:
        return len(self._items)


class UserRateLimiter:
    """Sliding one-minute window per user; ``hit`` returns False when the user is over the limit."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic, window: float = 60.0) -> None:
        self.per_minute = per_minute
        self.window = window
        self._clock = clock
        self._hits: dict[int, deque[float]] = {}
        self._warned: dict[int, float] = {}

    def hit(self, user_id: int) -> bool:
        now = self._clock()
        hits = self._hits.setdefault(user_id, deque())
        while hits and now - hits[0] >= self.window:
            hits.popleft()
        if len(hits) >= self.per_minute:
            return False
        hits.append(now)
        if len(self._hits) > 10_000:  # forget idle users so memory stays bounded
            for uid in [u for u, h in self._hits.items() if not h or now - h[-1] >= self.window]:
                self._hits.pop(uid, None)
                self._warned.pop(uid, None)
        return True

    def should_warn(self, user_id: int) -> bool:
        """Warn once per window, not on every dropped message."""
        now = self._clock()
        last = self._warned.get(user_id)
        if last is not None and now - last < self.window:
            return False
        self._warned[user_id] = now
        return True

    def forget(self, user_id: int) -> None:
        self._hits.pop(user_id, None)
        self._warned.pop(user_id, None)
