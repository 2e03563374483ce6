"""Optional call fields: the call's number, its whole allocation and calls for named municipalities only."""

from __future__ import annotations

from datetime import date

from bot.eligibility import Calls, validate
from bot.places import Places
from kb.problems import Severity
from tests.eligibility.elig_support import GOOD_ENTRY, KNOWLEDGE

ONE_TOWN = GOOD_ENTRY.replace(
    '    type: kraj\n    text: "Ústecký kraj."',
    '    type: obce\n    obce: [Šluknov]\n    text: "Jen pro město Šluknov."',
).replace("  note:", "  number: 113\n  allocation: 12000000\n  note:")


def errors(folder) -> list:
    return [p for p in validate(folder) if p.severity is Severity.ERROR]


def test_number_and_allocation_are_read(knowledge_with) -> None:
    (call,) = Calls.load(knowledge_with(ONE_TOWN)).calls
    assert (call.number, call.allocation, call.territory.obce) == (113, 12_000_000, ("Šluknov",))


def test_negative_allocation_is_an_error_with_its_line(knowledge_with) -> None:
    folder = knowledge_with(ONE_TOWN.replace("allocation: 12000000", "allocation: -5"))
    (problem,) = errors(folder)
    assert problem.line == ONE_TOWN.splitlines().index("  allocation: 12000000") + 1


def test_named_municipalities_need_the_obce_type(knowledge_with) -> None:
    text = ONE_TOWN.replace("    type: obce\n", "    type: kraj\n")
    assert any("patří jen k typu území „obce“" in p.message for p in errors(knowledge_with(text)))


def test_obce_type_without_a_list_is_an_error(knowledge_with) -> None:
    text = ONE_TOWN.replace("    obce: [Šluknov]\n", "")
    assert any("potřebuje seznam" in p.message for p in errors(knowledge_with(text)))


def test_one_town_call_is_not_offered_to_another_town(knowledge_with) -> None:
    calls = Calls.load(knowledge_with(ONE_TOWN))
    places = Places.load(KNOWLEDGE)
    on = date(2025, 3, 1)
    other = calls.check("obec", "priroda", obec="Libouchec", on=on, places=places)
    own = calls.check("obec", "priroda", obec="Šluknov", on=on, places=places)
    nowhere = calls.check("obec", "priroda", on=on, places=places)
    assert [m.call.id for m in other.matches] == []
    assert [m.call.id for m in own.matches] == ["test-vyzva"]
    assert any("Šluknov" in c for c in nowhere.matches[0].conditions)
