"""Gaps: questions the bot could not answer well, grouped by meaning so staff answer each topic once.

Sources: the anonymous ``unanswered`` log and questions whose answer got 👎. Dropped before grouping:
questions staff marked ("Už je vyřešeno" until asked again, "Nepatří sem" for good) and logged
questions the bot in fact answers (a municipality name, an eligibility report, a greeting, or a
question today's knowledge answers confidently). Grouping uses the engine's own embedding model:
a question joins a group when it is at least ``SIMILARITY`` similar to every member (complete
linkage, so a chain of loosely related questions never merges into one group).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from bot.console import backend
from bot.storage import GapQuestion

if TYPE_CHECKING:
    from bot.console.app import Console

# Cosine of e5 query vectors: rephrasings and typos of one question score ≥ 0.92, unrelated
# questions up to ~0.89 (measured on Czech questions with and without diacritics).
SIMILARITY = 0.92
MAX_QUESTIONS = 1000  # the newest ones; older texts are deleted after the retention period anyway
UNKNOWN_WORDS_SHOWN = 20


@dataclass
class GapGroup:
    key: str
    questions: list[GapQuestion] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.questions[0].question

    @property
    def count(self) -> int:
        return sum(q.count for q in self.questions)

    @property
    def last_seen(self) -> str:
        return max(q.last_seen for q in self.questions)

    @property
    def downvoted(self) -> bool:
        return any(q.kind == "downvoted" for q in self.questions)

    @property
    def keys(self) -> list[str]:
        return [q.normalized for q in self.questions]


def group_questions(items: list[GapQuestion], vectors: np.ndarray, similarity: float = SIMILARITY) -> list[GapGroup]:
    """Complete-linkage grouping, most asked first; groups sorted by total count, then recency."""
    order = sorted(range(len(items)), key=lambda i: (-items[i].count, _neg_time(items[i].last_seen)))
    members: list[list[int]] = []
    for i in order:
        best, best_score = None, similarity
        for group in members:
            score = float(np.min(vectors[group] @ vectors[i]))
            if score >= best_score:
                best, best_score = group, score
        if best is None:
            members.append([i])
        else:
            best.append(i)
    groups = []
    for group in members:
        questions = [items[i] for i in group]
        key = hashlib.sha1("\n".join(sorted(q.normalized for q in questions)).encode()).hexdigest()[:12]
        groups.append(GapGroup(key, questions))
    groups.sort(key=lambda g: (-g.count, _neg_time(g.last_seen)))
    return groups


def _neg_time(stamp: str) -> tuple[int, ...]:
    """Sort key that puts later ISO timestamps first."""
    return tuple(-ord(c) for c in stamp)


def visible(items: list[GapQuestion], statuses: dict[str, tuple[str, str]]) -> list[GapQuestion]:
    """Without what staff marked: "ignored" for good, "resolved" until the question is asked again."""
    out = []
    for item in items:
        status = statuses.get(item.normalized)
        if status is None or (status[0] == "resolved" and item.last_seen > status[1]):
            out.append(item)
    return out


@dataclass
class GapView:
    groups: list[GapGroup]
    note: str | None = None  # why the questions are not grouped (no index yet)
    answered: int = 0  # logged questions the bot in fact answers now
    marked: int = 0  # hidden because staff marked them
    unknown_words: list[tuple[str, int]] = field(default_factory=list)  # words of open gaps the index lacks


def open_groups(console: Console, limit: int | None = None) -> GapView:
    """The open gap groups, with what was left out and why."""
    storage = console.storage
    everything = storage.gap_questions()
    items = visible(everything, storage.gap_statuses())
    marked = len(everything) - len(items)
    items.sort(key=lambda q: _neg_time(q.last_seen))
    items = items[:MAX_QUESTIONS]
    engine = console.engines.get()
    if engine is None:
        groups = [GapGroup(q.normalized[:12], [q]) for q in items]
        note = "Otázky nejsou seskupené: index zatím není sestavený. " + (console.engines.error or "")
        return GapView(groups[:limit] if limit else groups, note.strip(), 0, marked)
    cache = console.gap_cache
    if len(cache) > 20_000:  # old builds' verdicts pile up; recomputing is cheap
        cache.clear()
    build = engine.index.build_id
    kept = []
    for q in items:
        if q.kind == "unanswered":
            key = ("answered", build, q.normalized)
            if key not in cache:
                cache[key] = backend.answered_by_bot(engine, q.question)
            if cache[key]:
                continue
        kept.append(q)
    missing = [q for q in kept if ("vector", q.normalized) not in cache]
    if missing:
        vectors = backend.embed_questions(engine, [q.question for q in missing])
        for q, vector in zip(missing, vectors, strict=True):
            cache[("vector", q.normalized)] = vector
    answered = len(items) - len(kept)
    if not kept:
        return GapView([], None, answered, marked)
    matrix = np.stack([cache[("vector", q.normalized)] for q in kept])
    groups = group_questions(kept, matrix)
    unknown = backend.unknown_words(engine, [(q.question, q.count) for q in kept])
    return GapView(groups[:limit] if limit else groups, None, answered, marked, unknown[:UNKNOWN_WORDS_SHOWN])
