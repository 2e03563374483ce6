"""Editing knowledge/vyzvy.yaml: the call form, its field checks, and a round-trip write that keeps
every other call, the field order and all comments exactly as they were (ruamel.yaml)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
URL = re.compile(r"^https?://\S+$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
AS_OF = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
FIELD_ORDER = (
    "id", "name", "programme", "number", "applicants", "topics", "territory", "amount_min", "amount_max",
    "allocation", "rate", "opens", "closes", "closed_before", "source", "as_of", "note",
)  # fmt: skip


class CallsFileError(ValueError):
    """vyzvy.yaml cannot be read as a list of calls (fix it in the file first)."""


def _yaml() -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=2, offset=0)
    y.representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return y


def load(text: str) -> CommentedSeq:
    try:
        data = _yaml().load(text)
    except Exception as exc:  # ruamel raises many kinds; all mean "fix the file by hand first"
        raise CallsFileError(str(exc)) from exc
    if data is None:
        return CommentedSeq()
    if not isinstance(data, CommentedSeq):
        raise CallsFileError("the file is not a list of calls")
    return data


def dump(data: CommentedSeq) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def plain(value: Any) -> Any:
    """ruamel values → plain JSON-able Python (for fingerprints and forms)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def fingerprint(call: Any) -> str:
    """Content hash of one call, for optimistic locking of just that call."""
    return hashlib.sha256(json.dumps(plain(call), ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def find(data: CommentedSeq, call_id: str) -> int | None:
    for i, item in enumerate(data):
        if isinstance(item, dict) and str(item.get("id", "")) == call_id:
            return i
    return None


def snippet(call: Any) -> str:
    """One call as YAML (for the conflict view)."""
    seq = CommentedSeq()
    seq.append(call)
    return dump(seq)


@dataclass
class CallForm:
    values: dict[str, Any] = field(default_factory=dict)  # what goes into the file (None = null)
    raw: dict[str, Any] = field(default_factory=dict)  # what the admin typed, to show again
    errors: dict[str, str] = field(default_factory=dict)


def form_values(call: Any) -> dict[str, Any]:
    """A stored call → the form's initial values."""
    data = plain(call) if call is not None else {}
    territory = data.get("territory") or {}
    closes = data.get("closes")
    as_of = data.get("as_of")
    return {
        "id": data.get("id", ""),
        "name": data.get("name") or "",
        "programme": data.get("programme") or "",
        "number": _text(data.get("number")),
        "applicants": data.get("applicants"),
        "topics": data.get("topics"),
        "territory_type": territory.get("type") or "",
        "territory_text": territory.get("text") or "",
        "territory_max_population": _text(territory.get("max_population")),
        "territory_obce": ", ".join(territory.get("obce") or []),
        "amount_min": _text(data.get("amount_min")),
        "amount_max": _text(data.get("amount_max")),
        "allocation": _text(data.get("allocation")),
        "rate": data.get("rate") or "",
        "opens": data.get("opens") or "",
        "closes": "" if closes in (None, "průběžně", "prubezne") else closes,
        "ongoing": closes in ("průběžně", "prubezne"),
        "closed_before": data.get("closed_before") or "",
        "source": data.get("source") or "",
        "as_of": "" if as_of in (None, "neuvedeno") else str(as_of),
        "as_of_unknown": as_of == "neuvedeno",
        "note": " ".join(str(data.get("note") or "").split()),
    }


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def read_form(get: Any, get_all: Any, codes: dict[str, dict[str, str]], constants: dict[str, str]) -> CallForm:
    """Submitted fields → values for the file, with Czech errors by field name."""
    form = CallForm()
    raw, values, errors = form.raw, form.values, form.errors
    for name in ("id", "name", "programme", "number", "territory_type", "territory_text", "territory_max_population",
                 "territory_obce", "amount_min", "amount_max", "allocation", "rate", "opens", "closes", "closed_before",
                 "source", "as_of", "note"):  # fmt: skip
        raw[name] = " ".join(get(name).split())
    raw["ongoing"] = get("ongoing") == "ano"
    raw["as_of_unknown"] = get("as_of_unknown") == "ano"

    values["id"] = raw["id"]
    if not ID.match(raw["id"]):
        errors["id"] = "Kód výzvy: malá písmena bez diakritiky, číslice, - a _ (např. opst-95-uk)."
    values["name"] = raw["name"]
    if not raw["name"]:
        errors["name"] = "Napište celý název výzvy, jak ho uvádí zdroj."
    values["programme"] = raw["programme"] or None
    values["number"] = _integer(raw, "number", errors, "Číslo výzvy je kladné celé číslo (např. 95), nebo nic.", 1)

    for kind in ("applicants", "topics"):
        chosen = [c for c in get_all(kind) if c in codes[kind]]
        raw[kind] = chosen if get(f"{kind}_unknown") != "ano" else None
        if get(f"{kind}_unknown") == "ano":
            values[kind] = None
        elif not chosen:
            what = "kdo smí žádat" if kind == "applicants" else "na co výzva je"
            errors[kind] = f"Zaškrtněte, {what}, nebo „zdroj to neuvádí“."
        else:
            values[kind] = chosen

    territory: dict[str, Any] = {}
    if raw["territory_type"] not in codes["territory"]:
        errors["territory_type"] = "Zvolte, kde se smí žádat."
    territory["type"] = raw["territory_type"]
    obce = [o.strip() for o in re.split(r"[,;]", get("territory_obce")) if o.strip()]
    if raw["territory_type"] == "obce":
        if not obce:
            errors["territory_obce"] = "U typu „jen vyjmenované obce“ napište obce oddělené čárkou."
        territory["obce"] = obce
    elif obce:
        errors["territory_obce"] = "Seznam obcí patří jen k typu území „jen vyjmenované obce“."
    population = _integer(raw, "territory_max_population", errors, "Počet obyvatel je kladné celé číslo.", 1)
    if population is not None:
        territory["max_population"] = population
    territory["text"] = raw["territory_text"]
    if not raw["territory_text"]:
        errors["territory_text"] = "Napište jednou větou, kde se smí žádat."
    values["territory"] = territory

    for name in ("amount_min", "amount_max", "allocation"):
        values[name] = _integer(raw, name, errors, "Částka v Kč jako celé číslo (např. 500000), nebo nic.", 0)
    if (
        values["amount_min"] is not None
        and values["amount_max"] is not None
        and values["amount_min"] > values["amount_max"]
    ):
        errors["amount_min"] = "Nejnižší částka je větší než nejvyšší."
    values["rate"] = raw["rate"] or None

    for name in ("opens", "closes", "closed_before"):
        values[name] = _date(raw, name, errors)
    if raw["ongoing"]:
        if raw["closes"]:
            errors["closes"] = "Buď datum konce, nebo „průběžně“ – ne obojí."
        values["closes"] = constants["ongoing"]
    opens, closes = values["opens"], values["closes"]
    if isinstance(opens, dt.date) and isinstance(closes, dt.date) and closes < opens:
        errors["closes"] = "Konec příjmu je dřív než začátek."

    values["source"] = raw["source"]
    if not URL.match(raw["source"]):
        errors["source"] = "Adresa zdroje musí začínat https:// nebo http://."
    if raw["as_of_unknown"]:
        values["as_of"] = constants["as_of_unknown"]
    elif not AS_OF.match(raw["as_of"]) or not _valid_partial(raw["as_of"]):
        errors["as_of"] = (
            "Datum zdroje: RRRR-MM-DD, RRRR-MM nebo RRRR; když ho zdroj nemá, zaškrtněte „zdroj datum neuvádí“."
        )
    else:
        values["as_of"] = dt.date.fromisoformat(raw["as_of"]) if DATE.match(raw["as_of"]) else raw["as_of"]
    values["note"] = raw["note"] or None
    return form


def _integer(raw: dict[str, Any], name: str, errors: dict[str, str], message: str, minimum: int) -> int | None:
    text = re.sub(r"\s|Kč$", "", str(raw[name]), flags=re.IGNORECASE)
    if not text:
        return None
    if not text.isdigit() or int(text) < minimum:
        errors[name] = message
        return None
    return int(text)


def _date(raw: dict[str, Any], name: str, errors: dict[str, str]) -> dt.date | None:
    text = raw[name]
    if not text:
        return None
    try:
        if DATE.match(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    errors[name] = "Datum pište jako RRRR-MM-DD (např. 2026-12-31), nebo nechte prázdné, když ho neznáte."
    return None


def _valid_partial(text: str) -> bool:
    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _flow(items: list[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _yaml_value(key: str, value: Any) -> Any:
    if isinstance(value, list):
        return _flow(value)
    return value


OPTIONAL_DROPPED_WHEN_EMPTY = ("closed_before", "note", "number", "allocation")


def apply(call: CommentedMap | None, values: dict[str, Any]) -> CommentedMap:
    """Write the form's values into a call, keeping its keys' order, comments and untouched fields."""
    target = call if call is not None else CommentedMap()
    for key in FIELD_ORDER:
        value = values.get(key)
        if key == "territory":
            assert isinstance(value, dict)  # parse() always gives the territory as a mapping
            territory = target.get("territory")
            if not isinstance(territory, CommentedMap):
                territory = CommentedMap()
                target[key] = territory
            for sub in ("type", "obce", "max_population", "text"):
                if sub in value:
                    territory[sub] = _yaml_value(sub, value[sub])
                elif sub in territory:
                    del territory[sub]
            if "text" in territory:  # text stays last, as in the file's other calls
                text = territory.pop("text")
                territory["text"] = text
            continue
        if isinstance(value, list) and isinstance(target.get(key), list):  # keep the file's order of codes
            old = [str(x) for x in target[key]]
            value = [x for x in old if x in value] + [x for x in value if x not in old]
        if value is None and key in OPTIONAL_DROPPED_WHEN_EMPTY:
            if key in target:
                del target[key]
            continue
        if key in target and plain(target[key]) == plain(value):
            continue  # unchanged: keep its quoting and folding exactly
        target[key] = _yaml_value(key, value)
    return target


def save_call(text: str, call_id: str | None, values: dict[str, Any], base: str) -> tuple[str, Any]:
    """New file text with one call added (call_id None) or replaced; raises KeyError (gone) or ValueError (stale)."""
    data = load(text)
    if call_id is None:
        if find(data, values["id"]) is not None:
            raise FileExistsError(values["id"])
        data.append(apply(None, values))
        out = dump(data)
        line = f"- id: {values['id']}\n"
        head, sep, tail = out.rpartition(line)
        if sep and head and not head.endswith("\n\n"):
            out = head + "\n" + sep + tail
        return out, None
    index = find(data, call_id)
    if index is None:
        raise KeyError(call_id)
    if fingerprint(data[index]) != base:
        raise StaleCall(snippet(data[index]), fingerprint(data[index]))
    apply(data[index], {**values, "id": call_id})
    return dump(data), data[index]


class StaleCall(Exception):
    def __init__(self, current: str, current_hash: str) -> None:
        super().__init__("stale")
        self.current = current
        self.current_hash = current_hash
