"""Issue 15 (1): a broken table in knowledge/ never reaches the bot; the last good tables keep serving.

The bot reads tables only from the published build (`tables/`), and `index build` validates them
first. End to end: a real build, the real engine, the real hot reload.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.config import Settings
from bot.engine import Engine
from index.build import build_index
from index.errors import BuildRefused
from tests.paths import KNOWLEDGE


def _drop_column(text: str, name: str) -> str:
    rows = [line.split(",") for line in text.splitlines()]
    index = rows[0].index(name)
    # the data rows have quoted commas; dropping by position only in the header is what a careless edit does
    return "\n".join([",".join(c for i, c in enumerate(rows[0]) if i != index), *text.splitlines()[1:]]) + "\n"


BREAKAGES: dict[str, tuple[str, Callable[[str], str]]] = {
    "obce.csv without the okres column": ("obce.csv", lambda t: _drop_column(t, "okres")),
    "obce.csv saved by Excel with semicolons": ("obce.csv", lambda t: t.replace(",", ";")),
    "malformed vyzvy.yaml": ("vyzvy.yaml", lambda t: t + "\n  - {id: rozbita, nazev: [neukončený seznam\n"),
    "broken synonyma.yaml": ("synonyma.yaml", lambda t: t + "\npracovní úřad: [úřad práce\n"),
}


@pytest.fixture
def index_with_tables(small_knowledge: Path, make_settings: Callable[..., Settings]) -> Settings:
    """A small index built from knowledge with all four tables (synonyms included)."""
    shutil.copy(KNOWLEDGE / "synonyma.yaml", small_knowledge / "synonyma.yaml")
    settings = make_settings(knowledge_dir=small_knowledge)
    build_index(settings.index_config)
    return settings


def served(engine: Engine) -> tuple[object, ...]:
    """What the tables give the bot: a municipality and its MAS, the calls, the synonym rules."""
    litvinov = engine.place("Litvínov")
    calls = engine.check_eligibility("obec", "energie", "Litvínov")
    return (
        litvinov.status,
        litvinov.obec.okres if litvinov.obec else None,
        len(engine.calls),
        tuple(m.call.id for m in calls.matches),
        engine._published.synonyms.rules,  # the compiled synonyms in use
    )


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_broken_table_is_refused_and_the_last_good_tables_keep_serving(index_with_tables: Settings, breakage) -> None:
    settings = index_with_tables
    engine = Engine.load(settings)
    before = served(engine)
    assert before[0].value == "assigned" and before[1] == "Most" and before[2] > 0 and before[4]

    name, breaker = BREAKAGES[breakage]
    path = settings.knowledge_dir / name
    path.write_text(breaker(path.read_text(encoding="utf-8")), encoding="utf-8")

    with pytest.raises(BuildRefused) as refused:
        build_index(settings.index_config)
    assert any(p.file.endswith(name) for p in refused.value.args[0])
    assert engine.reload_if_changed() is False  # the running bot keeps its tables
    assert served(engine) == before
    assert served(Engine.load(settings)) == before  # and so does a restarted one


def test_a_valid_table_edit_goes_live_by_hot_reload(index_with_tables: Settings) -> None:
    settings = index_with_tables
    engine = Engine.load(settings)
    rules = engine._published.synonyms.rules
    path = settings.knowledge_dir / "synonyma.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nrekvalda: [rekvalifikace]\n", encoding="utf-8")
    build_index(settings.index_config)
    assert engine.reload_if_changed() is True
    assert len(engine._published.synonyms.rules) == len(rules) + 1
