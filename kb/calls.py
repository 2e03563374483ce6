"""The calls table `knowledge/vyzvy.yaml`: calls and programmes for the eligibility check.

The file is parsed with `yaml.compose` (a node tree with start marks), never with `safe_load`,
so each problem names the line staff must edit. Parsing never raises: broken input becomes
`Problem`s, and only entries without errors become `Call`s.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from kb.problems import Problem, Report, display_path

FILENAME = "vyzvy.yaml"

# Applicant and topic codes (stable: `bot overit --zadatel/--tema` and vyzvy.yaml use them).
APPLICANTS: dict[str, str] = {
    "obec": "obec/město",
    "svazek": "svazek obcí",
    "kraj": "kraj",
    "po": "příspěvková organizace",
    "skola": "škola",
    "nno": "NNO/spolek/nadace/o.p.s.",
    "cirkev": "církev",
    "msp": "malý a střední podnik (MSP)",
    "velky_podnik": "velký podnik",
    "osvc": "OSVČ/živnostník",
    "obcan": "fyzická osoba/občan",
    "mas": "místní akční skupina (MAS)",
}

TOPICS: dict[str, str] = {
    "energie": "energie",
    "brownfieldy": "brownfieldy",
    "podnikani": "podnikání a inovace",
    "vzdelavani": "vzdělávání a rekvalifikace",
    "priroda": "příroda a krajina",
    "infrastruktura": "infrastruktura a cyklostezky",
    "kultura_sport": "kultura a sport",
    "priprava": "příprava projektů",
    "kreativni": "kreativní služby",
    "socialni": "sociální oblast",
    "digitalizace": "digitalizace",
}

TERRITORY_TYPES: dict[str, str] = {
    "kraj": "celý Ústecký kraj",
    "tezba": "jen vymezené území zasažené těžbou uhlí",
    "uhelne_kraje": "uhelné kraje (Karlovarský, Ústecký, Moravskoslezský)",
    "cr": "celá Česká republika",
    "obce": "jen vyjmenované obce (seznam v poli obce)",
    "neuvedeno": "zdroj územní podmínky neuvádí",
}

ONGOING = "průběžně"  # `closes` value of standing programmes
AS_OF_UNKNOWN = "neuvedeno"  # `as_of` value when the source carries no date


def code_list(codes: dict[str, str]) -> str:
    """`obec (obec/město), svazek (svazek obcí), …` for Czech error messages."""
    return ", ".join(f"{code} ({label})" for code, label in codes.items())


REQUIRED = (
    "id", "name", "programme", "applicants", "topics", "territory", "amount_min", "amount_max",
    "rate", "opens", "closes", "source", "as_of",
)  # fmt: skip
OPTIONAL = ("note", "closed_before", "number", "allocation")
TERRITORY_KEYS = ("type", "text", "max_population", "obce")

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_AS_OF_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class Territory:
    type: str
    text: str
    max_population: int | None = None
    obce: tuple[str, ...] = ()  # type "obce": the only municipalities that may apply (e.g. one town's call)


@dataclass(frozen=True, slots=True)
class Call:
    """One call or programme from vyzvy.yaml; `None` everywhere means the source does not say."""

    id: str
    name: str
    programme: str
    applicants: tuple[str, ...] | None
    topics: tuple[str, ...] | None
    territory: Territory
    amount_min: int | None
    amount_max: int | None
    rate: str | None
    opens: date | None
    closes: date | None
    ongoing: bool  # closes == "průběžně"
    closed_before: date | None
    source: str
    as_of: str | None  # "2024-07-01" / "2024-07" / "2024"; None when the source has no date
    note: str | None
    line: int
    number: int | None = None  # the call's number in its programme ("95. výzva OPST")
    allocation: int | None = None  # the whole call's allocation in Kč (not per project)

    def closes_json(self) -> str | None:
        if self.ongoing:
            return ONGOING
        return self.closes.isoformat() if self.closes else None


class _Reader(Report):
    """A Report that takes YAML nodes and turns them into line numbers."""

    def error_at(self, node: yaml.Node | None, message: str) -> None:
        self.error(_line(node), message)

    def warning_at(self, node: yaml.Node | None, message: str) -> None:
        self.warning(_line(node), message)


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _scalar(node: yaml.Node) -> Any:
    """Plain Python value of a scalar node; dates stay strings (we check their format ourselves)."""
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "null":
        return None
    if tag == "int":
        try:
            return int(node.value.replace("_", ""), 0)
        except ValueError:
            return node.value
    if tag == "bool":
        return node.value.lower() in {"true", "yes", "on", "y"}
    if tag == "float":
        try:
            return float(node.value)
        except ValueError:
            return node.value
    return node.value


def _suggest(value: str, options: list[str]) -> str:
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    return f" Možná jste mysleli „{close[0]}“?" if close else ""


def _mapping(reader: _Reader, node: yaml.MappingNode, where: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            reader.error_at(key_node, f"{where}: název pole musí být obyčejné slovo (např. „name:“).")
            continue
        key = str(key_node.value)
        if key in out:
            reader.error_at(
                key_node,
                f"{where}: pole „{key}“ je uvedeno dvakrát (poprvé na řádku {_line(out[key][0])}). "
                "Jedno z nich smažte.",
            )
            continue
        out[key] = (key_node, value_node)
    return out


def _str_field(reader: _Reader, node: yaml.Node, label: str, where: str) -> str | None:
    if not isinstance(node, yaml.ScalarNode):
        reader.error_at(node, f"{where}: pole „{label}“ musí být text na jednom místě, ne seznam ani tabulka.")
        return None
    value = _scalar(node)
    if value is None:
        return None
    return str(value).strip() or None


def _codes(
    reader: _Reader, node: yaml.Node, label: str, codes: dict[str, str], kind: str, where: str
) -> tuple[bool, tuple[str, ...] | None]:
    """(ok, codes) — `None` codes means "unknown" (the key is present with value null)."""
    if isinstance(node, yaml.ScalarNode) and _scalar(node) is None:
        return True, None
    if not isinstance(node, yaml.SequenceNode):
        reader.error_at(
            node,
            f"{where}: „{label}“ musí být seznam kódů v hranatých závorkách, např. [obec, svazek], "
            f"nebo null, když to zdroj neuvádí. Povolené kódy: {code_list(codes)}.",
        )
        return False, None
    if not node.value:
        reader.error_at(
            node, f"{where}: „{label}“ je prázdný seznam. Doplňte kódy, nebo napište null, když to zdroj neuvádí."
        )
        return False, None
    ok = True
    found: list[str] = []
    for item in node.value:
        value = _scalar(item) if isinstance(item, yaml.ScalarNode) else None
        if not isinstance(value, str) or value not in codes:
            ok = False
            shown = value if value is not None else "(prázdné)"
            reader.error_at(
                item,
                f"{where}: neznámý {kind} „{shown}“ v poli „{label}“.{_suggest(str(shown), list(codes))} "
                f"Povolené kódy: {code_list(codes)}.",
            )
        elif value in found:
            reader.warning_at(item, f"{where}: kód „{value}“ je v poli „{label}“ dvakrát; jeden smažte.")
        else:
            found.append(value)
    return ok, tuple(found)


def _date(reader: _Reader, node: yaml.Node, label: str, where: str, *, allow_ongoing: bool) -> tuple[bool, Any]:
    """(ok, value): value is a date, None, or ONGOING."""
    if not isinstance(node, yaml.ScalarNode):
        reader.error_at(node, f"{where}: „{label}“ musí být datum RRRR-MM-DD.")
        return False, None
    raw = _scalar(node)
    if raw is None:
        return True, None
    text = str(raw).strip()
    if allow_ongoing and text.lower() in {ONGOING, "prubezne"}:
        return True, ONGOING
    hint = ", „průběžně“" if allow_ongoing else ""
    if not _DATE_RE.match(text):
        reader.error_at(
            node,
            f"{where}: „{label}: {text}“ není platné datum. Napište ho jako RRRR-MM-DD (např. 2024-12-31)"
            f"{hint}, nebo null, když datum neznáte.",
        )
        return False, None
    try:
        return True, date.fromisoformat(text)
    except ValueError:
        reader.error_at(node, f"{where}: „{label}: {text}“ – takový den v kalendáři není. Opravte datum.")
        return False, None


def _amount(reader: _Reader, node: yaml.Node, label: str, where: str) -> tuple[bool, int | None]:
    value = _scalar(node) if isinstance(node, yaml.ScalarNode) else node
    if value is None:
        return True, None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        reader.error_at(
            node,
            f"{where}: „{label}“ musí být částka v Kč jako celé číslo bez mezer a bez „Kč“ "
            "(např. 500000), nebo null, když ji zdroj neuvádí.",
        )
        return False, None
    return True, value


def _territory(reader: _Reader, node: yaml.Node, where: str) -> Territory | None:
    if not isinstance(node, yaml.MappingNode):
        reader.error_at(
            node,
            f"{where}: „territory“ musí mít pod sebou odsazená pole type a text "
            f"(type: jedno z {', '.join(TERRITORY_TYPES)}).",
        )
        return None
    fields = _mapping(reader, node, where)
    for key, (key_node, _) in fields.items():
        if key not in TERRITORY_KEYS:
            reader.warning_at(
                key_node,
                f"{where}: neznámé pole „territory.{key}“.{_suggest(key, list(TERRITORY_KEYS))} "
                f"Povolená pole: {', '.join(TERRITORY_KEYS)}.",
            )
    ok = True
    type_ = None
    if "type" not in fields:
        reader.error_at(node, f"{where}: v „territory“ chybí „type“ (jedno z {', '.join(TERRITORY_TYPES)}).")
        ok = False
    else:
        type_ = _str_field(reader, fields["type"][1], "territory.type", where)
        if type_ not in TERRITORY_TYPES:
            allowed = ", ".join(f"{k} ({v})" for k, v in TERRITORY_TYPES.items())
            reader.error_at(
                fields["type"][1],
                f"{where}: neznámý typ území „{type_}“.{_suggest(str(type_), list(TERRITORY_TYPES))} "
                f"Povolené: {allowed}.",
            )
            ok = False
    text = _str_field(reader, fields["text"][1], "territory.text", where) if "text" in fields else None
    if not text:
        reader.error_at(node, f"{where}: v „territory“ chybí „text“ – jedna česká věta, kde se smí žádat.")
        ok = False
    max_pop = None
    if "max_population" in fields:
        value_node = fields["max_population"][1]
        value = _scalar(value_node) if isinstance(value_node, yaml.ScalarNode) else None
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
            reader.error_at(value_node, f"{where}: „max_population“ musí být kladné celé číslo (např. 3000).")
            ok = False
        else:
            max_pop = value
    names: tuple[str, ...] = ()
    if "obce" in fields:
        value_node = fields["obce"][1]
        items = value_node.value if isinstance(value_node, yaml.SequenceNode) else None
        values = [_scalar(i) for i in items if isinstance(i, yaml.ScalarNode)] if items is not None else []
        if items is None or not items or len(values) != len(items) or not all(isinstance(v, str) and v for v in values):
            reader.error_at(
                value_node,
                f"{where}: „territory.obce“ musí být seznam názvů obcí v hranatých závorkách, např. [Šluknov].",
            )
            ok = False
        else:
            names = tuple(str(v).strip() for v in values)
    if type_ == "obce" and not names and "obce" not in fields:
        reader.error_at(node, f"{where}: typ území „obce“ potřebuje seznam „obce: [název, …]“.")
        ok = False
    if names and type_ != "obce":
        reader.error_at(fields["obce"][1], f"{where}: seznam „territory.obce“ patří jen k typu území „obce“.")
        ok = False
    if not ok or type_ is None or text is None:
        return None
    return Territory(type=type_, text=text, max_population=max_pop, obce=names)


def _entry(reader: _Reader, node: yaml.Node, index: int, seen_ids: dict[str, int]) -> Call | None:
    where = f"položka č. {index}"
    if not isinstance(node, yaml.MappingNode):
        reader.error_at(node, f"{where}: každá výzva musí začínat „- id: …“ a mít pod sebou odsazená pole.")
        return None
    before = reader.error_count
    fields = _mapping(reader, node, where)

    id_ = None
    if "id" in fields:
        id_ = _str_field(reader, fields["id"][1], "id", where)
        if id_ is not None and not _ID_RE.match(id_):
            reader.error_at(
                fields["id"][1],
                f"{where}: id „{id_}“ smí obsahovat jen malá písmena bez diakritiky, číslice, - a _ "
                "(např. opst-40-uk).",
            )
        elif id_ is not None:
            where = f"výzva „{id_}“"
            if id_ in seen_ids:
                reader.error_at(
                    fields["id"][1],
                    f"{where}: stejné id už má výzva na řádku {seen_ids[id_]}. Každá výzva musí mít jiné id.",
                )
            else:
                seen_ids[id_] = _line(fields["id"][1]) or 0

    for key in REQUIRED:
        if key not in fields:
            hint = "; když údaj neznáte, napište null" if key not in {"id", "name", "source", "as_of"} else ""
            if key == "as_of":
                hint = " (datum zdroje RRRR-MM-DD, nebo „neuvedeno“, když zdroj datum nemá)"
            if key == "source":
                hint = " (adresa zdroje, ze kterého údaje pocházejí, např. https://opst.cz/…)"
            reader.error_at(node, f"{where}: chybí pole „{key}“{hint}.")
    for key, (key_node, _) in fields.items():
        if key not in REQUIRED and key not in OPTIONAL:
            reader.warning_at(
                key_node,
                f"{where}: neznámé pole „{key}“ – bot ho nepoužije.{_suggest(key, [*REQUIRED, *OPTIONAL])}",
            )

    def text(key: str, required: bool = False) -> str | None:
        if key not in fields:
            return None
        value = _str_field(reader, fields[key][1], key, where)
        if required and value is None:
            reader.error_at(fields[key][1], f"{where}: pole „{key}“ je prázdné – doplňte ho.")
        return value

    name = text("name", required=True)
    programme = text("programme")
    rate = text("rate")
    note = text("note")

    applicants = topics = None
    if "applicants" in fields:
        _, applicants = _codes(reader, fields["applicants"][1], "applicants", APPLICANTS, "typ žadatele", where)
    if "topics" in fields:
        _, topics = _codes(reader, fields["topics"][1], "topics", TOPICS, "kód tématu", where)
    territory = _territory(reader, fields["territory"][1], where) if "territory" in fields else None

    number = allocation = None
    if "number" in fields:
        number_node = fields["number"][1]
        value = _scalar(number_node) if isinstance(number_node, yaml.ScalarNode) else None
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
            reader.error_at(number_node, f"{where}: „number“ je číslo výzvy, kladné celé číslo (např. 95), nebo null.")
        else:
            number = value
    if "allocation" in fields:
        _, allocation = _amount(reader, fields["allocation"][1], "allocation", where)

    amount_min = amount_max = None
    if "amount_min" in fields:
        _, amount_min = _amount(reader, fields["amount_min"][1], "amount_min", where)
    if "amount_max" in fields:
        _, amount_max = _amount(reader, fields["amount_max"][1], "amount_max", where)
    if amount_min is not None and amount_max is not None and amount_min > amount_max:
        reader.error_at(fields["amount_min"][1], f"{where}: amount_min je větší než amount_max – prohoďte je.")

    opens = closes = closed_before = None
    if "opens" in fields:
        _, opens = _date(reader, fields["opens"][1], "opens", where, allow_ongoing=False)
    if "closes" in fields:
        _, closes = _date(reader, fields["closes"][1], "closes", where, allow_ongoing=True)
    if "closed_before" in fields:
        _, closed_before = _date(reader, fields["closed_before"][1], "closed_before", where, allow_ongoing=False)
    if isinstance(opens, date) and isinstance(closes, date) and closes < opens:
        reader.error_at(
            fields["closes"][1],
            f"{where}: konec příjmu ({closes.isoformat()}) je dřív než začátek ({opens.isoformat()}). "
            "Opravte jedno z dat.",
        )

    source = text("source")
    if "source" in fields and source is None:
        reader.error_at(fields["source"][1], f"{where}: pole „source“ je prázdné – doplňte adresu zdroje.")
    elif source is not None and not re.match(r"^https?://\S+$", source):
        reader.error_at(
            fields["source"][1],
            f"{where}: „source“ musí být jedna webová adresa začínající http:// nebo https:// (teď: „{source}“).",
        )

    as_of = None
    if "as_of" in fields:
        as_of_node = fields["as_of"][1]
        raw = _str_field(reader, as_of_node, "as_of", where)
        if raw is None:
            reader.error_at(
                as_of_node,
                f"{where}: „as_of“ je prázdné. Napište datum zdroje RRRR-MM-DD (stačí RRRR-MM nebo RRRR), "
                "nebo „neuvedeno“, když zdroj datum nemá.",
            )
        elif raw.lower() == AS_OF_UNKNOWN:
            reader.warning_at(as_of_node, f"{where}: zdroj nemá datum (as_of: neuvedeno). Doplňte ho, až ho zjistíte.")
        elif not _AS_OF_RE.match(raw) or not _valid_partial_date(raw):
            reader.error_at(
                as_of_node,
                f"{where}: „as_of: {raw}“ není platné datum. Použijte RRRR-MM-DD, RRRR-MM nebo RRRR.",
            )
        else:
            as_of = raw

    errors = reader.error_count
    if errors > before or id_ is None or name is None or territory is None or source is None:
        return None
    return Call(
        id=id_,
        name=name,
        programme=programme or "",
        applicants=applicants,
        topics=topics,
        territory=territory,
        amount_min=amount_min,
        amount_max=amount_max,
        rate=rate,
        opens=opens if isinstance(opens, date) else None,
        closes=closes if isinstance(closes, date) else None,
        ongoing=closes == ONGOING,
        closed_before=closed_before if isinstance(closed_before, date) else None,
        source=source,
        as_of=as_of,
        note=note,
        line=_line(node) or 0,
        number=number,
        allocation=allocation,
    )


def _valid_partial_date(text: str) -> bool:
    parts = [int(p) for p in text.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def read_calls(knowledge_dir: Path) -> tuple[list[Call], list[Problem]]:
    """All valid calls and every problem found; never raises on bad content."""
    knowledge_dir = Path(knowledge_dir)
    path = knowledge_dir / FILENAME
    reader = _Reader(display_path(path, knowledge_dir))
    if not path.exists():
        reader.warning_at(
            None,
            "soubor s výzvami chybí, ověření nároku (/overit) nebude nic nabízet. "
            "Vytvořte ho podle návodu v knowledge/README.md.",
        )
        return [], reader.problems
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reader.error_at(None, f"soubor nelze přečíst ({exc}). Uložte ho znovu v kódování UTF-8.")
        return [], reader.problems
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        reader.error(
            line,
            f"chyba zápisu YAML ({what}). Zkontrolujte odsazení (mezery, ne tabulátory), dvojtečky "
            "za názvy polí a uvozovky kolem textu, který obsahuje dvojtečku.",
        )
        return [], reader.problems
    if root is None:
        reader.warning_at(None, "soubor je prázdný – zatím v něm nejsou žádné výzvy.")
        return [], reader.problems
    if not isinstance(root, yaml.SequenceNode):
        reader.error_at(root, "soubor musí být seznam výzev; každá začíná řádkem „- id: …“.")
        return [], reader.problems
    calls: list[Call] = []
    seen: dict[str, int] = {}
    for index, node in enumerate(root.value, start=1):
        call = _entry(reader, node, index, seen)
        if call is not None:
            calls.append(call)
    return calls, reader.problems


def validate_calls(knowledge_dir: Path) -> list[Problem]:
    """Problems in knowledge/vyzvy.yaml (Czech, with file:line and how to fix)."""
    return read_calls(knowledge_dir)[1]
