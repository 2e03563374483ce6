"""Reading and validating the place tables: knowledge/obce.csv and knowledge/mas.yaml.

Loading is tolerant (a bad row is skipped, never a crash); `validate()` reports every problem
in Czech with file:line and how to fix it, for `python -m index check`.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from kb.problems import Problem, Severity, display_path

OBCE_FILE = "obce.csv"
MAS_FILE = "mas.yaml"
OKRESY = ("Děčín", "Chomutov", "Litoměřice", "Louny", "Most", "Teplice", "Ústí nad Labem")
REQUIRED_COLUMNS = ("obec", "okres", "kod", "mas", "stav", "period", "source")
STATUSES = ("assigned", "no_mas", "")
CONTACT_KINDS = ("web", "email", "phone", "address")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_URL_RE = re.compile(r"^https?://[^\s/]+\.[^\s/]+\S*$")

MasStatus = Literal["assigned", "no_mas", "unknown"]


class PlacesDataError(RuntimeError):
    """The place tables cannot be read at all; `message_cs` says what to do."""

    def __init__(self, message_cs: str) -> None:
        super().__init__(message_cs)
        self.message_cs = message_cs


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


@dataclass(frozen=True)
class PlaceData:
    municipalities: tuple[Municipality, ...]
    mas: dict[str, Mas]
    association: Mas
    helpers: tuple[Mas, ...]  # who helps municipalities in no MAS (kraj, RSK ÚK)


def valid_date(value: object) -> bool:
    if not isinstance(value, str):
        return False
    m = _DATE_RE.match(value)
    if not m:
        return False
    year, month, day = m.group(1), m.group(2), m.group(3)
    if not 1990 <= int(year) <= 2100:
        return False
    if month and not 1 <= int(month) <= 12:
        return False
    if day:
        import datetime as _dt

        try:
            _dt.date(int(year), int(month), int(day))
        except ValueError:
            return False
    return True


def valid_sources(value: str) -> bool:
    parts = [p.strip() for p in value.split(";")]
    return bool(parts) and all(_URL_RE.match(p) for p in parts)


# ---------------------------------------------------------------- mas.yaml


def _yaml_lines(text: str) -> dict[tuple[str, str], int]:
    """Line numbers of `- id: X` entries and their keys, for messages (best effort)."""
    lines: dict[tuple[str, str], int] = {}
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return lines
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key_node, value_node in root.value:
        blocks: list[Any] = []
        if isinstance(value_node, yaml.SequenceNode):
            blocks = value_node.value
        elif isinstance(value_node, yaml.MappingNode):
            blocks = [value_node]
        for idx, item in enumerate(blocks):
            if not isinstance(item, yaml.MappingNode):
                continue
            section = f"{key_node.value}[{idx}]"
            lines[(section, "")] = item.start_mark.line + 1
            for k, v in item.value:
                lines[(section, k.value)] = k.start_mark.line + 1
                if isinstance(v, yaml.MappingNode):
                    for k2, _ in v.value:
                        lines[(section, f"{k.value}.{k2.value}")] = k2.start_mark.line + 1
    return lines


def _contact(kind: str, raw: object) -> Contact | None:
    if raw is None:
        return None
    if isinstance(raw, dict):
        value = raw.get("value")
        if value is None or str(value).strip() == "":
            return None
        return Contact(kind, str(value).strip(), _opt(raw.get("source")), _opt(raw.get("as_of")), _opt(raw.get("note")))
    return Contact(kind, str(raw).strip(), None, None)


def _opt(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


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


def _read_mas(path: Path) -> tuple[dict[str, Mas], Mas | None, tuple[Mas, ...]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise PlacesDataError(f"{path.name}: soubor nemá očekávanou strukturu (klíče mas, association).")
    mas: dict[str, Mas] = {}
    for raw in data.get("mas") or []:
        if isinstance(raw, dict) and raw.get("id"):
            item = _mas_from(raw)
            mas.setdefault(item.id, item)
    assoc_raw = data.get("association")
    association = _mas_from(assoc_raw) if isinstance(assoc_raw, dict) else None
    helpers = tuple(_mas_from(r) for r in data.get("other_contacts") or [] if isinstance(r, dict))
    return mas, association, helpers


# ---------------------------------------------------------------- obce.csv


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    text = path.read_text(encoding="utf-8-sig")
    if "\x00" in text:
        raise csv.Error("NUL byte")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    rows: list[tuple[int, dict[str, str]]] = []
    for row in reader:
        clean = {k: (v or "").strip() if isinstance(v, str) else "" for k, v in row.items() if k}
        rows.append((reader.line_num, clean))
    return header, rows


def _mas_lookup(mas: dict[str, Mas]) -> dict[str, str]:
    """Staff may write the MAS id, its official name or its short name."""
    out: dict[str, str] = {}
    for m in mas.values():
        for key in (m.id, m.name, m.short_name):
            if key:
                out[key.casefold()] = m.id
    return out


def load_data(knowledge_dir: Path) -> PlaceData:
    """Read both tables; bad rows are skipped (validate() reports them). Raises PlacesDataError."""
    obce_path, mas_path = knowledge_dir / OBCE_FILE, knowledge_dir / MAS_FILE
    try:
        mas, association, helpers = _read_mas(mas_path)
    except FileNotFoundError:
        raise PlacesDataError(f"Chybí soubor {mas_path}; obnovte ho z gitu.") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise PlacesDataError(
            f"Soubor {mas_path} nejde přečíst ({exc.__class__.__name__}); spusťte `python -m index check`."
        ) from None
    if association is None:
        association = Mas(
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
    try:
        _header, rows = _read_rows(obce_path)
    except FileNotFoundError:
        raise PlacesDataError(f"Chybí soubor {obce_path}; obnovte ho z gitu.") from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise PlacesDataError(f"Soubor {obce_path} nejde přečíst ({exc}); spusťte `python -m index check`.") from None
    lookup = _mas_lookup(mas)
    seen: set[tuple[str, str]] = set()
    municipalities: list[Municipality] = []
    for _line, row in rows:
        name, okres = row.get("obec", ""), row.get("okres", "")
        if not name or okres not in OKRESY or (name, okres) in seen:
            continue
        seen.add((name, okres))
        mas_id = lookup.get(row.get("mas", "").casefold()) if row.get("mas") else None
        stav = row.get("stav", "")
        status: MasStatus = "assigned" if mas_id else ("no_mas" if stav == "no_mas" else "unknown")
        municipalities.append(
            Municipality(
                name=name,
                okres=okres,
                code=row.get("kod", ""),
                mas_id=mas_id,
                mas_status=status,
                source=row.get("source") or None,
                period=row.get("period") or None,
                note=row.get("note") or None,
            )
        )
    return PlaceData(tuple(municipalities), mas, association, helpers)


# ---------------------------------------------------------------- validation


def validate(knowledge_dir: Path) -> list[Problem]:
    """All problems of mas.yaml and obce.csv, Czech messages for staff (never raises)."""
    problems: list[Problem] = []
    mas_ids = _validate_mas(knowledge_dir, problems)
    _validate_obce(knowledge_dir, mas_ids, problems)
    return problems


def _validate_mas(knowledge_dir: Path, problems: list[Problem]) -> dict[str, str] | None:
    path = knowledge_dir / MAS_FILE
    shown = display_path(path, knowledge_dir)

    def err(line: int | None, msg: str, sev: Severity = Severity.ERROR) -> None:
        problems.append(Problem(shown, line, sev, msg))

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        err(None, "Soubor chybí. Obnovte ho z gitu (git checkout knowledge/mas.yaml) – bez něj bot nezná kontakty MAS.")
        return None
    except UnicodeDecodeError:
        err(None, "Soubor není v kódování UTF-8. Uložte ho v editoru jako UTF-8.")
        return None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        err(
            line,
            "Soubor není platný YAML (nejspíš chybné odsazení, chybějící dvojtečka nebo neuzavřené "
            f"uvozovky): {getattr(exc, 'problem', None) or exc}. Opravte řádek a spusťte kontrolu znovu.",
        )
        return None
    if not isinstance(data, dict) or not isinstance(data.get("mas"), list):
        err(1, "Soubor musí obsahovat seznam „mas:“ (a položku „association:“). Porovnejte s verzí v gitu.")
        return None
    lines = _yaml_lines(text)

    def line_of(section: str, key: str = "") -> int | None:
        return lines.get((section, key)) or lines.get((section, ""))

    ids: dict[str, str] = {}
    entries: list[tuple[str, Any]] = [(f"mas[{i}]", raw) for i, raw in enumerate(data["mas"])]
    if isinstance(data.get("association"), dict):
        entries.append(("association[0]", data["association"]))
    else:
        err(
            None,
            "Chybí položka „association:“ (Krajské sdružení NS MAS ČR Ústeckého kraje) – bot ji "
            "nabízí, když MAS obce neznáme. Doplňte ji podle verze v gitu.",
        )
    for i, raw in enumerate(data.get("other_contacts") or []):
        entries.append((f"other_contacts[{i}]", raw))
    for section, raw in entries:
        is_mas = section.startswith("mas[")
        if not isinstance(raw, dict):
            err(line_of(section), "Položka musí být slovník s klíči id, name, source, … Opravte odsazení.")
            continue
        mid = str(raw.get("id") or "").strip()
        label = f"MAS „{mid or raw.get('name') or '?'}“"
        if not mid:
            err(line_of(section), f"{label}: chybí „id“ (krátký kód, např. labske_skaly). Doplňte ho.")
        elif not re.fullmatch(r"[a-z0-9_]+", mid):
            err(
                line_of(section, "id"),
                f"{label}: „id“ smí obsahovat jen malá písmena bez diakritiky, číslice "
                "a podtržítko (např. labske_skaly).",
            )
        if mid and mid in ids and is_mas:
            err(line_of(section, "id"), f"{label}: stejné „id“ už má jiná MAS. Každá MAS musí mít jiný kód.")
        if not str(raw.get("name") or "").strip():
            err(line_of(section), f"{label}: chybí úřední název („name“). Doplňte ho.")
        if is_mas or section.startswith("association"):
            src = str(raw.get("source") or "")
            if not valid_sources(src):
                err(
                    line_of(section, "source"),
                    f"{label}: chybí nebo je chybný odkaz na zdroj („source“: {src!r}). "
                    "Uveďte adresu začínající https:// nebo http://.",
                )
            if not valid_date(raw.get("as_of")):
                err(
                    line_of(section, "as_of"),
                    f"{label}: chybné nebo chybějící datum zdroje („as_of“: "
                    f"{raw.get('as_of')!r}). Pište RRRR, RRRR-MM nebo RRRR-MM-DD "
                    'v uvozovkách, např. "2021-06".',
                )
            okresy = raw.get("okresy")
            if not isinstance(okresy, list) or not okresy:
                err(line_of(section, "okresy"), f"{label}: chybí seznam okresů („okresy: [Most, Teplice]“).")
            else:
                for o in okresy:
                    if o not in OKRESY:
                        err(line_of(section, "okresy"), f"{label}: neznámý okres {o!r}. Povolené: {', '.join(OKRESY)}.")
        elif raw.get("as_of") is not None and not valid_date(raw.get("as_of")):
            err(
                line_of(section, "as_of"),
                f"{label}: chybné datum („as_of“: {raw.get('as_of')!r}). "
                "Pište RRRR, RRRR-MM nebo RRRR-MM-DD, nebo null.",
            )
        for kind in CONTACT_KINDS:
            c = raw.get(kind)
            if c is None:
                continue
            where = line_of(section, kind)
            if not isinstance(c, dict):
                err(
                    where,
                    f"{label}: kontakt „{kind}“ zapište jako value/source/as_of (viz ostatní MAS), "
                    "nebo null, když ho neznáme.",
                )
                continue
            if not str(c.get("value") or "").strip():
                err(
                    where,
                    f"{label}: kontakt „{kind}“ nemá hodnotu („value“). Doplňte ji, nebo celý kontakt "
                    "nastavte na null.",
                )
            if not valid_sources(str(c.get("source") or "")):
                err(
                    line_of(section, f"{kind}.source") or where,
                    f"{label}: kontakt „{kind}“ nemá platný odkaz na zdroj („source“). Uveďte https://… adresu, "
                    "odkud kontakt pochází.",
                )
            if c.get("as_of") is not None and not valid_date(c.get("as_of")):
                err(
                    line_of(section, f"{kind}.as_of") or where,
                    f"{label}: kontakt „{kind}“ má chybné datum („as_of“: {c.get('as_of')!r}). Pište RRRR, "
                    "RRRR-MM nebo RRRR-MM-DD, nebo null, když zdroj datum neuvádí.",
                )
            if kind == "web" and c.get("value") and not _URL_RE.match(str(c.get("value"))):
                err(where, f"{label}: web {c.get('value')!r} musí začínat https:// nebo http://.")
            if (
                kind == "email"
                and c.get("value")
                and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", str(c.get("value")))
            ):
                err(where, f"{label}: e-mail {c.get('value')!r} nevypadá platně. Opravte ho.")
        for j, old in enumerate(raw.get("old_contacts") or []):
            where = line_of(section, "old_contacts")
            if not isinstance(old, dict) or not valid_date(old.get("as_of")):
                err(
                    where,
                    f"{label}: starý kontakt č. {j + 1} musí mít datum („as_of“, RRRR nebo RRRR-MM), "
                    "aby bylo vidět, jak je starý.",
                )
            elif not valid_sources(str(old.get("source") or "")):
                err(where, f"{label}: starý kontakt č. {j + 1} nemá platný odkaz na zdroj („source“).")
        if is_mas and mid:
            ids[mid] = str(raw.get("name") or "")
    if len([s for s, _ in entries if s.startswith("mas[")]) != 9:
        err(
            None,
            f"V kraji působí 9 MAS, soubor jich má {len(data['mas'])}. Zkontrolujte, že žádná nechybí "
            "ani není dvakrát.",
            Severity.WARNING,
        )
    return ids


def _validate_obce(knowledge_dir: Path, mas_ids: dict[str, str] | None, problems: list[Problem]) -> None:
    path = knowledge_dir / OBCE_FILE
    shown = display_path(path, knowledge_dir)

    def err(line: int | None, msg: str, sev: Severity = Severity.ERROR) -> None:
        problems.append(Problem(shown, line, sev, msg))

    try:
        header, rows = _read_rows(path)
    except FileNotFoundError:
        err(None, "Soubor chybí. Obnovte ho z gitu (git checkout knowledge/obce.csv) – bez něj bot nepozná obce.")
        return
    except UnicodeDecodeError:
        err(None, "Soubor není v kódování UTF-8. V tabulkovém editoru ho uložte jako „CSV UTF-8“.")
        return
    except csv.Error as exc:
        err(None, f"Soubor nejde přečíst jako CSV ({exc}). Uložte ho znovu jako „CSV UTF-8 (oddělený čárkami)“.")
        return
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        err(
            1,
            f"Chybí sloupce: {', '.join(missing)}. První řádek musí obsahovat "
            f"{','.join(REQUIRED_COLUMNS)},note. Vraťte záhlaví podle verze v gitu.",
        )
        return
    lookup: dict[str, str] = {}
    if mas_ids is not None:
        for mid, name in mas_ids.items():
            lookup[mid.casefold()] = mid
            if name:
                lookup[name.casefold()] = mid
    seen: dict[tuple[str, str], int] = {}
    codes: dict[str, int] = {}
    unknown_per_okres: Counter[str] = Counter()
    total_per_okres: Counter[str] = Counter()
    assigned_per_okres: defaultdict[str, int] = defaultdict(int)
    for line, row in rows:
        name, okres, kod = row.get("obec", ""), row.get("okres", ""), row.get("kod", "")
        mas, stav, source = row.get("mas", ""), row.get("stav", ""), row.get("source", "")
        if not any(row.values()):
            continue
        if None in row or len(row) > len(header):
            err(
                line,
                "Řádek má víc sloupců než záhlaví (nejspíš čárka v textu bez uvozovek). Text s čárkou "
                "dejte do uvozovek.",
            )
        if not name:
            err(line, "Chybí název obce (sloupec „obec“).")
            continue
        if okres not in OKRESY:
            err(line, f"Obec „{name}“: neznámý okres {okres!r}. Povolené okresy: {', '.join(OKRESY)}.")
            continue
        total_per_okres[okres] += 1
        if (name, okres) in seen:
            err(
                line,
                f"Obec „{name}“ (okres {okres}) je v tabulce dvakrát (poprvé na řádku {seen[(name, okres)]}). "
                "Smažte jeden z řádků.",
            )
            continue
        seen[(name, okres)] = line
        if not re.fullmatch(r"\d{6}", kod):
            err(line, f"Obec „{name}“: kód obce {kod!r} má být šestimístné číslo z RÚIAN.")
        elif kod in codes:
            err(line, f"Obec „{name}“: kód {kod} už má obec na řádku {codes[kod]}. Kód obce musí být jedinečný.")
        else:
            codes[kod] = line
        if stav not in STATUSES and stav != "unknown":
            err(
                line,
                f"Obec „{name}“: neznámý stav {stav!r}. Pište „assigned“ (MAS doložena), „no_mas“ "
                "(obec není v žádné MAS) nebo nechte prázdné (zatím nevíme).",
            )
            continue
        if mas:
            if mas_ids is not None and mas.casefold() not in lookup:
                err(line, f"Obec „{name}“: neznámá MAS {mas!r}. Použijte kód z mas.yaml: {', '.join(sorted(mas_ids))}.")
            if stav == "no_mas":
                err(
                    line,
                    f"Obec „{name}“: má vyplněnou MAS, ale stav „no_mas“. Buď smažte MAS, nebo stav "
                    "změňte na „assigned“.",
                )
            if not valid_sources(source):
                err(
                    line,
                    f"Obec „{name}“: u přiřazené MAS chybí nebo je chybný zdroj („source“: {source!r}). "
                    "Uveďte odkaz https://…, který obec a MAS spojuje (víc odkazů oddělte „ ; “).",
                )
            if not row.get("period"):
                err(
                    line,
                    f"Obec „{name}“: chybí období („period“), ke kterému zdroj přiřazení platí, např. „2021–2027“.",
                    Severity.WARNING,
                )
            assigned_per_okres[okres] += 1
        elif stav == "assigned":
            err(
                line,
                f"Obec „{name}“: stav „assigned“, ale sloupec „mas“ je prázdný. Doplňte kód MAS, nebo stav smažte.",
            )
        elif stav == "no_mas":
            if not valid_sources(source):
                err(
                    line,
                    f"Obec „{name}“: u stavu „no_mas“ chybí nebo je chybný zdroj („source“: {source!r}). "
                    "Uveďte odkaz https://…, podle kterého obec v žádné MAS není.",
                )
        else:
            unknown_per_okres[okres] += 1
            if source and not valid_sources(source):
                err(line, f"Obec „{name}“: zdroj {source!r} není platný odkaz (https://…).", Severity.WARNING)
    for okres in OKRESY:
        total = total_per_okres[okres]
        if total:
            problems.append(
                Problem(
                    shown,
                    None,
                    Severity.INFO,
                    f"Okres {okres}: {unknown_per_okres[okres]} z {total} obcí zatím nemá "
                    "přiřazenou MAS (sloupec „mas“ je prázdný a stav není „no_mas“).",
                )
            )
