"""Places: which municipality of Ústecký kraj a text names, and which MAS serves it.

places = Places.load(Path("knowledge"))        # or Places(PlaceData) from a knowledge snapshot
match = places.resolve("bydlím v Libouchci")    # always a PlaceMatch (NOT_FOUND if nothing)
match = places.find(question)                   # PlaceMatch, or None when no place is named
match = places.by_name("most")                  # /obec <název>, a remembered municipality
match.to_json(); match.ask_json(); match.mas_line(); match.message
"""

from kb.places import OKRESY, Mas, MasStatus, Municipality, PlaceData

from .asks import asks_contact, asks_members
from .cli import cli
from .contacts import contact_summary, contact_text
from .match import FOUND, PlaceMatch, PlaceStatus
from .resolver import MAS_WORD, Places, PlacesDataError

__all__ = [
    "FOUND",
    "MAS_WORD",
    "OKRESY",
    "Mas",
    "MasStatus",
    "Municipality",
    "PlaceData",
    "PlaceMatch",
    "PlaceStatus",
    "Places",
    "PlacesDataError",
    "asks_contact",
    "asks_members",
    "cli",
    "contact_summary",
    "contact_text",
]
