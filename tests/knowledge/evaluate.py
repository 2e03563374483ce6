"""Answer quality on the question sets of tests/knowledge/sets/, through the real engine.

Shared by the quality tests and `bench/bench_quality.py`. What counts (tests/knowledge/sets/README.md):
- key fact: one of the item's facts is in the answer text, and the answer is not a refusal;
- top 5: the item's document is among the files of the first five passages;
- refused: the answer says it does not know (not confident);
- length: characters of what the bot says before its sources.
Follow-ups are asked right after the question they follow, as in one chat.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.answer import Answer, SourceList
from bot.render import render_parts_plain, render_plain
from kb.text import fold_lower

SETS = Path(__file__).resolve().parent / "sets"
ANSWERABLE = ("answerable", "new_facts")


def load(name: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = yaml.safe_load((SETS / f"{name}.yaml").read_text(encoding="utf-8"))
    return items


def folded(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same questions as people type them on a phone: lowercase, no diacritics. A folded follow-up
    follows the folded twin of its question, as it would in one chat."""
    twins = []
    for item in items:
        twin = {**item, "q": fold_lower(item["q"]), "id": item["id"] + "f"}
        if item.get("followup_of"):
            twin["followup_of"] = item["followup_of"] + "f"
        twins.append(twin)
    return twins


def facts_of(item: dict[str, Any]) -> list[str]:
    fact = item.get("fact")
    if fact is None:
        return []
    return [str(f) for f in fact] if isinstance(fact, list) else [str(fact)]


def text_before_sources(answer: Answer) -> str:
    """What the bot says before its sources (the length target of issue 10)."""
    parts = answer.parts()
    cut = next((i for i, p in enumerate(parts) if isinstance(p, SourceList)), len(parts))
    return render_parts_plain(parts[:cut], answer.lang)


@dataclass
class Outcome:
    item: dict[str, Any]
    answer: Answer
    fact: bool
    top5: bool
    refused: bool
    length: int
    lang_ok: bool = True  # answered in the asker's language (the set's language; Czech for the others)


@dataclass
class Score:
    outcomes: list[Outcome] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.outcomes)

    def share(self, attr: str, split: str | None = None) -> float:
        chosen = [o for o in self.outcomes if split is None or o.item.get("split") == split]
        return sum(bool(getattr(o, attr)) for o in chosen) / len(chosen) if chosen else 0.0

    def lengths(self) -> tuple[float, float]:
        values = sorted(o.length for o in self.outcomes if not o.refused)
        if not values:
            return 0.0, 0.0
        return statistics.median(values), values[min(len(values) - 1, int(0.9 * len(values)))]

    def misses(self, attr: str) -> list[Outcome]:
        return [o for o in self.outcomes if not getattr(o, attr)]


def ask(engine: Any, item: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> Answer:
    previous = by_id.get(item.get("followup_of") or "")
    if previous is not None:
        answer: Answer = engine.answer(item["q"], previous=previous["q"])
        return answer
    answer = engine.answer(item["q"])
    return answer


def evaluate(engine: Any, items: list[dict[str, Any]], lang: str = "cs") -> Score:
    by_id = {item["id"]: item for item in items}
    score = Score()
    for item in items:
        answer = ask(engine, item, by_id)
        text = render_plain(answer).casefold()
        facts = facts_of(item)
        refused = not answer.confident
        score.outcomes.append(
            Outcome(
                item=item,
                answer=answer,
                fact=not refused and any(f.casefold() in text for f in facts),
                top5=item.get("doc") in {Path(p.file).name for p in answer.passages[:5]},
                refused=refused,
                length=len(text_before_sources(answer)),
                lang_ok=answer.lang == lang,
            )
        )
    return score


def evaluate_special(engine: Any, items: list[dict[str, Any]]) -> Score:
    """Bare municipality names get their MAS card; acknowledgements a short reply without sources."""
    score = Score()
    for item in items:
        answer = engine.answer(item["q"])
        text = render_plain(answer)
        if item["expect"] == "mas_card":
            named = answer.place is not None and answer.place.obec is not None
            ok = named and answer.place is not None and answer.place.obec is not None
            ok = ok and answer.place.obec.name == item["obec"] and answer.confident
            ok = ok and all(f.casefold() in text.casefold() for f in facts_of(item))
        else:
            ok = answer.confident and not answer.sources and not answer.passages and len(text) < 300
        score.outcomes.append(Outcome(item, answer, ok, True, not answer.confident, len(text)))
    return score
