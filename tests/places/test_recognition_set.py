"""The data-driven recognition set: every case form, no diacritics, "X u Y", typos, Cyrillic, English."""

from __future__ import annotations

import pytest

from bot.places import Places
from tests.places.recognition_set import Case, judge, load_cases, load_truth

CASES = load_cases()
TRUTH = load_truth()


def test_set_is_large_and_its_expectations_exist_in_the_data() -> None:
    assert len(CASES) >= 250
    kinds = {c.kind for c in CASES}
    assert kinds == {"place", "suggest", "none"}
    for case in CASES:
        if case.kind != "none":
            assert (case.obec, case.okres) in TRUTH, case


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_phrase(places: Places, case: Case) -> None:
    assert judge(places, case, TRUTH) is None
