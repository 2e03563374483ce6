"""Fixed applicant and topic codes (DESIGN.md §2) with their Czech labels, plus date helpers."""

from __future__ import annotations

from datetime import date

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

# territory.type values in knowledge/vyzvy.yaml
TERRITORY_TYPES: dict[str, str] = {
    "kraj": "celý Ústecký kraj",
    "tezba": "jen vymezené území zasažené těžbou uhlí",
    "uhelne_kraje": "uhelné kraje (Karlovarský, Ústecký, Moravskoslezský)",
    "cr": "celá Česká republika",
    "obce": "jen vyjmenované obce (seznam v poli obce)",
    "neuvedeno": "zdroj územní podmínky neuvádí",
}

# Call statuses exactly as DESIGN.md §2 spells them.
OPEN = "otevřená"
PLANNED = "připravovaná"
CLOSED = "uzavřená"
UNKNOWN = "neznámý stav"
STATUS_ORDER = {OPEN: 0, PLANNED: 1, UNKNOWN: 2, CLOSED: 3}

ONGOING = "průběžně"  # `closes` value of standing programmes
AS_OF_UNKNOWN = "neuvedeno"  # `as_of` value when the source carries no date

VERIFY_URL = "https://opst.cz"


def code_list(codes: dict[str, str]) -> str:
    """`obec (obec/město), svazek (svazek obcí), …` for Czech error messages."""
    return ", ".join(f"{code} ({label})" for code, label in codes.items())


def date_cs(value: date) -> str:
    """Czech numeric date: `31. 12. 2024`."""
    return f"{value.day}. {value.month}. {value.year}"


def as_of_cs(value: str | None) -> str:
    """Source date as staff wrote it (`2024-07-01`, `2024-07`, `2024`) in Czech form."""
    if not value:
        return "datum zdroje neuvedeno"
    parts = value.split("-")
    if len(parts) == 3:
        return date_cs(date(int(parts[0]), int(parts[1]), int(parts[2])))
    if len(parts) == 2:
        return f"{int(parts[1])}/{parts[0]}"
    return parts[0]


def money_cs(amount: int) -> str:
    """`500000` → `500 000 Kč`."""
    return f"{amount:,}".replace(",", " ") + " Kč"
