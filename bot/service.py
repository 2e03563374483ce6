"""The engine as the Telegram layer sees it: a small typed protocol (bot.engine.Engine implements it)."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from bot.answer import Answer
from bot.eligibility import EligibilityResult
from bot.places import Mas, PlaceMatch


class AnswerService(Protocol):
    @property
    def build_id(self) -> str: ...

    @property
    def fallback_contact(self) -> Mas:
        """Who to ask when the user's MAS is not known (the regional MAS association)."""
        ...

    def answer(
        self,
        question: str,
        *,
        obec: str | None = None,
        today: dt.date | None = None,
        previous: str | None = None,
        lang_hint: str | None = None,
    ) -> Answer: ...

    def place(self, name: str) -> PlaceMatch: ...

    def storable_place(self, match: PlaceMatch) -> str | None: ...

    def topic(self, key: str) -> str | None:
        """A suggested topic (document title) by its `bot.answer.topic_key`; None when the index no longer has it."""
        ...

    def check_eligibility(
        self, applicant: str, topic: str, obec: str | None, on: dt.date | None = None
    ) -> EligibilityResult: ...

    def reload_if_changed(self) -> bool: ...
