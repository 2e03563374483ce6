"""Issue 15 (5) and (9, webhook): one unreadable or replayed update never stalls or doubles answers.

Polling: the real Application polls the fake Bot API, which serves updates python-telegram-bot
cannot de-serialise. Webhook: real HTTP requests to the bot's webhook server.
"""

from __future__ import annotations

import json
import logging
import socket

import aiohttp
import pytest

from bot.config import Settings
from bot.storage import Storage
from bot.telegram.app import build_application, post_init, post_shutdown
from bot.telegram.webhook import RecentIds, WebhookServer
from tests.telegram.conftest import TOKEN
from tests.telegram.fake_bot_api import message_update, private_chat, user

pytestmark = pytest.mark.slow

UNREADABLE = [
    {"message": {"message_id": 1, "date": 1, "chat": 5, "text": "chat is not an object"}},
    {"message": "not an object at all"},
    {"callback_query": {"id": "1"}},  # required fields missing
]


async def test_unreadable_updates_are_skipped_once_and_everyone_else_is_answered(start_bot, caplog) -> None:
    caplog.set_level(logging.INFO)
    bot = await start_bot()
    bad = [bot.api.inject_raw(UNREADABLE[0])]
    bot.send_text(13_001, "/pomoc")
    bad += [bot.api.inject_raw(body) for body in UNREADABLE[1:]]  # the last update of the batch is bad
    assert "Jak se ptát" in (await bot.wait_for_messages(1, 13_001))[0]["text"]
    assert "Průvodce transformací" in (await bot.ask(13_002, "/start"))["text"]
    await bot.api.wait_for(lambda: bot.api.pending_updates == 0)  # Telegram was told to forget them all

    skipped = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Skipped update")]
    assert sorted(int(line.split()[2].rstrip(":")) for line in skipped) == bad  # each logged once
    assert all(TOKEN not in line for line in skipped)
    assert "Error while parsing updates" not in caplog.text  # PTB's CRITICAL dump of the whole batch
    # never asked again for a batch starting at a bad update after it was seen
    offsets = [c.params.get("offset") for c in bot.api.calls_of("getUpdates")]
    assert sum(1 for o in offsets if o in bad) <= 1, offsets


async def test_polling_network_errors_are_retried_with_one_line_each(start_bot, caplog) -> None:
    caplog.set_level(logging.INFO)
    bot = await start_bot()
    await bot.sync(13_101)
    bot.api.fail("getUpdates", 502, "Bad Gateway", times=3)

    def failed() -> list:
        return [c for c in bot.api.calls if c.method == "getUpdates" and c.status == 502]

    await bot.api.wait_for(lambda: len(failed()) == 3, timeout=60)
    reply = await bot.ask(13_101, "/pomoc", timeout=60)  # polling recovered
    assert "Jak se ptát" in reply["text"]
    network = [r for r in caplog.records if "Telegram network problem" in r.getMessage()]
    assert len(network) == 3 and all(r.exc_info is None for r in network)


# --- webhook ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SECRET = "webhook-secret-for-tests"


@pytest.fixture
async def webhook_bot(fake_api, engine, tmp_path):
    port = free_port()
    settings = Settings(
        _env_file=None, telegram_bot_token=TOKEN, telegram_base_url=fake_api.base_url,
        webhook_url="https://bot.example.cz/hook", webhook_port=port, webhook_secret=SECRET,
        data_dir=tmp_path / "var", knowledge_dir=engine.settings.knowledge_dir,
    )  # fmt: skip
    app = build_application(settings, engine, Storage.open(settings.database_path))
    await app.initialize()
    await post_init(app)
    server = WebhookServer(app, settings, SECRET)
    await server.start()
    await app.start()
    try:
        yield f"http://127.0.0.1:{port}/hook", server
    finally:
        await server.stop()
        await app.stop()
        await app.shutdown()
        await post_shutdown(app)


async def post(
    url: str, body: bytes | dict | list, secret: str = SECRET, content_type: str = "application/json"
) -> int:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Content-Type": content_type, "X-Telegram-Bot-Api-Secret-Token": secret}
    async with aiohttp.ClientSession() as http, http.post(url, data=data, headers=headers) as resp:
        return resp.status


async def test_webhook_rejects_what_is_not_an_update_and_answers_a_replay_once(fake_api, webhook_bot, caplog) -> None:
    url, server = webhook_bot
    fake_api.add_chat(private_chat(14_001))
    update = {"update_id": 500, **message_update(user(14_001), "/pomoc")}
    assert await post(url, b"{not json") == 400
    assert await post(url, b"\xff\xfe") == 400
    assert await post(url, [1, 2]) == 400
    assert await post(url, {"message": update["message"]}) == 400  # no update_id
    assert await post(url, update, secret="wrong") == 403
    assert await post(url, update) == 200
    assert await post(url, update) == 200  # Telegram re-delivers after a timeout: not answered twice
    assert await post(url, {"update_id": 501, **UNREADABLE[0]}) == 200  # unreadable: dropped, not retried
    assert await post(url, {"update_id": 502, **message_update(user(14_001), "/start")}) == 200
    msgs = await fake_api.wait_for_messages(2, 14_001)
    await fake_api.wait_for(lambda: len(fake_api.sent_to(14_001)) >= 2)
    assert "Jak se ptát" in msgs[0]["text"] and "Průvodce transformací" in msgs[1]["text"]
    assert len(fake_api.sent_to(14_001)) == 2
    assert server.receiver.skipped == 1 and "Skipped update 501" in caplog.text
    assert fake_api.errors == []


def test_recent_ids_remember_a_bounded_number() -> None:
    recent = RecentIds(size=3)
    assert [recent.add(i) for i in (1, 2, 3, 1)] == [True, True, True, False]
    assert recent.add(4) and len(recent) == 3
    assert recent.add(1)  # forgotten after three newer ids
