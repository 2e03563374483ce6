"""knowledge/obce.csv + mas.yaml agree with the sources and validate() catches bad data."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.places import OKRESY, Places
from kb.places import read_places
from kb.problems import Problem, Severity
from tests.paths import KNOWLEDGE, SOURCES

MAS_BY_SOURCE_NAME = {
    "MAS Cínovecko, o.p.s.": "cinovecko",
    "MAS Český sever, z.s.": "cesky_sever",
    "MAS České středohoří, z.s.": "ceske_stredohori",
    "MAS Labské skály, z.s.": "labske_skaly",
    "MAS Naděje o.p.s.": "nadeje",
    "Místní akční skupina Podřipsko, z.s.": "podripsko",
    "MAS Sdružení Západní Krušnohoří, z.s.": "zapadni_krusnohori",
    "MAS Vladař o.p.s.": "vladar",
    "SERVISO, o.p.s.": "serviso",
}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_real_tables_have_no_errors() -> None:
    problems = validate(KNOWLEDGE)
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    info = [p for p in problems if p.severity is Severity.INFO]
    assert len(info) == len(OKRESY)


def test_info_counts_unassigned_per_okres() -> None:
    info = {p.message.split(":")[0]: p.message for p in validate(KNOWLEDGE) if p.severity is Severity.INFO}
    # counts from the "Update, December 2026 (fourth pass)" of sources/mas.md: 193 still unknown
    expected = {
        "Louny": 61,
        "Litoměřice": 48,
        "Chomutov": 29,
        "Teplice": 21,
        "Děčín": 18,
        "Ústí nad Labem": 14,
        "Most": 2,
    }
    for okres, count in expected.items():
        assert f" {count} z " in info[f"Okres {okres}"]


@pytest.mark.skipif(not SOURCES.exists(), reason="shared sources not available")
def test_obce_csv_matches_sources_exactly() -> None:
    ours = {(r["obec"], r["okres"]): r for r in _rows(KNOWLEDGE / "obce.csv")}
    base = _rows(SOURCES / "obce_uk.csv")
    assert len(ours) == len(base) == 354
    for r in base:
        assert ours[(r["obec"], r["okres"])]["kod"] == r["kod"]
    assigned = {(r["obec"], r["okres"]): r for r in _rows(SOURCES / "mas_obce.csv")}
    none = {(r["obec"], r["okres"]) for r in _rows(SOURCES / "mas_none.csv")}
    for key, row in ours.items():
        if key in assigned:
            assert row["mas"] == MAS_BY_SOURCE_NAME[assigned[key]["mas"]], key
            assert row["stav"] == "assigned"
            assert row["source"] == assigned[key]["source_url"]
            assert row["period"]
        elif key in none:
            assert (row["mas"], row["stav"]) == ("", "no_mas"), key
            assert row["source"]
        else:  # never guessed
            assert (row["mas"], row["stav"]) == ("", ""), key


def test_loaded_model(places: Places) -> None:
    assert len(places.municipalities) == 354
    assert len(places.mas) == 9
    assert sum(m.mas_status == "assigned" for m in places.municipalities) == 152
    assert sum(m.mas_status == "no_mas" for m in places.municipalities) == 9
    assert places.fallback.name.startswith("Krajské sdružení NS MAS ČR Ústeckého kraje")
    for mas in places.mas.values():
        assert mas.source.startswith("http")
        for c in mas.contacts:
            assert c.source and c.source.startswith("http"), (mas.id, c)
    assert places.mas["cinovecko"].email is None  # unknown contacts stay unknown


def test_load_reflects_an_edited_file(knowledge_copy: Path) -> None:
    first = Places.load(knowledge_copy)
    assert first.resolve("v Libouchci").status == "unknown"
    _edit_csv(
        knowledge_copy,
        "Libouchec,Ústí nad Labem,568058,,,,,",
        "Libouchec,Ústí nad Labem,568058,labske_skaly,assigned,test,https://example.org/zdroj,",
    )
    second = Places.load(knowledge_copy)
    assert second.resolve("v Libouchci").mas.id == "labske_skaly"


def validate(folder: Path) -> list[Problem]:
    return read_places(folder)[1]


def _errors(folder: Path) -> list[str]:
    return [p.format() for p in validate(folder) if p.severity is Severity.ERROR]


def _edit_csv(folder: Path, old: str, new: str) -> None:
    path = folder / "obce.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(folder: Path, needle: str) -> int:
    for n, line in enumerate((folder / "obce.csv").read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(needle)


def test_unknown_mas_id(knowledge_copy: Path) -> None:
    _edit_csv(knowledge_copy, "Trmice,Ústí nad Labem,553697,labske_skaly", "Trmice,Ústí nad Labem,553697,labske")
    line = _line_of(knowledge_copy, "Trmice,")
    errors = _errors(knowledge_copy)
    assert any(f"obce.csv:{line}:" in e and "neznámá MAS 'labske'" in e and "labske_skaly" in e for e in errors)


def test_unknown_okres(knowledge_copy: Path) -> None:
    _edit_csv(knowledge_copy, "Trmice,Ústí nad Labem,", "Trmice,Ústí n. L.,")
    errors = _errors(knowledge_copy)
    assert any("Trmice" in e and "neznámý okres" in e for e in errors)


def test_duplicate_municipality(knowledge_copy: Path) -> None:
    path = knowledge_copy / "obce.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    dup = next(line for line in lines if line.startswith("Kadaň,"))
    path.write_text("\n".join([*lines, dup]) + "\n", encoding="utf-8")
    errors = _errors(knowledge_copy)
    assert any(f"obce.csv:{len(lines) + 1}:" in e and "dvakrát" in e for e in errors)


def test_missing_columns(knowledge_copy: Path) -> None:
    _edit_csv(knowledge_copy, "obec,okres,kod,mas,stav,period,source,note", "obec,okres,kod,mas,stav,note")
    errors = _errors(knowledge_copy)
    assert any("obce.csv:1:" in e and "Chybí sloupce: period, source" in e for e in errors)


def test_bad_and_missing_source(knowledge_copy: Path) -> None:
    _edit_csv(knowledge_copy, "https://risy.cz/cs/vyhledavace/mistni-akcni-skupiny?id=71", "risy.cz")
    text = (knowledge_copy / "obce.csv").read_text(encoding="utf-8")
    jirikov = next(line for line in text.splitlines() if line.startswith("Jiříkov,"))
    parts = next(csv.reader([jirikov]))
    parts[6] = ""
    fixed = ",".join(f'"{p}"' if "," in p else p for p in parts)
    (knowledge_copy / "obce.csv").write_text(text.replace(jirikov, fixed), encoding="utf-8")
    errors = _errors(knowledge_copy)
    assert any("zdroj" in e and "'risy.cz'" in e for e in errors)
    assert any("Jiříkov" in e and "zdroj" in e for e in errors)


def test_status_conflicts(knowledge_copy: Path) -> None:
    _edit_csv(knowledge_copy, "Boleboř,Chomutov,563005,,,", "Boleboř,Chomutov,563005,,assigned,")
    _edit_csv(knowledge_copy, "Blatno,Chomutov,562998,,,", "Blatno,Chomutov,562998,,maybe,")
    errors = _errors(knowledge_copy)
    assert any("Boleboř" in e and "„mas“ je prázdný" in e for e in errors)
    assert any("Blatno" in e and "neznámý stav 'maybe'" in e for e in errors)


def _edit_yaml(folder: Path, old: str, new: str) -> None:
    path = folder / "mas.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bad_dates_in_mas_yaml(knowledge_copy: Path) -> None:
    _edit_yaml(knowledge_copy, 'as_of: "2014-08"', 'as_of: "2014-13"')
    _edit_yaml(knowledge_copy, 'as_of: "2018-12"', 'as_of: "prosinec 2018"')
    errors = _errors(knowledge_copy)
    assert any("mas.yaml:" in e and "cinovecko" in e and "2014-13" in e for e in errors)
    assert any("cesky_sever" in e and "prosinec 2018" in e for e in errors)
    # line numbers point at the key
    lines = (knowledge_copy / "mas.yaml").read_text(encoding="utf-8").splitlines()
    bad = next(e for e in errors if "2014-13" in e)
    line = int(bad.split(":")[1])
    assert "2014-13" in lines[line - 1]


def test_bad_source_url_in_mas_yaml(knowledge_copy: Path) -> None:
    _edit_yaml(
        knowledge_copy,
        "      value: info@masceskysever.cz\n      source: https://www.masceskysever.cz/",
        "      value: info@masceskysever.cz\n      source: masceskysever.cz/",
    )
    errors = _errors(knowledge_copy)
    assert any("cesky_sever" in e and "„email“" in e and "zdroj" in e for e in errors)


def test_unknown_okres_in_mas_yaml(knowledge_copy: Path) -> None:
    _edit_yaml(knowledge_copy, "okresy: [Teplice]", "okresy: [Teplicko]")
    assert any("neznámý okres 'Teplicko'" in e for e in _errors(knowledge_copy))


def test_mas_removed_makes_rows_unknown_ids(knowledge_copy: Path) -> None:
    _edit_yaml(knowledge_copy, "  - id: serviso", "  - id: servis")
    errors = _errors(knowledge_copy)
    assert sum("neznámá MAS 'serviso'" in e for e in errors) == 6


@pytest.mark.parametrize(
    "garbage",
    [
        "mas: [\n  - id: x\n    name: : :\n",
        "mas:\n\t- id: tab\n",
        "just a string\n",
        "",
    ],
)
def test_broken_yaml_is_an_error_not_a_crash(knowledge_copy: Path, garbage: str) -> None:
    (knowledge_copy / "mas.yaml").write_text(garbage, encoding="utf-8")
    errors = _errors(knowledge_copy)
    assert any("mas.yaml" in e for e in errors)


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x00\x01\x02binary\xff\xfe",
        'obec\n"neuzavřené,uvozovky\n'.encode(),
        b"",
        "jen;středníky;místo;čárek\nA;B;C;D\n".encode(),
    ],
)
def test_broken_csv_is_an_error_not_a_crash(knowledge_copy: Path, garbage: bytes) -> None:
    (knowledge_copy / "obce.csv").write_bytes(garbage)
    errors = _errors(knowledge_copy)
    assert any("obce.csv" in e for e in errors)


def test_missing_files(tmp_path: Path) -> None:
    errors = _errors(tmp_path)
    assert any("mas.yaml" in e and "chybí" in e for e in errors)
    assert any("obce.csv" in e and "chybí" in e for e in errors)
    with pytest.raises(Exception) as info:
        Places.load(tmp_path)
    assert "Chybí soubor" in str(info.value)


def test_load_skips_bad_rows(knowledge_copy: Path) -> None:
    _edit_csv(knowledge_copy, "Trmice,Ústí nad Labem,", "Trmice,Neznámo,")
    places = Places.load(knowledge_copy)
    assert len(places.municipalities) == 353
    assert places.resolve("v Chabařovicích").status == "assigned"
