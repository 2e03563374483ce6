"""Progress of a long build for the person waiting at the terminal (Czech, like every staff message).

Nothing is said while a build is quick; once embedding has run for ``after`` seconds, one line every
``every`` seconds: what is being embedded, done / total, and a rough time left from the rate so far.
"""

from __future__ import annotations

import time
from collections.abc import Callable

PROGRESS_AFTER_S = 5.0
PROGRESS_EVERY_S = 5.0


def _duration_cs(seconds: float) -> str:
    if seconds < 60:
        return f"{max(1, round(seconds))} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60} min"


class EmbedProgress:
    """Feeds ``report`` with progress lines; ``phase(label)`` returns the ``(done, total)`` callback of one phase."""

    def __init__(
        self,
        report: Callable[[str], None],
        *,
        after: float = PROGRESS_AFTER_S,
        every: float = PROGRESS_EVERY_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.report = report
        self.after = after
        self.every = every
        self._clock = clock
        self._started = clock()
        self._last: float | None = None

    def phase(self, label: str) -> Callable[[int, int], None]:
        phase_started = self._clock()
        self._last = None  # a new phase reports its first step at once (once past ``after``)

        def update(done: int, total: int) -> None:
            now = self._clock()
            if total <= 0 or now - self._started < self.after:
                return
            if self._last is not None and now - self._last < self.every and done < total:
                return
            self._last = now
            line = f"Počítám vektory ({label}): {done}/{total} ({100 * done // total} %)"
            rate = done / max(now - phase_started, 1e-9)
            if done < total and done > 0:
                line += f", zbývá asi {_duration_cs((total - done) / rate)}"
            self.report(line)

        return update
