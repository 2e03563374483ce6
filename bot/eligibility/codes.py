"""Call statuses (the words `overit --json` uses) and the Czech formatting of amounts."""

from __future__ import annotations

from enum import StrEnum

from kb.calls import APPLICANTS, ONGOING, TOPICS, code_list


class CallStatus(StrEnum):
    """A call's status on a given day, spelled as `overit --json` reports it."""

    OPEN = "otevřená"
    PLANNED = "připravovaná"
    CLOSED = "uzavřená"
    UNKNOWN = "neznámý stav"


OPEN, PLANNED, CLOSED, UNKNOWN = CallStatus.OPEN, CallStatus.PLANNED, CallStatus.CLOSED, CallStatus.UNKNOWN
STATUS_ORDER = {OPEN: 0, PLANNED: 1, UNKNOWN: 2, CLOSED: 3}
VERIFY_URL = "https://opst.cz"

__all__ = [
    "APPLICANTS",
    "CLOSED",
    "ONGOING",
    "OPEN",
    "PLANNED",
    "STATUS_ORDER",
    "TOPICS",
    "UNKNOWN",
    "VERIFY_URL",
    "CallStatus",
    "code_list",
    "money_cs",
]


def money_cs(amount: int) -> str:
    """`500000` → `500 000 Kč`."""
    return f"{amount:,}".replace(",", " ") + " Kč"
