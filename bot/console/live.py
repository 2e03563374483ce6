"""Is a saved change live? The published index's file hashes, the rebuild worker and the bot's heartbeat.

The running bot (``bot.telegram.admin``) writes ``DATA_DIR/bot_status.json`` with the build id of
the index it answers from; the console compares it with the published build that contains a change.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.console.files import atomic_write

STATUS_FILE = "bot_status.json"


@dataclass(frozen=True)
class BotStatus:
    build_id: str | None
    at: datetime
    pid: int

    def fresh(self, poll_seconds: float, now: datetime | None = None) -> bool:
        """Heard from recently enough to trust (the bot writes at least every poll period)."""
        age = ((now or datetime.now(UTC)) - self.at).total_seconds()
        return age <= max(3 * poll_seconds, 90)


def write_bot_status(data_dir: Path, build_id: str | None) -> None:
    payload = {"build_id": build_id, "at": datetime.now(UTC).isoformat(timespec="seconds"), "pid": os.getpid()}
    atomic_write(Path(data_dir) / STATUS_FILE, json.dumps(payload) + "\n")


def read_bot_status(data_dir: Path) -> BotStatus | None:
    try:
        raw = json.loads((Path(data_dir) / STATUS_FILE).read_text(encoding="utf-8"))
        return BotStatus(raw.get("build_id"), datetime.fromisoformat(raw["at"]), int(raw.get("pid", 0)))
    except (OSError, ValueError, KeyError, TypeError):
        return None


@dataclass(frozen=True)
class ChangeState:
    code: str  # pending | building | failed | indexed | live | superseded
    label: str  # Czech, for staff

    @property
    def done(self) -> bool:
        return self.code in ("live", "failed", "superseded")

    @property
    def in_index(self) -> bool:
        return self.code in ("indexed", "live")


def change_state(
    *,
    build_status: str,
    build_error: str | None,
    relative: str,
    new_hash: str,
    deleted: bool,
    index_files: dict[str, str] | None,
    index_build: str | None,
    building: bool,
    bot: BotStatus | None,
    poll_seconds: float,
) -> ChangeState:
    if build_status == "pending":
        if building:
            return ChangeState("building", "Index se právě sestavuje…")
        return ChangeState("pending", "Čeká na sestavení indexu.")
    if build_status == "failed":
        return ChangeState(
            "failed",
            f"Do indexu se nedostala: {build_error or 'sestavení selhalo'} Bot dál používá poslední funkční index.",
        )
    files = index_files or {}
    present = relative not in files if deleted else files.get(relative) == new_hash
    if not present:
        return ChangeState("superseded", "Soubor se od té doby znovu změnil; platí novější verze.")
    if bot is not None and bot.fresh(poll_seconds) and bot.build_id == index_build:
        return ChangeState("live", "Živě: bot už odpovídá podle této verze.")
    if bot is not None and bot.fresh(poll_seconds):
        return ChangeState("indexed", f"V indexu. Běžící bot si ho načte nejpozději do {int(poll_seconds)} s.")
    return ChangeState(
        "indexed", f"V indexu. Běžící bot si ho načte nejpozději do {int(poll_seconds)} s (stav bota není známý)."
    )
