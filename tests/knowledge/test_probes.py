"""Near-domain questions the knowledge cannot answer are declined; questions on its topics stay answered.

The probe lists (probes/) were written apart from the question sets: wages, pensions, taxes, office holders,
town budgets, prices, weather, firms and forecasts next to in-domain questions on OPST/FST, MAS, calls,
vouchers, brownfields, retraining, Úřad práce, community energy and the Animace project, in everyday Czech
with and without diacritics. The "-blizko" lists are a second, later pair closer still to the topics: office
holders of towns, statistics for years and places without data, calls for things no call pays for,
administration, other regions next to in-domain questions in the same style. Shares, not single items: a
general rule must hold for most of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

PROBES = Path(__file__).parent / "probes"
# (file, floor): the share of off-topic probes declined, measured 66 of 70 and 41 of 46
DECLINED = [("mimo-temata.txt", 0.94), ("mimo-temata-blizko.txt", 0.89)]
# (file, floor): the share of in-domain probes answered, measured 56 of 56 and 33 of 35
ANSWERED = [("k-tematu.txt", 0.98), ("k-tematu-blizko.txt", 0.94)]


def _questions(name: str) -> list[str]:
    return [line.strip() for line in (PROBES / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize(("name", "floor"), DECLINED)
def test_near_domain_questions_the_knowledge_cannot_answer_are_declined(engine: Any, name: str, floor: float) -> None:
    questions = _questions(name)
    answered = [q for q in questions if engine.answer(q).confident]
    assert 1 - len(answered) / len(questions) >= floor, answered


@pytest.mark.parametrize(("name", "floor"), ANSWERED)
def test_questions_on_the_topics_stay_answered(engine: Any, name: str, floor: float) -> None:
    questions = _questions(name)
    refused = [q for q in questions if not engine.answer(q).confident]
    assert 1 - len(refused) / len(questions) >= floor, refused
