"""Eligibility check ("can we get money for this?") over the calls table `knowledge/vyzvy.yaml`.

`Calls` (`.load`, `.check`, `.check_question`) returns an `EligibilityResult` (`.message`,
`.to_json()`); `detect` recognises free-text funding questions; `cli` is `python -m bot overit`.
"""

from __future__ import annotations

from kb.calls import Call, Territory, read_calls
from kb.calls import validate_calls as validate

from .cli import cli
from .codes import APPLICANTS, CLOSED, ONGOING, OPEN, PLANNED, TOPICS, UNKNOWN, CallStatus
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
    "CallStatus",
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
