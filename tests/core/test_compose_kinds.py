"""Does a quoted sentence carry the kind of fact asked for (bot.compose.carries_kind)?"""

from __future__ import annotations

import pytest

from bot.compose import carries_kind
from bot.intent import QuestionKind


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Kolik dává kraj začínajícím podnikatelům?", "Kraj dává začínajícím podnikatelům 50–200 tis. Kč."),
        ("kolik dava opst na animaci", "Projekt má rozpočet 46 473 750 Kč."),
        ("Kolik měla 79. výzva?", "Výzva měla alokaci 450 000 000 Kč."),
        ("Kolik obyvatel má Most?", "Most má 65 000 obyvatel."),
        ("Kolik peněz dostane kraj?", "Kraj dostane 15,8 mld. Kč."),
    ],
)
def test_a_figure_of_the_asked_kind_answers(question: str, sentence: str) -> None:
    assert carries_kind(QuestionKind.AMOUNT, sentence, question)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Kolik dává kraj začínajícím podnikatelům?", "V kraji působí 9 MAS."),  # "dává": money is asked
        ("Kolik obyvatel má Most?", "Most leží 20 km od Chomutova."),
        ("Kolik peněz dostane kraj?", "Kraj má 7 okresů."),
    ],
)
def test_another_figure_does_not_answer(question: str, sentence: str) -> None:
    assert not carries_kind(QuestionKind.AMOUNT, sentence, question)


def test_a_data_box_is_a_contact() -> None:
    assert carries_kind(QuestionKind.CONTACT, "Datová schránka kraje: t9zbsva.")
