"""Eligibility check ("can we get money for this?") over knowledge/vyzvy.yaml.

Public API (CONTRACTS, DESIGN.md §2): `APPLICANTS`, `TOPICS`, `Calls` (`.load`, `.check`),
`EligibilityResult` (`.message`, `.to_json()`), `detect`, `validate`, `cli`.
"""

from __future__ import annotations

from .cli import cli
from .codes import APPLICANTS, CLOSED, ONGOING, OPEN, PLANNED, TOPICS, UNKNOWN
from .data import Call, Territory, read_calls, validate
from .detect import detect
from .engine import CallMatch, Calls, EligibilityResult, UnknownCode, call_status

__all__ = [
    "APPLICANTS",
    "CLOSED",
    "ONGOING",
    "OPEN",
    "PLANNED",
    "TOPICS",
    "UNKNOWN",
    "Call",
    "CallMatch",
    "Calls",
    "EligibilityResult",
    "Territory",
    "UnknownCode",
    "call_status",
    "cli",
    "detect",
    "read_calls",
    "validate",
]
