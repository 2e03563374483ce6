"""Eligibility engine: which calls fit an applicant type and a topic, and their status on a date.

Decisions (see also knowledge/vyzvy.yaml header):
- Status is computed, never stored: before `opens` → připravovaná; `opens`..`closes` (both days
  inclusive) → otevřená; after `closes` (or after `closed_before`) → uzavřená; whenever a date we
  would need is unknown → neznámý stav. A standing programme (`closes: průběžně`) is otevřená.
- `applicants: null` / `topics: null` mean "the source does not say": such a call is listed
  with that caveat, but only if the other field matches exactly (two unknowns are no match).
- Territory limits are checked against the municipality only as far as our data allow; anything
  we cannot check (mining-affected cadastres, population limits without population data) is
  said plainly in the conditions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bot import i18n
from bot.places import FOUND, PlaceMatch, Places, PlaceStatus, contact_summary
from kb.calls import Call, read_calls
from kb.problems import Problem
from kb.text import format_date_cs, partial_date_start

from .codes import (
    APPLICANTS,
    CLOSED,
    OPEN,
    PLANNED,
    STATUS_ORDER,
    TOPICS,
    UNKNOWN,
    VERIFY_URL,
    CallStatus,
    code_list,
    money_cs,
)
from .detect import detect

# A standing programme ("průběžně") counts as open only this long after its source date;
# later we say plainly that we do not know whether it still runs.
ONGOING_FRESH_DAYS = 365
CLOSED_SHOWN = 6  # closed calls listed in the plain-text message (JSON lists all)
MAS_DIRECTORY = "Svou místní akční skupinu (MAS) najdete na www.nsmascr.cz."


OPST_SITE = "opst.cz"


def _day(value: date | str | None) -> str:
    return format_date_cs(value) or "?"


def _as_of_cs(value: str | None) -> str:
    return format_date_cs(value) or "datum zdroje neuvedeno"


def call_status(call: Call, on: date, lang: str = i18n.DEFAULT) -> tuple[CallStatus, str]:
    """(status, detail in `lang`) of a call on a given day."""
    status, key, day = _status(call, on)
    return status, i18n.text(f"call_{key}", lang, date=day)


def _status(call: Call, on: date) -> tuple[CallStatus, str, str]:
    """(status, phrase key, the date the phrase names) — one decision for every language."""
    if call.opens is not None and on < call.opens:
        return PLANNED, "opens", _day(call.opens)
    if call.ongoing:
        checked = _as_of_ordinal(call.as_of)
        if checked and on.toordinal() <= checked + ONGOING_FRESH_DAYS:
            return OPEN, "ongoing", _as_of_cs(call.as_of)
        return (UNKNOWN, "ongoing_old", _as_of_cs(call.as_of)) if checked else (UNKNOWN, "ongoing_undated", "")
    if call.closes is not None:
        if on > call.closes:
            return CLOSED, "ended", _day(call.closes)
        if call.opens is not None:
            return OPEN, "until", _day(call.closes)
        return UNKNOWN, "deadline", _day(call.closes)
    if call.closed_before is not None and on > call.closed_before:
        return CLOSED, "ended_by", _day(call.closed_before)
    if call.opens is not None:
        return UNKNOWN, "started", _day(call.opens)
    return UNKNOWN, "no_dates", ""


def amount_text(call: Call, lang: str = i18n.DEFAULT) -> str:
    """The support per project ("až 5 mil. Kč"); the figures and the rate stay in the source's Czech form."""
    if call.amount_min is not None and call.amount_max is not None:
        amount = i18n.text("amount_range", lang, low=money_cs(call.amount_min), high=money_cs(call.amount_max))
    elif call.amount_max is not None:
        amount = i18n.text("amount_max", lang, high=money_cs(call.amount_max))
    elif call.amount_min is not None:
        amount = i18n.text("amount_min", lang, low=money_cs(call.amount_min))
    else:
        amount = i18n.text("amount_unknown", lang)
    return f"{amount}; {call.rate}" if call.rate else amount


@dataclass
class CallMatch:
    """One call in a result, with its status on the checked day and the conditions that apply."""

    call: Call
    status: CallStatus
    status_detail: str
    conditions: list[str]
    exact: bool  # applicant and topic both explicitly listed

    def to_json(self) -> dict[str, Any]:
        c = self.call
        return {
            "id": c.id,
            "name": c.name,
            "status": str(self.status),
            "opens": c.opens.isoformat() if c.opens else None,
            "closes": c.closes_json(),
            "amount_min": c.amount_min,
            "amount_max": c.amount_max,
            "rate": c.rate,
            "territory": c.territory.text,
            "conditions": list(self.conditions),
            "source": c.source,
            "as_of": c.as_of,
        }

    def sort_key(self) -> tuple[Any, ...]:
        c = self.call
        when = {
            OPEN: (c.closes or date.max).toordinal(),
            PLANNED: (c.opens or date.max).toordinal(),
            UNKNOWN: -_as_of_ordinal(c.as_of),
            CLOSED: -(c.closes or c.closed_before or date.min).toordinal(),
        }[self.status]
        return (STATUS_ORDER[self.status], not self.exact, when, c.name)


def _as_of_ordinal(as_of: str | None) -> int:
    return partial_date_start(as_of).toordinal() if as_of else 0


@dataclass
class EligibilityResult:
    applicant: str
    topic: str
    obec: str | None
    date: date
    matches: list[CallMatch]
    place: PlaceMatch | None = None
    message: str = ""
    mas_text: str = ""

    @property
    def no_match(self) -> bool:
        """True when no call explicitly admits this applicant type for this topic."""
        return not any(m.call.applicants is not None for m in self.matches)

    def to_json(self) -> dict[str, Any]:
        """The `overit --json` shape (ARCHITECTURE.md, "Stable interfaces")."""
        return {
            "applicant": self.applicant,
            "topic": self.topic,
            "obec": self.obec,
            "date": self.date.isoformat(),
            "calls": [m.to_json() for m in self.matches],
            "mas": self.place.ask_json() if self.place is not None else None,
            "message": self.message,
        }


class UnknownCode(ValueError):
    """An applicant or topic code that does not exist; `.message_cs` lists the valid ones."""

    def __init__(self, kind: str, value: str) -> None:
        if kind == "applicant":
            self.message_cs = f"Neznámý typ žadatele „{value}“. Povolené hodnoty: {code_list(APPLICANTS)}."
        else:
            self.message_cs = f"Neznámé téma „{value}“. Povolené hodnoty: {code_list(TOPICS)}."
        super().__init__(self.message_cs)


class Unresolved:
    """Marks "the caller did not look for a place in the question" (None means it looked, found none)."""


UNRESOLVED = Unresolved()


class Calls:
    """All calls from knowledge/vyzvy.yaml (entries with errors are skipped; see `.problems`)."""

    def __init__(self, calls: Iterable[Call], problems: list[Problem] | None = None) -> None:
        self.calls: list[Call] = list(calls)
        self.problems = problems or []

    @classmethod
    def load(cls, knowledge_dir: Path) -> Calls:
        calls, problems = read_calls(Path(knowledge_dir))
        return cls(calls, problems)

    def __len__(self) -> int:
        return len(self.calls)

    def get(self, call_id: str) -> Call | None:
        return next((c for c in self.calls if c.id == call_id), None)

    def check(
        self,
        applicant: str,
        topic: str,
        obec: str | None = None,
        on: date | None = None,
        places: Places | None = None,
    ) -> EligibilityResult:
        """Matching calls with their status on `on` (default today), open first, and a Czech message."""
        if applicant not in APPLICANTS:
            raise UnknownCode("applicant", applicant)
        if topic not in TOPICS:
            raise UnknownCode("topic", topic)
        on = on or date.today()
        obec = (obec or "").strip() or None
        place = _resolve_place(obec, places)

        matches: list[CallMatch] = []
        for call in self.calls:
            applicant_known = call.applicants is not None
            topic_known = call.topics is not None
            if call.applicants is not None and applicant not in call.applicants:
                continue
            if call.topics is not None and topic not in call.topics:
                continue
            if not applicant_known and not topic_known:
                continue
            if _excluded_territory(call, place):
                continue  # a call for named municipalities only (e.g. one town's project) is not for others
            status, detail = call_status(call, on)
            conditions = [call.territory.text]
            conditions += _territory_checks(call, obec, place, places)
            if not applicant_known:
                conditions.append("Kdo smí žádat, náš zdroj neuvádí – ověřte, zda můžete žádat.")
            if not topic_known:
                conditions.append("Na co přesně jsou peníze, náš zdroj neuvádí – ověřte zaměření.")
            matches.append(CallMatch(call, status, detail, conditions, applicant_known and topic_known))
        matches.sort(key=CallMatch.sort_key)

        result = EligibilityResult(applicant, topic, _place_name(obec, place), on, matches, place)
        result.mas_text = _mas_text(place, places)
        result.message = _message(result, obec, place)
        return result

    def check_question(
        self,
        question: str,
        obec: str | None = None,
        on: date | None = None,
        places: Places | None = None,
        *,
        named: PlaceMatch | Unresolved | None = UNRESOLVED,
        previous: str | None = None,
    ) -> EligibilityResult | None:
        """Answer a free-text eligibility question, or None when it is not one (see `detect`).

        Both the applicant type and the topic must be recognised. The municipality is the place the
        question names (`named` when the caller already resolved it), else ``obec`` (e.g. the
        user's remembered municipality).
        """
        applicant, topic = detect(question, previous)
        if applicant is None or topic is None:
            return None
        if isinstance(named, Unresolved):
            named = places.find(question) if places is not None else None
        if named is not None and named.found and named.obec is not None:
            obec = named.obec.name
        return self.check(applicant, topic, obec=obec, on=on, places=places)


def _resolve_place(obec: str | None, places: Places | None) -> PlaceMatch | None:
    return places.by_name(obec) if obec and places is not None else None


def _place_name(obec: str | None, place: PlaceMatch | None) -> str | None:
    if place is not None and place.status in FOUND and place.obec is not None:
        return str(place.obec.name)
    return obec


def _excluded_territory(call: Call, place: PlaceMatch | None) -> bool:
    """True when the call names the only municipalities that may apply and this one is not among them."""
    names = call.territory.obce
    if not names or place is None or place.status not in FOUND or place.obec is None:
        return False
    return place.obec.name not in names


def _territory_checks(call: Call, obec: str | None, place: PlaceMatch | None, places: Places | None) -> list[str]:
    """Czech sentences: what we could and could not check about the municipality."""
    t = call.territory
    out: list[str] = []
    if obec is None:
        if t.max_population:
            out.append(f"Jen obce do {money_cs(t.max_population)[:-3]} obyvatel.")
        if t.obce:
            out.append(f"Žádat může jen: {', '.join(t.obce)}.")
        return out
    if places is None or place is None:
        out.append(f"Obec „{obec}“ jsme nemohli ověřit – seznam obcí teď není k dispozici.")
        return out
    if place.status is PlaceStatus.AMBIGUOUS:
        out.append(f"Název „{obec}“ má v kraji víc obcí – upřesněte ji (např. s okresem).")
        return out
    if place.status not in FOUND or place.obec is None:
        out.append(f"Obec „{obec}“ mezi obcemi Ústeckého kraje neznáme – územní podmínky ověřte sami.")
        return out
    name = place.obec.name
    if t.obce and name in t.obce:
        out.append(f"Výzva je určena právě pro obec {name} – územní podmínka je splněna.")
    elif t.type in {"kraj", "uhelne_kraje", "cr"}:
        out.append(f"Obec {name} leží v Ústeckém kraji – územní podmínka je splněna.")
    elif t.type == "tezba":
        out.append(
            f"Zda obec {name} leží ve vymezeném území zasaženém těžbou uhlí, z našich dat ověřit nelze – "
            "seznam katastrálních území je přílohou výzvy."
        )
    if t.max_population:  # we hold no population data: say so rather than guess
        limit = money_cs(t.max_population)[:-3]
        out.append(
            f"Limit do {limit} obyvatel z našich dat ověřit nelze – počet obyvatel obce {name} si ověřte "
            "(např. na webu ČSÚ)."
        )
    return out


def _mas_text(place: PlaceMatch | None, places: Places | None) -> str:
    """One Czech line: the user's MAS, or the regional association, or where to find a MAS."""
    if place is not None and place.line:
        return place.line
    if places is not None:
        return f"Poradí vám {contact_summary(places.fallback)}."
    return MAS_DIRECTORY


def data_freshness(calls: list[Call], lang: str = i18n.DEFAULT) -> str | None:
    """ "podle údajů opst.cz k 31. 7. 2026": the newest source date of the calls a text relies on."""
    dated = [c for c in calls if c.as_of]
    if not dated:
        return None
    newest = max(dated, key=lambda c: partial_date_start(c.as_of or ""))
    day = _day(newest.as_of)
    if OPST_SITE in newest.source:
        return i18n.text("data_site", lang, site=OPST_SITE, date=day)
    return i18n.text("data_ours", lang, date=day)


def _call_block(m: CallMatch) -> list[str]:
    c = m.call
    lines = [f"• {c.name}"]
    lines.append(f"  Stav: {m.status} – {m.status_detail}.")
    if c.programme:
        lines.append(f"  Program: {c.programme}.")
    lines.append(f"  Podpora: {amount_text(c)}.")
    lines.append("  Podmínky: " + " ".join(_sentence(x) for x in m.conditions))
    if c.note:
        lines.append(f"  Poznámka: {_sentence(c.note)}")
    when = f"stav k {_as_of_cs(c.as_of)}" if c.as_of else "datum zdroje neuvedeno"
    lines.append(f"  Zdroj: {c.source} ({when})")
    return lines


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _message(result: EligibilityResult, obec: str | None, place: PlaceMatch | None) -> str:
    who = APPLICANTS[result.applicant]
    what = TOPICS[result.topic]
    where = _place_name(obec, place)
    head = f"Ověření: žadatel {who}, téma {what}"
    head += f", obec {where}" if where else ""
    head += f" – stav k {format_date_cs(result.date)}."
    lines = [head, ""]

    if result.no_match:
        lines.append(
            f"Pro žadatele typu „{who}“ a téma „{what}“ jsme v našich datech nenašli žádnou výzvu "
            "ani program, který by takové žadatele výslovně uváděl."
        )
        lines.append(
            "Co dělat teď: sepište si záměr projektu a poraďte se se svou MAS – zná i menší výzvy "
            f"a programy, které tu nemáme. Nové výzvy sledujte na {VERIFY_URL} a na webu Ústeckého kraje."
        )
        lines.append(result.mas_text)
        if not result.matches:
            return "\n".join(lines)
        lines += ["", "Možná se vás týká (zdroj neuvádí, kdo smí žádat):"]

    groups = {s: [m for m in result.matches if m.status == s] for s in (OPEN, PLANNED, UNKNOWN, CLOSED)}
    if groups[OPEN]:
        fresh = data_freshness([m.call for m in groups[OPEN]])
        check = "ověřte na opst.cz" if fresh and OPST_SITE in fresh else "ověřte u vyhlašovatele"
        caveat = f" – {fresh}; {check}, výzva mohla skončit dřív" if fresh else ""
        lines.append(f"Otevřené ({len(groups[OPEN])}){caveat}:")
        for m in groups[OPEN]:
            lines += _call_block(m)
        lines.append("")
    elif not result.no_match:
        lines.append("Teď není otevřená žádná výzva, o které víme.")
        lines.append("")
    if groups[PLANNED]:
        lines.append("Připravované:")
        for m in groups[PLANNED]:
            lines += _call_block(m)
        lines.append("")
    if groups[UNKNOWN]:
        lines.append("Neznámý stav (termíny nemáme ověřené – zjistěte u vyhlašovatele):")
        for m in groups[UNKNOWN]:
            lines += _call_block(m)
        lines.append("")
    if groups[CLOSED]:
        lines.append("Uzavřené (k tomuto dni už žádat nelze):")
        for m in groups[CLOSED][:CLOSED_SHOWN]:
            lines.append(f"• {m.call.name} – {m.status_detail}.")
        hidden = len(groups[CLOSED]) - CLOSED_SHOWN
        if hidden > 0:
            lines.append(f"• … a {hidden} dalších starších uzavřených výzev.")
        lines.append("")
    if not groups[OPEN] and not result.no_match:
        lines.append(
            "Co dělat teď: připravte si projekt (záměr, rozpočet, případně projektovou dokumentaci), "
            f"sledujte nové výzvy na {VERIFY_URL} a na webu Ústeckého kraje a poraďte se se svou MAS."
        )
    if not result.no_match:
        lines.append(result.mas_text)
    dates = sorted(m.call.as_of for m in result.matches if m.call.as_of)
    span = ""
    if dates:
        first, last = _as_of_cs(dates[0]), _as_of_cs(dates[-1])
        span = f" (data zdrojů: {first} až {last})" if first != last else f" (datum zdroje: {first})"
    lines.append(
        f"Údaje platí k datům svých zdrojů{span}; termíny a podmínky se mění. "
        f"Než začnete, ověřte aktuální stav na {VERIFY_URL} nebo u vyhlašovatele."
    )
    return "\n".join(lines)
