"""How a MAS's contacts are written in Czech — one place, so every reply says it the same way."""

from __future__ import annotations

import datetime as dt

from kb.places import Mas
from kb.text import partial_date_start

LABELS = {"web": "web", "email": "e-mail", "phone": "tel.", "address": "adresa"}
OLD_CONTACT_YEARS = 2  # older contacts are shown with their year so people know to double-check


def contact_text(mas: Mas, *, address: bool = True, today: dt.date | None = None) -> str:
    """`web …; e-mail …; tel. …` with a contact's year when the source is more than two years old."""
    today = today or dt.date.today()
    parts = []
    for c in mas.contacts:
        if c.kind == "address" and not address:
            continue
        text = f"{LABELS[c.kind]} {c.value}"
        if c.kind != "web" and c.as_of and _age_years(c.as_of, today) > OLD_CONTACT_YEARS:
            text += f" (údaj z roku {c.as_of[:4]})"
        parts.append(text)
    return "; ".join(parts) if parts else "kontakt v našich zdrojích zatím nemáme"


def contact_summary(mas: Mas) -> str:
    """Name with the short contact list in brackets: for "obraťte se na …" sentences."""
    contacts = ", ".join(x for x in (mas.web, mas.email, mas.phone) if x)
    return f"{mas.name} ({contacts})" if contacts else mas.name


def _age_years(as_of: str, today: dt.date) -> float:
    try:
        return (today - partial_date_start(as_of)).days / 365.25
    except ValueError:
        return 0.0
