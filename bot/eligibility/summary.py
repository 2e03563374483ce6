"""The short answer to a funding question: 2–4 sentences that lead; the full check follows on request.

What fits this applicant and topic, its status on the asked day (with that day and how fresh the
call data are), the key terms of the call, and one next step with the right contact. Everything is
read from the calls table (knowledge/vyzvy.yaml) and said with the call's source; nothing is listed
for applicants a call excludes, and an uncertain item is marked once.

The fixed phrases are in the asker's language (bot.i18n); call names, applicant and topic labels,
amounts and contact lines are the calls table's Czech data and are quoted as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot import i18n
from kb.calls import APPLICANTS, TOPICS, Call
from kb.text import format_date_cs

from .codes import CallStatus
from .engine import OPST_SITE, CallMatch, EligibilityResult, amount_text, call_status, data_freshness

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


def _label(text: str, lang: str) -> str:
    """An applicant or topic label of the calls table: Czech data, quoted when the asker reads another language."""
    return text if i18n.as_lang(lang) == i18n.DEFAULT else f"„{text}“"


def _detail(m: CallMatch, result: EligibilityResult, lang: str) -> str:
    """The call's status on the asked day in the asker's language (the match holds the Czech one)."""
    return m.status_detail if i18n.as_lang(lang) == i18n.DEFAULT else call_status(m.call, result.date, lang)[1]


def _verify(call: Call, lang: str) -> str:
    if OPST_SITE in call.source:
        return i18n.text("verify_site", lang, site=OPST_SITE)
    return i18n.text("verify_issuer", lang)


def _terms(m: CallMatch, lang: str) -> str:
    call = m.call
    if call.amount_min is None and call.amount_max is None:  # not "Podpora výši podpory … neuvádí"
        parts = [i18n.text("amount_unknown", lang) + (f"; {call.rate}" if call.rate else "")]
    else:
        parts = [i18n.text("terms_support", lang, amount=amount_text(call, lang))]
    if call.applicants:
        who = ", ".join(APPLICANTS[a] for a in call.applicants)
        parts.append(i18n.text("terms_applicants", lang, who=who))
    return "; ".join(parts)


def _next_step(result: EligibilityResult, fallback_name: str, lang: str) -> str:
    if result.applicant == "obcan" and result.topic == "vzdelavani":
        return i18n.text("next_retraining", lang)
    if result.place is not None and result.place.line:
        return i18n.text("next_mas", lang, line=result.place.line)
    return i18n.text("next_where", lang, contact=fallback_name)


def _known_first(m: CallMatch) -> tuple[int, tuple[object, ...]]:
    return (m.status is CallStatus.UNKNOWN, m.sort_key())


def summarize(result: EligibilityResult, fallback_name: str, lang: str = i18n.DEFAULT) -> Summary:
    """The lead of a funding answer (see the module docstring)."""
    who, what = _label(APPLICANTS[result.applicant], lang), _label(TOPICS[result.topic], lang)
    day = format_date_cs(result.date) or ""
    exact = [m for m in result.matches if m.exact]
    by_status = {s: [m for m in exact if m.status is s] for s in CallStatus}
    sentences: list[str] = []
    named: list[CallMatch] = []
    if by_status[CallStatus.OPEN]:
        open_calls = by_status[CallStatus.OPEN][:MAX_LISTED]
        named += open_calls
        fresh = data_freshness([m.call for m in open_calls], lang)
        if len(open_calls) == 1:
            m = open_calls[0]
            notes = "; ".join(x for x in (fresh, _verify(m.call, lang)) if x)
            sentences.append(
                i18n.text(
                    "summary_open_one", lang, day=day, name=_name(m.call), detail=_detail(m, result, lang), notes=notes
                )
            )
            sentences.append(_first_upper(_terms(m, lang)) + ".")
        else:
            listed = "; ".join(f"{_name(m.call)} – {_detail(m, result, lang)}" for m in open_calls)
            sentences.append(i18n.text("summary_open_many", lang, day=day, listed=listed))
            if fresh:
                sentences.append(i18n.text("summary_dates", lang, fresh=fresh))
    elif by_status[CallStatus.PLANNED]:
        m = by_status[CallStatus.PLANNED][0]
        named.append(m)
        sentences.append(
            i18n.text("summary_planned", lang, day=day, name=_name(m.call), detail=_detail(m, result, lang))
        )
        sentences.append(_first_upper(_terms(m, lang)) + ".")
    elif not exact:
        sentences.append(i18n.text("summary_none_fits", lang, who=who, what=what, day=day))
        # A call whose dates we know says more than one whose status is unknown too: open, planned, the
        # latest closed, and only then the undated.
        maybe = sorted((m for m in result.matches if m.call.applicants is None), key=_known_first)
        # Calls are for organisations; one whose applicants are unknown is no lead for a household.
        if (
            maybe and result.applicant != "obcan"
        ):  # the topic fits, the source does not say who may apply: said once, as uncertain
            m = maybe[0]
            named.append(m)
            sentences.append(i18n.text("summary_maybe", lang, name=_name(m.call), detail=_detail(m, result, lang)))
    elif standing := [m for m in by_status[CallStatus.UNKNOWN] if m.call.ongoing]:
        # A standing programme that fits ("Rekvalifikace hrazené Úřadem práce") says more than the last
        # closed call; that our date for it is old is said with it.
        m = standing[0]
        named.append(m)
        sentences.append(
            i18n.text("summary_standing", lang, who=who, what=what, name=_name(m.call), detail=_detail(m, result, lang))
        )
        sentences.append(_first_upper(_terms(m, lang)) + ".")
    else:
        sentences.append(i18n.text("summary_none_open", lang, day=day, who=who, what=what))
        closed = by_status[CallStatus.CLOSED]
        if closed:
            m = closed[0]
            named.append(m)
            fresh = data_freshness([m.call], lang)
            last = i18n.text(
                "summary_last", lang, name=_name(m.call), detail=_detail(m, result, lang), terms=_terms(m, lang)
            )
            sentences.append(last + (f" ({fresh})." if fresh else "."))
        unknown = by_status[CallStatus.UNKNOWN]
        if unknown:
            m = unknown[0]
            named.append(m)
            sentences.append(i18n.text("summary_unverified", lang, name=_name(m.call)))
    sentences.append(_next_step(result, fallback_name, lang))
    return Summary(" ".join(sentences), tuple(m.call for m in named))


def status_note(result: EligibilityResult, lang: str = i18n.DEFAULT) -> str | None:
    """One line about the calls when the documents answer a funding question: nothing open, or what is."""
    exact = [m for m in result.matches if m.exact]
    if not exact:
        return None
    day = format_date_cs(result.date) or ""
    live = [m for m in exact if m.status in (CallStatus.OPEN, CallStatus.PLANNED)]
    if live:
        m = live[0]
        return i18n.text("note_live_call", lang, name=_name(m.call), detail=_detail(m, result, lang), day=day)
    who, what = _label(APPLICANTS[result.applicant], lang), _label(TOPICS[result.topic], lang)
    return i18n.text("note_no_call", lang, who=who, what=what, day=day)
