"""The place tables: `obce.csv` (all municipalities of the kraj) and `mas.yaml` (the MAS and helpers).

`read_places` validates and loads in one pass: every problem is reported in Czech with file:line
and how to fix it, bad rows are skipped, and the data is None only when a file cannot be read.
The data never guesses: an empty MAS cell means "not verified", never a nearby MAS.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from kb.problems import Problem, Report, display_path
from kb.text import parse_partial_date

OBCE_FILE = "obce.csv"
MAS_FILE = "mas.yaml"
OKRESY = ("Děčín", "Chomutov", "Litoměřice", "Louny", "Most", "Teplice", "Ústí nad Labem")
REQUIRED_COLUMNS = ("obec", "okres", "kod", "mas", "stav", "period", "source")
CONTACT_KINDS = ("web", "email", "phone", "address")
EXPECTED_MAS_COUNT = 9
_URL_RE = re.compile(r"^https?://[^\s/]+\.[^\s/]+\S*$")
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}")
_ID_RE = re.compile(r"[a-z0-9_]+")


class MasStatus(StrEnum):
    """What our sources say about a municipality's MAS."""

    ASSIGNED = "assigned"  # a source ties it to a MAS
    NO_MAS = "no_mas"  # a source says it is in no MAS
    UNKNOWN = "unknown"  # not verified yet


@dataclass(frozen=True)
class Contact:
    kind: str
    value: str
    source: str | None
    as_of: str | None
    note: str | None = None


@dataclass(frozen=True)
class Mas:
    id: str
    name: str
    short_name: str
    web: str | None
    email: str | None
    phone: str | None
    address: str | None
    okresy: tuple[str, ...]
    source: str
    as_of: str | None
    contacts: tuple[Contact, ...] = ()  # current contacts with their own source and date

    def contact(self, kind: str) -> Contact | None:
        return next((c for c in self.contacts if c.kind == kind), None)


@dataclass(frozen=True)
class Municipality:
    name: str
    okres: str
    code: str
    mas_id: str | None
    mas_status: MasStatus
    source: str | None
    period: str | None
    note: str | None = None


DEFAULT_ASSOCIATION = Mas(
    "ks_mas_uk",
    "Krajské sdružení NS MAS ČR Ústeckého kraje, z.s.",
    "Krajské sdružení MAS Ústeckého kraje",
    None,
    None,
    None,
    None,
    OKRESY,
    "",
    None,
)


@dataclass(frozen=True)
class PlaceData:
    municipalities: tuple[Municipality, ...]
    mas: dict[str, Mas]
    association: Mas
    helpers: tuple[Mas, ...]  # who helps municipalities in no MAS (kraj, RSK ÚK)


def valid_date(value: object) -> bool:
    return isinstance(value, str) and parse_partial_date(value) == value and int(value[:4]) >= 1990


def valid_sources(value: str) -> bool:
    parts = [p.strip() for p in value.split(";")]
    return bool(parts) and all(_URL_RE.match(p) for p in parts)


def read_places(knowledge_dir: Path) -> tuple[PlaceData | None, list[Problem]]:
    """Both tables with every problem; None when mas.yaml or obce.csv cannot be read at all."""
    mas_report = Report(display_path(knowledge_dir / MAS_FILE, knowledge_dir))
    obce_report = Report(display_path(knowledge_dir / OBCE_FILE, knowledge_dir))
    registry = _read_mas_file(knowledge_dir / MAS_FILE, mas_report)
    municipalities = _read_obce_file(knowledge_dir / OBCE_FILE, registry, obce_report)
    problems = mas_report.problems + obce_report.problems
    if registry is None or municipalities is None:
        return None, problems
    mas, association, helpers = registry
    return PlaceData(tuple(municipalities), mas, association or DEFAULT_ASSOCIATION, helpers), problems


# ---------------------------------------------------------------- mas.yaml


_Registry = tuple[dict[str, Mas], Mas | None, tuple[Mas, ...]]


class _Lines:
    """Line numbers of entries and their keys in mas.yaml, for messages (best effort)."""

    def __init__(self, root: yaml.Node | None) -> None:
        self._lines: dict[tuple[str, str], int] = {}
        if not isinstance(root, yaml.MappingNode):
            return
        for key_node, value_node in root.value:
            blocks: list[Any] = []
            if isinstance(value_node, yaml.SequenceNode):
                blocks = value_node.value
            elif isinstance(value_node, yaml.MappingNode):
                blocks = [value_node]
            for idx, item in enumerate(blocks):
                if isinstance(item, yaml.MappingNode):
                    self._add(f"{key_node.value}[{idx}]", item)

    def _add(self, section: str, item: yaml.MappingNode) -> None:
        self._lines[(section, "")] = item.start_mark.line + 1
        for k, v in item.value:
            self._lines[(section, k.value)] = k.start_mark.line + 1
            if isinstance(v, yaml.MappingNode):
                for k2, _ in v.value:
                    self._lines[(section, f"{k.value}.{k2.value}")] = k2.start_mark.line + 1

    def of(self, section: str, key: str = "") -> int | None:
        return self._lines.get((section, key)) or self._lines.get((section, ""))


def _read_mas_file(path: Path, report: Report) -> _Registry | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        report.error(
            None, "Soubor chybí. Obnovte ho z gitu (git checkout knowledge/mas.yaml) – bez něj bot nezná kontakty MAS."
        )
        return None
    except (OSError, UnicodeDecodeError):
        report.error(None, "Soubor nejde přečíst jako text v kódování UTF-8. Uložte ho v editoru jako UTF-8.")
        return None
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        report.error(
            mark.line + 1 if mark is not None else None,
            "Soubor není platný YAML (nejspíš chybné odsazení, chybějící dvojtečka nebo neuzavřené "
            f"uvozovky): {getattr(exc, 'problem', None) or exc}. Opravte řádek a spusťte kontrolu znovu.",
        )
        return None
    if not isinstance(data, dict) or not isinstance(data.get("mas"), list):
        report.error(1, "Soubor musí obsahovat seznam „mas:“ (a položku „association:“). Porovnejte s verzí v gitu.")
        return None
    return _registry(data, _Lines(root), report)


def _registry(data: dict[str, Any], lines: _Lines, report: Report) -> _Registry:
    mas: dict[str, Mas] = {}
    for i, raw in enumerate(data["mas"]):
        entry = _check_entry(f"mas[{i}]", raw, lines, report, registered=True)
        if entry is None:
            continue
        if entry.id in mas:
            report.error(
                lines.of(f"mas[{i}]", "id"),
                f"MAS „{entry.id}“: stejné „id“ už má jiná MAS. Každá MAS musí mít jiný kód.",
            )
            continue
        mas[entry.id] = entry
    association = None
    if isinstance(data.get("association"), dict):
        association = _check_entry("association[0]", data["association"], lines, report, registered=True)
    else:
        report.error(
            None,
            "Chybí položka „association:“ (Krajské sdružení NS MAS ČR Ústeckého kraje) – bot ji "
            "nabízí, když MAS obce neznáme. Doplňte ji podle verze v gitu.",
        )
    helpers = [
        _check_entry(f"other_contacts[{i}]", raw, lines, report, registered=False)
        for i, raw in enumerate(data.get("other_contacts") or [])
    ]
    if len(data["mas"]) != EXPECTED_MAS_COUNT:
        report.warning(
            None,
            f"V kraji působí {EXPECTED_MAS_COUNT} MAS, soubor jich má {len(data['mas'])}. Zkontrolujte, že žádná "
            "nechybí ani není dvakrát.",
        )
    return mas, association, tuple(h for h in helpers if h is not None)


def _check_entry(section: str, raw: object, lines: _Lines, report: Report, *, registered: bool) -> Mas | None:
    """Validate one MAS (or helper) entry; the Mas when it has no errors."""
    if not isinstance(raw, dict):
        report.error(lines.of(section), "Položka musí být slovník s klíči id, name, source, … Opravte odsazení.")
        return None
    before = report.error_count
    mid = str(raw.get("id") or "").strip()
    label = f"MAS „{mid or raw.get('name') or '?'}“"
    if not mid:
        report.error(lines.of(section), f"{label}: chybí „id“ (krátký kód, např. labske_skaly). Doplňte ho.")
    elif not _ID_RE.fullmatch(mid):
        report.error(
            lines.of(section, "id"),
            f"{label}: „id“ smí obsahovat jen malá písmena bez diakritiky, číslice a podtržítko (např. labske_skaly).",
        )
    if not str(raw.get("name") or "").strip():
        report.error(lines.of(section), f"{label}: chybí úřední název („name“). Doplňte ho.")
    if registered:
        _check_registered(section, raw, label, lines, report)
    elif raw.get("as_of") is not None and not valid_date(raw.get("as_of")):
        report.error(
            lines.of(section, "as_of"),
            f"{label}: chybné datum („as_of“: {raw.get('as_of')!r}). Pište RRRR, RRRR-MM nebo RRRR-MM-DD, nebo null.",
        )
    for kind in CONTACT_KINDS:
        if raw.get(kind) is not None:
            _check_contact(section, kind, raw[kind], label, lines, report)
    for j, old in enumerate(raw.get("old_contacts") or []):
        _check_old_contact(j, old, label, lines.of(section, "old_contacts"), report)
    return _mas_from(raw) if report.error_count == before else None


def _check_registered(section: str, raw: dict[str, Any], label: str, lines: _Lines, report: Report) -> None:
    """A MAS and the association must show where they come from and where they work."""
    src = str(raw.get("source") or "")
    if not valid_sources(src):
        report.error(
            lines.of(section, "source"),
            f"{label}: chybí nebo je chybný odkaz na zdroj („source“: {src!r}). "
            "Uveďte adresu začínající https:// nebo http://.",
        )
    if not valid_date(raw.get("as_of")):
        report.error(
            lines.of(section, "as_of"),
            f"{label}: chybné nebo chybějící datum zdroje („as_of“: {raw.get('as_of')!r}). Pište RRRR, RRRR-MM "
            'nebo RRRR-MM-DD v uvozovkách, např. "2021-06".',
        )
    okresy = raw.get("okresy")
    if not isinstance(okresy, list) or not okresy:
        report.error(lines.of(section, "okresy"), f"{label}: chybí seznam okresů („okresy: [Most, Teplice]“).")
        return
    for o in okresy:
        if o not in OKRESY:
            report.error(lines.of(section, "okresy"), f"{label}: neznámý okres {o!r}. Povolené: {', '.join(OKRESY)}.")


def _check_contact(section: str, kind: str, c: object, label: str, lines: _Lines, report: Report) -> None:
    where = lines.of(section, kind)
    if not isinstance(c, dict):
        report.error(
            where,
            f"{label}: kontakt „{kind}“ zapište jako value/source/as_of (viz ostatní MAS), nebo null, když ho neznáme.",
        )
        return
    value = str(c.get("value") or "").strip()
    if not value:
        report.error(
            where, f"{label}: kontakt „{kind}“ nemá hodnotu („value“). Doplňte ji, nebo celý kontakt nastavte na null."
        )
    if not valid_sources(str(c.get("source") or "")):
        report.error(
            lines.of(section, f"{kind}.source") or where,
            f"{label}: kontakt „{kind}“ nemá platný odkaz na zdroj („source“). Uveďte https://… adresu, "
            "odkud kontakt pochází.",
        )
    if c.get("as_of") is not None and not valid_date(c.get("as_of")):
        report.error(
            lines.of(section, f"{kind}.as_of") or where,
            f"{label}: kontakt „{kind}“ má chybné datum („as_of“: {c.get('as_of')!r}). Pište RRRR, "
            "RRRR-MM nebo RRRR-MM-DD, nebo null, když zdroj datum neuvádí.",
        )
    if kind == "web" and value and not _URL_RE.match(value):
        report.error(where, f"{label}: web {value!r} musí začínat https:// nebo http://.")
    if kind == "email" and value and not _EMAIL_RE.fullmatch(value):
        report.error(where, f"{label}: e-mail {value!r} nevypadá platně. Opravte ho.")


def _check_old_contact(j: int, old: object, label: str, line: int | None, report: Report) -> None:
    if not isinstance(old, dict) or not valid_date(old.get("as_of")):
        report.error(
            line,
            f"{label}: starý kontakt č. {j + 1} musí mít datum („as_of“, RRRR nebo RRRR-MM), aby bylo vidět, "
            "jak je starý.",
        )
    elif not valid_sources(str(old.get("source") or "")):
        report.error(line, f"{label}: starý kontakt č. {j + 1} nemá platný odkaz na zdroj („source“).")


def _opt(value: object) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def _contact(kind: str, raw: object) -> Contact | None:
    if not isinstance(raw, dict) or _opt(raw.get("value")) is None:
        return None
    return Contact(
        kind, str(raw["value"]).strip(), _opt(raw.get("source")), _opt(raw.get("as_of")), _opt(raw.get("note"))
    )


def _mas_from(raw: dict[str, Any]) -> Mas:
    contacts = tuple(c for kind in CONTACT_KINDS if (c := _contact(kind, raw.get(kind))) is not None)
    by_kind = {c.kind: c.value for c in contacts}
    okresy = raw.get("okresy") or ()
    return Mas(
        id=str(raw.get("id", "")).strip(),
        name=str(raw.get("name", "")).strip(),
        short_name=str(raw.get("short_name") or raw.get("name") or "").strip(),
        web=by_kind.get("web"),
        email=by_kind.get("email"),
        phone=by_kind.get("phone"),
        address=by_kind.get("address"),
        okresy=tuple(str(o) for o in okresy) if isinstance(okresy, list) else (),
        source=str(raw.get("source") or ""),
        as_of=_opt(raw.get("as_of")),
        contacts=contacts,
    )


# ---------------------------------------------------------------- obce.csv


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str | None, Any]]]]:
    text = path.read_text(encoding="utf-8-sig")
    if "\x00" in text:
        raise csv.Error("NUL byte")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    return header, [(reader.line_num, dict(row)) for row in reader]


def _clean(row: dict[str | None, Any]) -> dict[str, str]:
    return {k: v.strip() if isinstance(v, str) else "" for k, v in row.items() if k}


def _mas_lookup(mas: dict[str, Mas]) -> dict[str, str]:
    """Staff write the MAS id (the official name is accepted too)."""
    out: dict[str, str] = {}
    for m in mas.values():
        for key in (m.id, m.name):
            if key:
                out[key.casefold()] = m.id
    return out


def _read_obce_file(path: Path, registry: _Registry | None, report: Report) -> list[Municipality] | None:
    try:
        header, rows = _read_rows(path)
    except FileNotFoundError:
        report.error(
            None, "Soubor chybí. Obnovte ho z gitu (git checkout knowledge/obce.csv) – bez něj bot nepozná obce."
        )
        return None
    except (OSError, UnicodeDecodeError):
        report.error(None, "Soubor není v kódování UTF-8. V tabulkovém editoru ho uložte jako „CSV UTF-8“.")
        return None
    except csv.Error as exc:
        report.error(
            None, f"Soubor nejde přečíst jako CSV ({exc}). Uložte ho znovu jako „CSV UTF-8 (oddělený čárkami)“."
        )
        return None
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        separator = " Soubor je nejspíš uložený se středníky místo čárek." if header and ";" in header[0] else ""
        report.error(
            1,
            f"Chybí sloupce: {', '.join(missing)}. První řádek musí obsahovat "
            f"{','.join(REQUIRED_COLUMNS)},note.{separator} Vraťte záhlaví podle verze v gitu.",
        )
        return None
    lookup = _mas_lookup(registry[0]) if registry is not None else None
    return _municipalities(rows, len(header), lookup, report)


def _municipalities(
    rows: list[tuple[int, dict[str | None, Any]]], columns: int, lookup: dict[str, str] | None, report: Report
) -> list[Municipality]:
    seen: dict[tuple[str, str], int] = {}
    codes: dict[str, int] = {}
    totals: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    out: list[Municipality] = []
    for line, raw in rows:
        row = _clean(raw)
        if not any(row.values()):
            continue
        if None in raw or len(raw) > columns:
            report.error(
                line,
                "Řádek má víc sloupců než záhlaví (nejspíš čárka v textu bez uvozovek). "
                "Text s čárkou dejte do uvozovek.",
            )
        muni = _municipality(line, row, lookup, seen, codes, report)
        if muni is None:
            continue
        totals[muni.okres] += 1
        unknown[muni.okres] += muni.mas_status is MasStatus.UNKNOWN
        out.append(muni)
    for okres in OKRESY:
        if totals[okres]:
            report.info(
                None,
                f"Okres {okres}: {unknown[okres]} z {totals[okres]} obcí zatím nemá přiřazenou MAS "
                "(sloupec „mas“ je prázdný a stav není „no_mas“).",
            )
    return out


def _municipality(
    line: int,
    row: dict[str, str],
    lookup: dict[str, str] | None,
    seen: dict[tuple[str, str], int],
    codes: dict[str, int],
    report: Report,
) -> Municipality | None:
    """One row → Municipality, or None (with an error) when the row cannot be used."""
    name, okres, kod = row.get("obec", ""), row.get("okres", ""), row.get("kod", "")
    if not name:
        report.error(line, "Chybí název obce (sloupec „obec“).")
        return None
    if okres not in OKRESY:
        report.error(line, f"Obec „{name}“: neznámý okres {okres!r}. Povolené okresy: {', '.join(OKRESY)}.")
        return None
    if (name, okres) in seen:
        report.error(
            line,
            f"Obec „{name}“ (okres {okres}) je v tabulce dvakrát (poprvé na řádku {seen[(name, okres)]}). "
            "Smažte jeden z řádků.",
        )
        return None
    seen[(name, okres)] = line
    if not re.fullmatch(r"\d{6}", kod):
        report.error(line, f"Obec „{name}“: kód obce {kod!r} má být šestimístné číslo z RÚIAN.")
    elif kod in codes:
        report.error(line, f"Obec „{name}“: kód {kod} už má obec na řádku {codes[kod]}. Kód obce musí být jedinečný.")
    else:
        codes[kod] = line
    status = _row_status(line, name, row, lookup, report)
    if status is None:
        return None
    mas_id = (lookup or {}).get(row.get("mas", "").casefold()) if status is MasStatus.ASSIGNED else None
    return Municipality(
        name=name,
        okres=okres,
        code=kod,
        mas_id=mas_id,
        mas_status=status if mas_id or status is not MasStatus.ASSIGNED else MasStatus.UNKNOWN,
        source=row.get("source") or None,
        period=row.get("period") or None,
        note=row.get("note") or None,
    )


def _row_status(
    line: int, name: str, row: dict[str, str], lookup: dict[str, str] | None, report: Report
) -> MasStatus | None:
    """The row's MAS status after checking the mas/stav/source/period columns agree."""
    mas, stav, source = row.get("mas", ""), row.get("stav", ""), row.get("source", "")
    if stav not in ("assigned", "no_mas", "unknown", ""):
        report.error(
            line,
            f"Obec „{name}“: neznámý stav {stav!r}. Pište „assigned“ (MAS doložena), „no_mas“ "
            "(obec není v žádné MAS) nebo nechte prázdné (zatím nevíme).",
        )
        return None
    if mas:
        if lookup is not None and mas.casefold() not in lookup:
            known = sorted({v for v in lookup.values()})
            report.error(line, f"Obec „{name}“: neznámá MAS {mas!r}. Použijte kód z mas.yaml: {', '.join(known)}.")
        if stav == "no_mas":
            report.error(
                line,
                f"Obec „{name}“: má vyplněnou MAS, ale stav „no_mas“. Buď smažte MAS, nebo stav změňte na „assigned“.",
            )
        if not valid_sources(source):
            report.error(
                line,
                f"Obec „{name}“: u přiřazené MAS chybí nebo je chybný zdroj („source“: {source!r}). "
                "Uveďte odkaz https://…, který obec a MAS spojuje (víc odkazů oddělte „ ; “).",
            )
        if not row.get("period"):
            report.warning(
                line, f"Obec „{name}“: chybí období („period“), ke kterému zdroj přiřazení platí, např. „2021–2027“."
            )
        return MasStatus.ASSIGNED
    if stav == "assigned":
        report.error(
            line, f"Obec „{name}“: stav „assigned“, ale sloupec „mas“ je prázdný. Doplňte kód MAS, nebo stav smažte."
        )
        return MasStatus.UNKNOWN
    if stav == "no_mas":
        if not valid_sources(source):
            report.error(
                line,
                f"Obec „{name}“: u stavu „no_mas“ chybí nebo je chybný zdroj („source“: {source!r}). "
                "Uveďte odkaz https://…, podle kterého obec v žádné MAS není.",
            )
        return MasStatus.NO_MAS
    if source and not valid_sources(source):
        report.warning(line, f"Obec „{name}“: zdroj {source!r} není platný odkaz (https://…).")
    return MasStatus.UNKNOWN
