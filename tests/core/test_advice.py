"""Personal decisions and private disputes (bot.advice): declined with who can help, never quoted."""

from __future__ import annotations

from typing import Any

import pytest

from bot.advice import asks_personal_advice
from bot.render import render_plain


@pytest.mark.parametrize(
    "question",
    [
        "Mám si za odstupné koupit auto, nebo ho nechat na účtu?",
        "mel bych prodat chalupu nebo ji dal pronajimat",
        "Vyplatí se mi víc jít do předčasného důchodu, nebo dál pracovat?",
        "Co je pro mě výhodnější: splatit hypotéku, nebo spořit?",
        "Mám podepsat novou smlouvu, kterou mi šéf nabízí?",
        "Chci se soudit s bývalým zaměstnavatelem, má to cenu?",
        "Jak probíhá rozvod, když máme společný dům?",
        "Běží na mě exekuce, co teď?",
    ],
)
def test_weighing_ones_own_options_or_a_dispute_is_personal_advice(question: str) -> None:
    assert asks_personal_advice(question)


@pytest.mark.parametrize(
    "question",
    [
        # Choices between the bot's own programmes and facts are answered from the documents.
        "Mám podat žádost přes MAS, nebo přímo do OPST?",
        "Je rekvalifikace od úřadu práce zadarmo, nebo si něco doplácím?",
        "Mám nárok na podporu v nezaměstnanosti, nebo ne?",
        "Mám malou firmu, můžu dostat voucher nebo jen obec?",
        "Máme v obci starou továrnu, dá se na ni něco dostat?",
        "Mám se přihlásit na úřad práce hned po výpovědi?",
        "Co mám dělat, když mě propustí z dolu?",
        "Dostal jsem výpověď, kolik dostanu podpory?",
    ],
)
def test_questions_about_the_programmes_are_not_personal_advice(question: str) -> None:
    assert not asks_personal_advice(question)


def test_personal_advice_gets_who_can_help_instead_of_a_quote(engine: Any) -> None:
    answer = engine.answer("Mám peníze z odstupného dát na spořicí účet, nebo splatit úvěr na auto?")
    text = render_plain(answer)
    assert not answer.confident and not answer.passages and not answer.sources
    assert "rozhodnout neumím" in text and "Úřad práce ČR" in text
    assert engine.fallback_contact.name in text


def test_personal_advice_is_declined_in_the_askers_language(engine: Any) -> None:
    answer = engine.answer("Mám si vzít hypotéku, nebo bydlet v nájmu?", lang_hint="cs")
    assert answer.lang == "cs" and not answer.confident
