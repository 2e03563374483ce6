"""What lies outside the knowledge: other regions and countries than the ones the documents speak of.

The documents are about Ústecký kraj (and mention the other coal regions and the EU in passing). A
question about another region is answered only when the quoted text itself speaks of that region;
otherwise a neighbouring passage about Ústecký kraj would answer a question nobody asked.
"""

from __future__ import annotations

import re

from kb.text import fold_lower

# Folded word beginnings of regions and countries people ask about; "moravskoslezsk" before "slezsk".
_REGIONS = (
    "karlovarsk",
    "moravskoslezsk",
    "jihomoravsk",
    "olomouck",
    "zlinsk",
    "pardubick",
    "kralovehradeck",
    "libereck",
    "plzensk",
    "jihocesk",
    "vysocin",
    "stredocesk",
    "polsk",
    "polsko",
    "nemeck",
    "nemecko",
    "sask",
    "luzic",
    "slovensk",
    "rakous",
    "slezsk",
    "horni nitr",
    "madarsk",
    "rumunsk",
    "bulharsk",
    "poland",
    "germany",
    "saxony",
    "slovakia",
    "austria",
    "польщ",
    "німеччин",
    "словаччин",
    "саксон",
)
_PATTERN = re.compile(r"(?<!\w)(" + "|".join(re.escape(r) for r in _REGIONS) + r")\w*")


def regions_named(text: str) -> set[str]:
    """The other regions or countries a text names (as their folded word beginnings)."""
    return {m.group(1) for m in _PATTERN.finditer(fold_lower(text))}


def outside_scope(question: str, quoted: str) -> bool:
    """The question asks about a region the quoted text does not speak of."""
    asked = regions_named(question)
    return bool(asked) and not asked <= regions_named(quoted)
