"""MAS cards and the /overit report in Ukrainian and English, built from the engine's structured results.

The MAS cards come in every language from bot.places (`PlaceMatch.in_language`, wording in bot.i18n). The
engine writes the /overit report in Czech (`EligibilityResult.message`, shared with the CLI); Czech users get
exactly that. For uk and en the report's sentences around the data are written here, while names, contacts
and the calls table's own wording (conditions, notes, rates) stay as the sources give them, in Czech.
Everything returned is HTML-escaped plain text with bold headings.
"""

from __future__ import annotations

import datetime as dt

from bot.eligibility import APPLICANTS, TOPICS, EligibilityResult, call_status
from bot.eligibility.codes import CLOSED, OPEN, PLANNED, UNKNOWN, VERIFY_URL, CallStatus, money_cs
from bot.eligibility.engine import CallMatch
from bot.formatting import esc
from bot.places import Mas, PlaceMatch, contact_summary
from bot.render import message_html
from bot.telegram import ui
from kb.text import format_date_cs

CLOSED_SHOWN = 6
_R: dict[str, dict[str, str]] = {
    "uk": {
        "head": "Перевірка: заявник – {who}, тема – {what}{where}, станом на {date}.",
        "where": ", населений пункт {obec}",
        "no_match": "Для заявників типу «{who}» і теми «{what}» у наших даних немає жодного конкурсу чи "
        "програми, де такі заявники були б прямо названі.",
        "no_match_todo": "Що робити зараз: опишіть задум проєкту та порадьтеся зі своєю MAS – вона знає й "
        "менші конкурси та програми, яких у нас немає. Нові конкурси стежте на {url} і на сайті Устецького "
        "краю.",
        "maybe": "Можливо, стосується вас (джерело не вказує, хто може подавати заявку):",
        "open": "Відкриті ({n}):",
        "none_open": "Зараз немає жодного відкритого конкурсу, про який ми знаємо.",
        "planned": "Заплановані:",
        "unknown": "Стан невідомий (терміни не перевірені – уточніть в організатора):",
        "closed": "Закриті (подати заявку вже не можна):",
        "more_closed": "• … і ще {n} старіших закритих конкурсів.",
        "todo": "Що робити зараз: підготуйте проєкт (задум, бюджет, за потреби проєктну документацію), "
        "стежте за новими конкурсами на {url} і на сайті Устецького краю та порадьтеся зі своєю MAS.",
        "validity": "Дані чинні на дати своїх джерел; терміни й умови змінюються. Перш ніж почати, перевірте "
        "актуальний стан на {url} або в організатора.",
        "status": "Стан",
        "programme": "Програма",
        "amount": "Підтримка",
        "conditions": "Умови",
        "note": "Примітка",
        "source": "Джерело",
        "as_of": "станом на {date}",
        "no_date": "дата джерела не вказана",
        "mas": "Ваша MAS: {mas}.",
        "fallback": "Порадить вам {contact}.",
        "s_open": "відкритий",
        "s_planned": "запланований",
        "s_closed": "закритий",
        "s_unknown": "стан невідомий",
        "range": "від {low} до {high}",
        "up_to": "до {high}",
        "from": "від {low}",
        "no_amount": "джерело не вказує розмір підтримки на проєкт",
    },
    "en": {
        "head": "Check: applicant {who}, topic {what}{where}, as of {date}.",
        "where": ", municipality {obec}",
        "no_match": "For applicants of the type “{who}” and the topic “{what}” our data has no call or "
        "programme that explicitly names such applicants.",
        "no_match_todo": "What to do now: write down your project idea and talk to your MAS – it also knows "
        "smaller calls and programmes we do not list. Watch for new calls at {url} and on the Ústí "
        "Region's website.",
        "maybe": "May concern you (the source does not say who may apply):",
        "open": "Open ({n}):",
        "none_open": "No call we know of is open now.",
        "planned": "Planned:",
        "unknown": "Status unknown (dates not verified – check with the provider):",
        "closed": "Closed (no longer open for applications):",
        "more_closed": "• … and {n} more older closed calls.",
        "todo": "What to do now: prepare your project (idea, budget, design documents if needed), watch for "
        "new calls at {url} and on the Ústí Region's website, and talk to your MAS.",
        "validity": "The data is valid as of its sources' dates; deadlines and conditions change. Before you "
        "start, check the current state at {url} or with the provider.",
        "status": "Status",
        "programme": "Programme",
        "amount": "Support",
        "conditions": "Conditions",
        "note": "Note",
        "source": "Source",
        "as_of": "as of {date}",
        "no_date": "source date not given",
        "mas": "Your MAS: {mas}.",
        "fallback": "{contact} can advise you.",
        "s_open": "open",
        "s_planned": "planned",
        "s_closed": "closed",
        "s_unknown": "status unknown",
        "range": "{low} to {high}",
        "up_to": "up to {high}",
        "from": "from {low}",
        "no_amount": "the source does not give the amount per project",
    },
}
_STATUS_KEY = {OPEN: "s_open", PLANNED: "s_planned", CLOSED: "s_closed", UNKNOWN: "s_unknown"}


def _d(value: str | dt.date | None) -> str:
    return format_date_cs(value) or "?"


def place_text(match: PlaceMatch, lang: str) -> str:
    """The MAS card of a municipality (or the question back) as plain text, in `lang` (bot.places.cards)."""
    return match.in_language(lang)


def place_html(match: PlaceMatch, lang: str) -> str:
    """`place_text` escaped for Telegram HTML."""
    return esc(place_text(match, lang))


# --- the /overit report --------------------------------------------------------------------------


def _status_detail(m: CallMatch, on: dt.date, lang: str) -> str:
    """The call's status on `on` in words (the engine's own decision, in the asker's language)."""
    return call_status(m.call, on, lang)[1]


def _amount(m: CallMatch, lang: str) -> str:
    r, c = _R[lang], m.call
    if c.amount_min is not None and c.amount_max is not None:
        text = r["range"].format(low=money_cs(c.amount_min), high=money_cs(c.amount_max))
    elif c.amount_max is not None:
        text = r["up_to"].format(high=money_cs(c.amount_max))
    elif c.amount_min is not None:
        text = r["from"].format(low=money_cs(c.amount_min))
    else:
        text = r["no_amount"]
    return f"{text}; {c.rate}" if c.rate else text


def _status_name(status: CallStatus, lang: str) -> str:
    return _R[lang][_STATUS_KEY[status]]


def _block(m: CallMatch, on: dt.date, lang: str) -> list[str]:
    r, c = _R[lang], m.call
    lines = [f"• {c.name}", f"  {r['status']}: {_status_name(m.status, lang)} – {_status_detail(m, on, lang)}."]
    if c.programme:
        lines.append(f"  {r['programme']}: {c.programme}.")
    lines.append(f"  {r['amount']}: {_amount(m, lang)}.")
    if m.conditions:
        lines.append(f"  {r['conditions']}: " + " ".join(m.conditions))
    if c.note:
        lines.append(f"  {r['note']}: {c.note}")
    when = r["as_of"].format(date=_d(c.as_of)) if c.as_of else r["no_date"]
    lines.append(f"  {r['source']}: {c.source} ({when})")
    return lines


def report_text(result: EligibilityResult, lang: str, fallback: Mas) -> str:
    """The eligibility check as the Czech report says it (`bot.eligibility.engine._message`), in `lang`."""
    if lang not in _R:
        return result.message
    r = _R[lang]
    who = ui.label(ui.APPLICANTS, APPLICANTS, result.applicant, lang)
    what = ui.label(ui.TOPICS, TOPICS, result.topic, lang)
    place = result.place
    obec = place.obec.name if place is not None and place.obec is not None else result.obec
    where = r["where"].format(obec=obec) if obec else ""
    lines = [r["head"].format(who=who, what=what, where=where, date=_d(result.date)), ""]
    if place is not None and place.mas is not None:
        mas_line = r["mas"].format(mas=contact_summary(place.mas))
    else:
        mas_line = r["fallback"].format(contact=contact_summary(fallback))
    if result.no_match:
        lines += [r["no_match"].format(who=who, what=what), r["no_match_todo"].format(url=VERIFY_URL), mas_line]
        if not result.matches:
            return "\n".join(lines)
        lines += ["", r["maybe"]]
    groups = {s: [m for m in result.matches if m.status == s] for s in (OPEN, PLANNED, UNKNOWN, CLOSED)}
    if groups[OPEN]:
        lines.append(r["open"].format(n=len(groups[OPEN])))
        for m in groups[OPEN]:
            lines += _block(m, result.date, lang)
        lines.append("")
    elif not result.no_match:
        lines += [r["none_open"], ""]
    for status, key in ((PLANNED, "planned"), (UNKNOWN, "unknown")):
        if groups[status]:
            lines.append(r[key])
            for m in groups[status]:
                lines += _block(m, result.date, lang)
            lines.append("")
    if groups[CLOSED]:
        lines.append(r["closed"])
        for m in groups[CLOSED][:CLOSED_SHOWN]:
            lines.append(f"• {m.call.name} – {_status_detail(m, result.date, lang)}.")
        hidden = len(groups[CLOSED]) - CLOSED_SHOWN
        if hidden > 0:
            lines.append(r["more_closed"].format(n=hidden))
        lines.append("")
    if not groups[OPEN] and not result.no_match:
        lines.append(r["todo"].format(url=VERIFY_URL))
    if not result.no_match:
        lines.append(mas_line)
    lines.append(r["validity"].format(url=VERIFY_URL))
    return "\n".join(lines)


def report_html(result: EligibilityResult, lang: str, fallback: Mas) -> str:
    """The report as Telegram HTML (first line and headings in bold), with the note that data stays Czech."""
    note = ui.text("ov_czech_names", lang)
    body = message_html(report_text(result, lang, fallback))
    return f"{body}\n\n{note}" if note and lang in _R else body
