"""In-memory state of the Telegram layer, every part bounded: recent answers, per-user rate limits.

Answers are cached only as what their buttons need (question, sources, the quoted passage) — not
the passages and vectors behind them — and the same is stored in SQLite for 30 days
(``Storage.remember_answer``), so the buttons under an answer keep working after a restart.
Rate-limit windows are meaningless after a restart and are not persisted.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.answer import Answer, Passage, Source
from bot.storage import StoredAnswer

SEEN = "seen"  # user_data key: when the user last wrote to the bot (epoch seconds; see maintenance)
ANSWER_CACHE_SIZE = 2000
RATE_LIMIT_USERS = 10_000


@dataclass(frozen=True, slots=True)
class SentAnswer:
    """What the buttons under a sent answer need, nothing more (a few hundred bytes, not the passages)."""

    answer_id: str
    question: str
    sources: tuple[Source, ...]
    source_passage: Passage | None

    @classmethod
    def of(cls, answer: Answer) -> SentAnswer:
        return cls(answer.answer_id, answer.question, tuple(answer.sources), answer.source_passage)

    def sources_json(self) -> str:
        return json.dumps([dataclasses.asdict(s) for s in self.sources], ensure_ascii=False)

    def passage_json(self) -> str | None:
        if self.source_passage is None:
            return None
        return json.dumps(dataclasses.asdict(self.source_passage), ensure_ascii=False)

    @classmethod
    def from_stored(cls, stored: StoredAnswer) -> SentAnswer | None:
        """Rebuild from the database; None when the stored JSON does not fit (an older format)."""
        try:
            sources = tuple(Source(**s) for s in _json_list(stored.sources_json))
            raw = json.loads(stored.passage_json) if stored.passage_json else None
            passage = Passage(**raw) if isinstance(raw, dict) else None
        except (TypeError, ValueError):
            return None
        return cls(stored.answer_id, stored.question, sources, passage)


def _json_list(text: str) -> list[dict[str, Any]]:
    data = json.loads(text)
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise ValueError("not a list of objects")
    return data


class AnswerCache:
    """Bounded LRU of sent answers keyed by ``answer_id`` (what callback data refers to)."""

    def __init__(self, max_size: int = ANSWER_CACHE_SIZE) -> None:
        self.max_size = max_size
        self._items: OrderedDict[str, SentAnswer] = OrderedDict()
        self._voters: dict[str, set[int]] = {}
        self._lock = threading.Lock()

    def put(self, answer: SentAnswer) -> str:
        key = answer.answer_id
        with self._lock:
            self._items[key] = answer
            self._items.move_to_end(key)
            while len(self._items) > self.max_size:
                old, _ = self._items.popitem(last=False)
                self._voters.pop(old, None)
        return key

    def get(self, key: str) -> SentAnswer | None:
        with self._lock:
            answer = self._items.get(key)
            if answer is not None:
                self._items.move_to_end(key)
            return answer

    def first_vote(self, key: str, user_id: int) -> bool:
        """True the first time ``user_id`` votes on ``key`` in this process (the database enforces it for good)."""
        with self._lock:
            if key not in self._items:  # an answer from before a restart: the database decides
                return True
            voters = self._voters.setdefault(key, set())
            if user_id in voters:
                return False
            voters.add(user_id)
            return True

    def __len__(self) -> int:
        return len(self._items)


class UserRateLimiter:
    """Sliding one-minute window per user; ``hit`` returns False when the user is over the limit.

    At most ``max_users`` users are tracked: idle ones are forgotten first, then the least recently seen.
    """

    def __init__(
        self,
        per_minute: int,
        clock: Callable[[], float] = time.monotonic,
        window: float = 60.0,
        max_users: int = RATE_LIMIT_USERS,
    ) -> None:
        self.per_minute = per_minute
        self.window = window
        self.max_users = max_users
        self._clock = clock
        self._hits: OrderedDict[int, deque[float]] = OrderedDict()
        self._warned: dict[int, float] = {}

    def hit(self, user_id: int) -> bool:
        now = self._clock()
        hits = self._hits.get(user_id)
        if hits is None:
            hits = self._hits[user_id] = deque()
        self._hits.move_to_end(user_id)
        while hits and now - hits[0] >= self.window:
            hits.popleft()
        if len(hits) >= self.per_minute:
            return False
        hits.append(now)
        self._prune(now)
        return True

    def _prune(self, now: float) -> None:
        """Least recently seen first: drop idle users, then anyone beyond ``max_users``."""
        while self._hits:
            uid, hits = next(iter(self._hits.items()))
            idle = not hits or now - hits[-1] >= self.window
            if not idle and len(self._hits) <= self.max_users:
                break
            self.forget(uid)

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

    def __len__(self) -> int:
        return len(self._hits)

    def __contains__(self, user_id: object) -> bool:
        return user_id in self._hits
