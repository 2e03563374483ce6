"""The short answer to a funding question: 2–4 sentences that lead; the full check follows on request.

What fits this applicant and topic, its status on the asked day (with that day and how fresh the
call data are), the key terms of the call, and one next step with the right contact. Everything is
read from the calls table (knowledge/vyzvy.yaml) and said with the call's source; nothing is listed
for applicants a call excludes, and an uncertain item is marked once.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.calls import APPLICANTS, TOPICS, Call
from kb.text import format_date_cs

from .codes import CallStatus
from .engine import OPST_SITE, CallMatch, EligibilityResult, amount_text, data_freshness

MAX_LISTED = 3


@dataclass(frozen=True)
class Summary:
    text: str
    calls: tuple[Call, ...]  # the calls the text names (their sources are the answer's sources)


def _name(call: Call) -> str:
    return call.name.rstrip(". ")


def _first_upper(text: str) -> str:
    """str.capitalize() would lower the rest ("Kč" → "kč")."""
    return text[:1].upper() + text[1:]


def _verify(call: Call) -> str:
    where = OPST_SITE if OPST_SITE in call.source else "u vyhlašovatele"
    return f"ověřte na {where}, výzva mohla skončit dřív" if where == OPST_SITE else f"ověřte {where}"


def _terms(m: CallMatch) -> str:
    call = m.call
    parts = [f"podpora {amount_text(call)}"]
    if call.applicants:
        parts.append("žádat mohou: " + ", ".join(APPLICANTS[a] for a in call.applicants))
    return "; ".join(parts)


def _next_step(result: EligibilityResult, fallback_name: str) -> str:
    if result.applicant == "obcan" and result.topic == "vzdelavani":
        return "Co dál: o rekvalifikaci se domluvte na svém úřadu práce."
    if result.place is not None and result.place.line:
        return f"Co dál: poraďte se se svou MAS – {result.place.line}"
    return (
        "Co dál: napište mi, ve které obci projekt bude, a řeknu vám, která místní akční skupina (MAS) vám "
        f"s žádostí pomůže; jinak poradí {fallback_name}."
    )


def summarize(result: EligibilityResult, fallback_name: str) -> Summary:
    """The lead of a funding answer (see the module docstring)."""
    who, what = APPLICANTS[result.applicant], TOPICS[result.topic]
    day = format_date_cs(result.date)
    exact = [m for m in result.matches if m.exact]
    by_status = {s: [m for m in exact if m.status is s] for s in CallStatus}
    sentences: list[str] = []
    named: list[CallMatch] = []
    if by_status[CallStatus.OPEN]:
        open_calls = by_status[CallStatus.OPEN][:MAX_LISTED]
        named += open_calls
        fresh = data_freshness([m.call for m in open_calls])
        if len(open_calls) == 1:
            m = open_calls[0]
            sentences.append(
                f"Ano – teď (k {day}) je otevřená {_name(m.call)}: {m.status_detail}"
                f" ({'; '.join(x for x in (fresh, _verify(m.call)) if x)})."
            )
            sentences.append(_first_upper(_terms(m)) + ".")
        else:
            listed = "; ".join(f"{_name(m.call)} – {m.status_detail}" for m in open_calls)
            sentences.append(f"Ano – teď (k {day}) jsou otevřené tyto výzvy: {listed}.")
            if fresh:
                sentences.append(f"Termíny jsou {fresh}; ověřte je u vyhlašovatele, výzva mohla skončit dřív.")
    elif by_status[CallStatus.PLANNED]:
        m = by_status[CallStatus.PLANNED][0]
        named.append(m)
        sentences.append(
            f"Teď (k {day}) otevřená výzva pro tento záměr není; připravuje se {_name(m.call)}: {m.status_detail}."
        )
        sentences.append(_first_upper(_terms(m)) + ".")
    elif not exact:
        sentences.append(
            f"Výzvu ani program, který by výslovně uváděl žadatele typu {who} na téma {what}, v našich datech "
            f"(k {day}) nemáme."
        )
        maybe = [m for m in result.matches if m.call.applicants is None]
        if maybe:  # the topic fits, the source does not say who may apply: said once, as uncertain
            m = maybe[0]
            named.append(m)
            sentences.append(f"Tématem se hodí {_name(m.call)} ({m.status_detail}), zdroj ale neuvádí, kdo smí žádat.")
    elif standing := [m for m in by_status[CallStatus.UNKNOWN] if m.call.ongoing]:
        # A standing programme that fits ("Rekvalifikace hrazené Úřadem práce") says more than the last
        # closed call; that our date for it is old is said with it.
        m = standing[0]
        named.append(m)
        sentences.append(f"Pro žadatele typu {who} na téma {what} je {_name(m.call)} – {m.status_detail}.")
        sentences.append(_first_upper(_terms(m)) + ".")
    else:
        sentences.append(
            f"Teď (k {day}) podle našich údajů není otevřená žádná výzva pro žadatele typu {who} na téma {what}."
        )
        closed = by_status[CallStatus.CLOSED]
        if closed:
            m = closed[0]
            named.append(m)
            fresh = data_freshness([m.call])
            sentences.append(
                f"Naposledy to byla {_name(m.call)} – {m.status_detail}; {_terms(m)}"
                + (f" ({fresh})." if fresh else ".")
            )
        unknown = by_status[CallStatus.UNKNOWN]
        if unknown:
            m = unknown[0]
            named.append(m)
            sentences.append(f"U programu {_name(m.call)} termíny nemáme ověřené – zjistěte je u vyhlašovatele.")
    sentences.append(_next_step(result, fallback_name))
    return Summary(" ".join(sentences), tuple(m.call for m in named))


def status_note(result: EligibilityResult) -> str | None:
    """One line about the calls when the documents answer a funding question: nothing open, or what is."""
    exact = [m for m in result.matches if m.exact]
    if not exact:
        return None
    day = format_date_cs(result.date)
    live = [m for m in exact if m.status in (CallStatus.OPEN, CallStatus.PLANNED)]
    if live:
        m = live[0]
        return f"Výzvy: {_name(m.call)} – {m.status_detail} (stav k {day}; podrobnosti v ověření nároku)."
    who, what = APPLICANTS[result.applicant], TOPICS[result.topic]
    return f"Otevřenou výzvu pro žadatele typu {who} na téma {what} teď (k {day}) v našich datech nemáme."
