"""Webhook mode: setWebhook with URL and secret; requests without the right secret are rejected."""

from __future__ import annotations

import socket

import aiohttp
import pytest

from bot.config import Settings
from bot.storage import Storage
from bot.telegram.app import build_application, post_init, post_shutdown
from bot.telegram.webhook import WebhookServer
from tests.telegram.conftest import TOKEN
from tests.telegram.fake_bot_api import message_update, private_chat, user

pytestmark = pytest.mark.slow
SECRET = "s3cret-Token_for-tests"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_webhook_rejects_requests_without_the_secret(fake_api, engine, tmp_path) -> None:
    port = free_port()
    settings = Settings(
        _env_file=None, telegram_bot_token=TOKEN, telegram_base_url=fake_api.base_url,
        webhook_url="https://bot.example.cz/telegram/pruvodce", webhook_listen="127.0.0.1",
        webhook_port=port, webhook_secret=SECRET, data_dir=tmp_path / "var",
        knowledge_dir=engine.settings.knowledge_dir,
    )  # fmt: skip
    storage = Storage.open(settings.database_path)
    app = build_application(settings, engine, storage)
    await app.initialize()
    await post_init(app)
    server = WebhookServer(app, settings, SECRET)
    await server.start()
    await app.start()
    try:
        (call,) = fake_api.calls_of("setWebhook")
        assert call.params["url"] == settings.webhook_url and call.params["secret_token"] == SECRET

        url = f"http://127.0.0.1:{port}/telegram/pruvodce"
        fake_api.add_chat(private_chat(1))
        body = {"update_id": 1, **message_update(user(1), "/pomoc")}
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with http.post(url, json=body, headers=headers) as resp:
                    assert resp.status == 403
            async with http.post(url, json=body, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as resp:
                assert resp.status == 200
        (reply,) = await fake_api.wait_for_messages(1, 1)
        assert "Jak se ptát" in reply["text"]
        assert len(fake_api.sent_to(1)) == 1  # the rejected requests were never processed
    finally:
        await server.stop()
        await app.stop()
        await app.shutdown()
        await post_shutdown(app)
        storage.close()
