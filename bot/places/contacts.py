"""How a MAS's contacts are written — one place, so every reply says it the same way (in cs, uk or en)."""

from __future__ import annotations

import datetime as dt

from bot import i18n
from kb.places import Mas
from kb.text import partial_date_start

OLD_CONTACT_YEARS = 2  # older contacts are shown with their year so people know to double-check


def contact_text(mas: Mas, *, address: bool = True, today: dt.date | None = None, lang: str = i18n.DEFAULT) -> str:
    """`web …; e-mail …; tel. …` with a contact's year when the source is more than two years old.

    Only the labels follow `lang`; the values (URLs, numbers, addresses) stay as the MAS table gives them."""
    today = today or dt.date.today()
    parts = []
    for c in mas.contacts:
        if c.kind == "address" and not address:
            continue
        text = f"{i18n.text(f'contact_{c.kind}', lang)} {c.value}"
        if c.kind != "web" and c.as_of and _age_years(c.as_of, today) > OLD_CONTACT_YEARS:
            text += f" ({i18n.text('contact_old', lang, year=c.as_of[:4])})"
        parts.append(text)
    return "; ".join(parts) if parts else i18n.text("contact_none", lang)


def contact_summary(mas: Mas) -> str:
    """Name with the short contact list in brackets: for "obraťte se na …" sentences (no words to translate)."""
    contacts = ", ".join(x for x in (mas.web, mas.email, mas.phone) if x)
    return f"{mas.name} ({contacts})" if contacts else mas.name


def _age_years(as_of: str, today: dt.date) -> float:
    try:
        return (today - partial_date_start(as_of)).days / 365.25
    except ValueError:
        return 0.0
