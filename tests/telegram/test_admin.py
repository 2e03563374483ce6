"""Staff features in Telegram (bot.telegram.admin): /konzole links, staff help and menu for admins only, heartbeat."""

from __future__ import annotations

import asyncio
import json
import re

import pytest

from bot.console.auth import redeem
from bot.console.live import read_bot_status
from tests.telegram.fake_bot_api import group_chat, user

pytestmark = pytest.mark.slow

ADMIN = 4242
OTHER = 777


@pytest.fixture
async def staff_bot(start_bot):  # type: ignore[no-untyped-def]
    return await start_bot(index_poll_seconds=1)  # build_application and post_init wire in the staff part


async def test_konzole_gives_admins_a_one_time_link_that_signs_in(staff_bot) -> None:  # type: ignore[no-untyped-def]
    reply = await staff_bot.ask(ADMIN, "/konzole")
    match = re.search(r"(http://127\.0\.0\.1:8080/prihlaseni\?token=[\w-]+)", reply["text"])
    assert match and "10 minut" in reply["text"]
    token = match.group(1).split("token=")[1]
    assert redeem(staff_bot.storage, token, staff_bot.settings.admin_ids)[0] == "ok"
    assert redeem(staff_bot.storage, token, staff_bot.settings.admin_ids)[0] == "used"
    options = staff_bot.api.calls_of("sendMessage")[-1].params["link_preview_options"]
    options = json.loads(options) if isinstance(options, str) else options
    assert options["is_disabled"] is True  # Telegram must not fetch (and so use up) the link for a preview


async def test_konzole_is_not_for_other_users_nor_for_groups(staff_bot) -> None:  # type: ignore[no-untyped-def]
    reply = await staff_bot.ask(OTHER, "/konzole")
    assert "prihlaseni" not in reply["text"] and "Tento příkaz neznám" in reply["text"]
    group = group_chat(-100123)
    in_group = await staff_bot.ask(user(ADMIN), "/konzole", chat=group)
    assert "prihlaseni" not in in_group["text"] and "soukromé zprávě" in in_group["text"]


async def test_help_shows_staff_commands_to_admins_only(staff_bot) -> None:  # type: ignore[no-untyped-def]
    mine = await staff_bot.ask(ADMIN, "/pomoc")
    theirs = await staff_bot.ask(OTHER, "/pomoc")
    assert "/konzole" in mine["text"] and "/mezery" in mine["text"] and "Jak se ptát" in mine["text"]
    assert "/konzole" not in theirs["text"] and "/mezery" not in theirs["text"] and "Jak se ptát" in theirs["text"]


async def test_admins_get_their_own_command_menu(staff_bot) -> None:  # type: ignore[no-untyped-def]
    scoped = [c.params for c in staff_bot.api.calls_of("setMyCommands") if c.params.get("scope")]
    assert len(scoped) == 1, scoped
    scope = json.loads(scoped[0]["scope"]) if isinstance(scoped[0]["scope"], str) else scoped[0]["scope"]
    assert scope == {"type": "chat", "chat_id": ADMIN}
    commands = scoped[0]["commands"]
    commands = json.loads(commands) if isinstance(commands, str) else commands
    names = {c["command"] for c in commands}
    assert {"konzole", "mezery", "statistiky", "start", "pomoc"} <= names
    default = [c.params for c in staff_bot.api.calls_of("setMyCommands") if not c.params.get("scope")]
    default_commands = default[0]["commands"]
    default_commands = json.loads(default_commands) if isinstance(default_commands, str) else default_commands
    assert "konzole" not in {c["command"] for c in default_commands}


async def test_heartbeat_reports_the_index_the_bot_answers_from(staff_bot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(100):
        status = read_bot_status(staff_bot.settings.data_dir)
        if status is not None:
            break
        await asyncio.sleep(0.1)
    assert status is not None and status.build_id == staff_bot.engine.index.build_id
