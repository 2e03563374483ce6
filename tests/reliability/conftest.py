"""Reliability tests reuse the Telegram fixtures (fake Bot API server, the real bot against it)."""

from __future__ import annotations

from tests.telegram.conftest import fake_api, running_bot, start_bot

__all__ = ["fake_api", "running_bot", "start_bot"]
