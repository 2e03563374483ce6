"""Periodic housekeeping of the running bot: bounded per-user state and the retention rules.

* ``user_data`` of every person who ever wrote would otherwise stay in memory (and in the state file)
  for good: entries not touched for ``USER_DATA_TTL_S`` are dropped, and beyond ``MAX_USERS`` the
  least recently seen go first. What is lost is harmless: the id of someone's last answer (/zdroje)
  and an /overit dialog long timed out.
* ``Storage.purge`` applies the retention of question texts (90 days) and stored answers (30 days):
  at start and every ``PURGE_EVERY_S``.
"""

from __future__ import annotations

import asyncio
import logging
import time

from bot.telegram.conversation import sweep_chat_data
from bot.telegram.services import BotApplication, app_services
from bot.telegram.state import SEEN

log = logging.getLogger(__name__)

USER_DATA_TTL_S = 7 * 24 * 3600
MAX_USERS = 5000
SWEEP_EVERY_S = 60.0
PURGE_EVERY_S = 6 * 3600.0


def sweep_user_data(
    app: BotApplication, now: float | None = None, *, ttl: float = USER_DATA_TTL_S, max_users: int = MAX_USERS
) -> int:
    """Drop stale and surplus ``user_data``; returns how many users were dropped."""
    now = time.time() if now is None else now
    ages: list[tuple[float, int]] = []
    stale: list[int] = []
    for user_id, data in list(app.user_data.items()):
        seen = data.get(SEEN) if isinstance(data, dict) else None
        if not isinstance(seen, int | float) or now - seen > ttl:
            stale.append(user_id)
        else:
            ages.append((seen, user_id))
    ages.sort()
    surplus = [user_id for _, user_id in ages[: max(0, len(ages) - max_users)]]
    for user_id in (*stale, *surplus):
        app.drop_user_data(user_id)
    return len(stale) + len(surplus)


async def maintenance_loop(
    app: BotApplication, sweep_every: float = SWEEP_EVERY_S, purge_every: float = PURGE_EVERY_S
) -> None:
    """Purge now, then sweep and purge on their periods; errors are logged, the loop goes on."""
    store = app_services(app).store
    last_purge = -purge_every
    while True:
        try:
            if time.monotonic() - last_purge >= purge_every:
                last_purge = time.monotonic()
                removed = await store.purge()
                if removed:
                    log.info("Retention: %d old question texts or stored answers removed", removed)
            dropped = sweep_user_data(app)
            if dropped:
                log.info("Forgot the in-memory state of %d inactive users", dropped)
            sweep_chat_data(app)  # follow-ups, repeats and the MAS footer expire within half an hour
        except Exception:
            log.exception("Housekeeping failed; trying again later")
        await asyncio.sleep(sweep_every)
