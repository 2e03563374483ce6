"""A MAS asked for by its own name: recognised in any case and spelling, answered from the MAS tables."""

from __future__ import annotations

import pytest

from bot.places import Places
from kb.places import MasStatus


@pytest.mark.parametrize(
    ("text", "mas_id"),
    [
        ("tel na MAS Vladař", "vladar"),
        ("kontakt na masku Naděje", "nadeje"),
        ("telefon na MAS Labské skály", "labske_skaly"),
        ("mail na mas cesky sever", "cesky_sever"),
        ("kde sidli mas ceske stredohori", "ceske_stredohori"),
        ("MAS Západní Krušnohoří kontakt", "zapadni_krusnohori"),
        ("kontakt na Serviso", "serviso"),  # a name never written with "MAS" counts alone
    ],
)
def test_a_mas_named_in_any_form_is_recognised(places: Places, text: str, mas_id: str) -> None:
    named = places.named_mas(text)
    assert named is not None and named.id == mas_id


@pytest.mark.parametrize(
    "text",
    [
        "mám naději, že dostanu dotaci?",  # "naděje" without "MAS" is hope, not MAS Naděje
        "tel na Vladaře",
        "Kdo mi poradí v MAS?",
        "kontakt na mas cesk",  # half a name that two MAS share: none is guessed
    ],
)
def test_common_words_and_unclear_names_name_no_mas(places: Places, text: str) -> None:
    assert places.named_mas(text) is None


def test_the_contact_card_gives_the_mas_own_contacts_and_says_which_are_missing(places: Places) -> None:
    mas = places.mas["vladar"]
    card = places.mas_card("tel na MAS Vladař", mas)
    assert card.mas is mas and card.message.startswith("Kontakt na MAS Vladař o.p.s.")
    assert "vladar.cz" in card.message
    assert "telefon této MAS v našich zdrojích nemáme" in card.message  # no number from another MAS


def test_the_members_card_lists_only_verified_municipalities_and_says_the_list_may_be_partial(places: Places) -> None:
    mas = places.mas["vladar"]
    verified = [m.name for m in places.municipalities if m.mas_status is MasStatus.ASSIGNED and m.mas_id == "vladar"]
    card = places.members_card("Kolik obcí je v MAS Vladař?", mas)
    assert f"({len(verified)})" in card.message
    assert all(name in card.message for name in verified)
    assert "nemusí být úplný" in card.message
