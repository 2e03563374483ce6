"""Near-domain questions the knowledge cannot answer are declined; questions on its topics stay answered.

The probe lists (probes/) were written apart from the question sets: wages, pensions, taxes, office holders,
town budgets, prices, weather, firms and forecasts next to in-domain questions on OPST/FST, MAS, calls,
vouchers, brownfields, retraining, Úřad práce, community energy and the Animace project, in everyday Czech
with and without diacritics. Shares, not single items: a general rule must hold for most of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

PROBES = Path(__file__).parent / "probes"
DECLINED_FLOOR = 0.88  # of the off-topic probes (measured 64 of 70)
ANSWERED_FLOOR = 0.92  # of the in-domain probes (measured 55 of 56)


def _questions(name: str) -> list[str]:
    return [line.strip() for line in (PROBES / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_near_domain_questions_the_knowledge_cannot_answer_are_declined(engine: Any) -> None:
    questions = _questions("mimo-temata.txt")
    answered = [q for q in questions if engine.answer(q).confident]
    assert 1 - len(answered) / len(questions) >= DECLINED_FLOOR, answered


def test_questions_on_the_topics_stay_answered(engine: Any) -> None:
    questions = _questions("k-tematu.txt")
    refused = [q for q in questions if not engine.answer(q).confident]
    assert 1 - len(refused) / len(questions) >= ANSWERED_FLOOR, refused
