"""How fresh the knowledge is: the newest source date of every document and table, for `index check`.

Time-sensitive material — calls and their deadlines, contacts, support amounts — goes stale first; when
its newest source is older than six months, staff get a warning, oldest first, so they know what to
refresh. Dates are compared at the precision the source gives (a month counts from its last day).
"""

from __future__ import annotations

import datetime as dt
import re

from kb.calls import Call
from kb.documents import Document
from kb.places import PlaceData
from kb.problems import Problem, Severity
from kb.text import format_date_cs, partial_date_end

STALE_AFTER_DAYS = 183  # about six months
# A document is time-sensitive when it speaks of calls, deadlines, contacts or amounts of support.
_TIME_SENSITIVE = re.compile(
    r"výzv\w*|příjem žádostí|uzávěrk\w*|\bdo \d{1,2}\. ?\d{1,2}\. ?\d{4}|\bKč\b|tel\.|e-mail|@|"
    r"podpor\w* v nezaměstnanosti",
    re.IGNORECASE,
)


def _newest(dates: list[str]) -> str | None:
    dated = [d for d in dates if d]
    return max(dated, key=partial_date_end) if dated else None


def _age_days(as_of: str, today: dt.date) -> int:
    return (today - partial_date_end(as_of)).days


def freshness_report(
    documents: tuple[Document, ...],
    calls: tuple[Call, ...],
    places: PlaceData | None,
    knowledge_name: str,
    today: dt.date,
) -> list[Problem]:
    """One summary line per document and table (its newest source date), warnings for stale time-sensitive ones."""
    rows: list[tuple[str, str | None, bool]] = []  # (file, newest source date, time-sensitive)
    for doc in documents:
        rows.append((doc.file, _newest([s.as_of or "" for s in doc.sources]), bool(_TIME_SENSITIVE.search(doc.body))))
    if calls:
        rows.append((f"{knowledge_name}/vyzvy.yaml", _newest([c.as_of or "" for c in calls]), True))
    if places is not None:
        contact_dates = [c.as_of or "" for m in [*places.mas.values(), places.association] for c in m.contacts]
        rows.append((f"{knowledge_name}/mas.yaml", _newest(contact_dates), True))
    problems: list[Problem] = []
    stale = []
    for file, newest, sensitive in rows:
        when = format_date_cs(newest) if newest else "bez data"
        problems.append(Problem(file, None, Severity.INFO, f"Nejnovější zdroj: {when}."))
        if sensitive and newest and _age_days(newest, today) > STALE_AFTER_DAYS:
            stale.append((partial_date_end(newest), file, when))
    for _, file, when in sorted(stale):
        problems.append(
            Problem(
                file,
                None,
                Severity.WARNING,
                f"Časově citlivé údaje (výzvy, termíny, kontakty nebo částky) mají nejnovější zdroj z {when} – "
                "starší než půl roku. Ověřte je u zdroje a obnovte datum „as_of“.",
            )
        )
    return problems
