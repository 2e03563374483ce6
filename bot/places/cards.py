"""The MAS cards in cs, uk or en: the sentences of bot.i18n around the MAS tables' data.

Pure functions, one per card; `Places` (resolver.py) decides which card a text gets and renders it in
every language. Names, addresses, URLs and phone numbers stay as the tables give them; a municipality's
note (why it is in no MAS) is Czech source wording and is said only in the Czech card.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot import i18n
from kb.places import Mas, Municipality

from .contacts import contact_text

ASSOCIATION_HELP = "Krajského sdružení NS MAS ČR Ústeckého kraje"  # genitive, "u …" (the Czech card only)


def where(muni: Municipality, lang: str) -> str:
    """ "Bílina (okres Teplice)" / "Bílina (округ Teplice)" / "Bílina (Teplice district)"."""
    return i18n.text("card_where", lang, obec=muni.name, okres=muni.okres)


def _contacts(mas: Mas, lang: str, today: dt.date | None) -> str:
    return contact_text(mas, today=today, lang=lang)


def _fuzzy(muni: Municipality, lang: str, fuzzy: bool) -> list[str]:
    return [i18n.text("card_fuzzy", lang, where=where(muni, lang))] if fuzzy else []


def missing_contacts(mas: Mas, lang: str) -> list[str]:
    """The sentence saying which of e-mail and phone the tables lack (none when both are there)."""
    missing = [i18n.text(f"card_missing_{kind}", lang) for kind in ("email", "phone") if mas.contact(kind) is None]
    if not missing:
        return []
    sentence = i18n.text("card_missing", lang, what=i18n.text("card_missing_nor", lang).join(missing))
    return [sentence[:1].upper() + sentence[1:]]


def assigned(muni: Municipality, mas: Mas, lang: str, *, fuzzy: bool, today: dt.date | None) -> str:
    """A municipality with a verified MAS: the MAS and its contacts."""
    return "\n".join(
        [
            *_fuzzy(muni, lang, fuzzy),
            i18n.text("card_belongs", lang, where=where(muni, lang), mas=mas.name.rstrip(".")),
            i18n.text("card_contact", lang, contacts=_contacts(mas, lang, today)),
            *missing_contacts(mas, lang),
            i18n.text("card_advise", lang),
        ]
    )


def no_mas(
    muni: Municipality, helpers: Sequence[Mas], fallback: Mas, lang: str, *, fuzzy: bool, today: dt.date | None
) -> str:
    """A municipality in no MAS's territory: who helps instead."""
    reason = f" ({muni.note})" if muni.note and lang == i18n.DEFAULT else ""
    listed = "\n".join(f"– {h.name}: {_contacts(h, lang, today)}" for h in helpers)
    return "\n".join(
        [
            *_fuzzy(muni, lang, fuzzy),
            i18n.text("card_no_mas", lang, where=where(muni, lang), reason=reason),
            i18n.text("card_helpers", lang),
            listed,
            f"– {fallback.name}: {_contacts(fallback, lang, today)}",
        ]
    )


def okres_candidates(okres: str, candidates: Sequence[Mas], fallback: Mas, lang: str, today: dt.date | None) -> str:
    """The MAS active in an okres, and who tells which of them a municipality belongs to."""
    if candidates:
        lines = [i18n.text("card_in_okres", lang, okres=okres)]
        lines += [f"– {m.name}: {_contacts(m, lang, today)}" for m in candidates]
    else:
        lines = [i18n.text("card_none_in_okres", lang, okres=okres)]
    contacts = _contacts(fallback, lang, today)
    office = i18n.text("card_ask_office", lang, association=ASSOCIATION_HELP, name=fallback.name, contacts=contacts)
    return "\n".join([*lines, office])


def unknown(
    muni: Municipality, candidates: Sequence[Mas], fallback: Mas, lang: str, *, fuzzy: bool, today: dt.date | None
) -> str:
    """A municipality whose MAS is not verified: the MAS of its okres, never a guess."""
    return "\n".join(
        [
            *_fuzzy(muni, lang, fuzzy),
            i18n.text("card_unknown", lang, where=where(muni, lang)),
            okres_candidates(muni.okres, candidates, fallback, lang, today),
        ]
    )


def area(
    okres: str, region: str | None, candidates: Sequence[Mas], fallback: Mas, lang: str, *, today: dt.date | None
) -> str:
    """An okres or region without a municipality: the question back, and the MAS of the okres."""
    if region:
        said = i18n.text("card_area_region", lang, region=region, okres=okres)
    else:
        said = i18n.text("card_area_okres", lang, okres=okres)
    return "\n".join(
        [i18n.text("card_area", lang, area=said), okres_candidates(okres, candidates, fallback, lang, today)]
    )


def ambiguous(options: Sequence[Municipality], lang: str, *, fuzzy: bool) -> str:
    """Several municipalities match: which one?"""
    listed = ", ".join(where(m, lang) for m in options)
    if len({m.name for m in options}) == 1 and not fuzzy:
        return i18n.text("card_same_name", lang, name=options[0].name, listed=listed, okres=options[-1].okres)
    return i18n.text("card_ambiguous", lang, listed=listed)


def not_found(suggestions: Sequence[Municipality], lang: str) -> str:
    """No municipality recognised, with "did you mean …?" when a name is close."""
    text = i18n.text("card_not_found", lang)
    if not suggestions:
        return text
    listed = [where(m, lang) for m in suggestions]
    options = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + i18n.text("card_or", lang) + listed[-1]
    return f"{text} {i18n.text('card_did_you_mean', lang, options=options)}"


def mas_contact(mas: Mas, lang: str, *, today: dt.date | None) -> str:
    """The contact card of a MAS asked for by name."""
    key = "card_mas_okres" if len(mas.okresy) == 1 else "card_mas_okresy"
    active = i18n.text(key, lang, okresy=", ".join(mas.okresy)) if mas.okresy else ""
    return "\n".join(
        [
            i18n.text("card_mas_contact", lang, name=mas.name, where=active, contacts=_contacts(mas, lang, today)),
            *missing_contacts(mas, lang),
            f"{i18n.text('card_advise', lang)} {i18n.text('card_which_mas', lang)}",
        ]
    )


def members(mas: Mas, verified: Sequence[Municipality], unverified: int, lang: str, *, today: dt.date | None) -> str:
    """The municipalities a MAS serves as far as the table verifies them, and how many are not verified."""
    if verified:
        names = ", ".join(m.name for m in verified)
        lines = [i18n.text("card_members", lang, mas=mas.short_name, count=str(len(verified)), names=names)]
    else:
        lines = [i18n.text("card_no_members", lang, mas=mas.short_name)]
    if unverified:
        okresy = ", ".join(mas.okresy)
        lines.append(i18n.text("card_members_partial", lang, okresy=okresy, count=str(unverified), mas=mas.short_name))
    lines.append(i18n.text("card_contact", lang, contacts=_contacts(mas, lang, today)))
    return "\n".join(lines)
