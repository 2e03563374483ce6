"""End to end: the real Application over HTTP to the fake Bot API, real Engine, real SQLite."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from bot.telegram import texts, ui
from tests.telegram.fake_bot_api import (
    BOT_USERNAME,
    buttons,
    channel_post_update,
    edited_message_update,
    group_chat,
    message_update,
    private_chat,
    user,
)
from tests.telegram.tg_html import check_telegram_html

pytestmark = pytest.mark.slow

QUESTION = "Kolik může úřad práce zaplatit za rekvalifikaci?"  # answered from a quoted passage


def answer_ids(msg: dict) -> set[str]:
    return {b["callback_data"].split(":")[-1] for b in buttons(msg) if b.get("callback_data", "").startswith("fb:")}


def all_sent_html_valid(api) -> None:
    assert api.errors == [], api.errors
    for msg in api.sent:
        check_telegram_html(msg["html"])


async def test_conversation_start_question_feedback_obec_smazat(running_bot) -> None:
    bot, api = running_bot, running_bot.api
    uid = 1001

    # /start: who, what, privacy, /smazat; the Czech command menu is registered
    start = await bot.ask(uid, "/start")
    assert "Průvodce transformací" in start["text"] and "Soukromí" in start["text"] and "/smazat" in start["text"]
    commands = {c["command"]: c["description"] for c in api.commands}
    assert {"start", "pomoc", "obec", "mas", "zdroje", "smazat"} <= set(commands)
    assert "obec" in commands["obec"].lower()

    # a question: short answer, sources as links with dates, buttons
    answer = await bot.ask(uid, QUESTION)
    assert api.calls_of("sendChatAction"), "typing indicator"
    assert '<a href="http' in answer["html"] and "stav k" in answer["html"]
    assert answer["text"].index("Zdroje:") > 20  # the answer comes first
    data = {b["callback_data"] for b in buttons(answer)}
    (aid,) = answer_ids(answer)
    assert {f"fb:up:{aid}", f"fb:dn:{aid}", f"src:{aid}", "mas"} <= data
    assert all(len(d.encode()) <= 64 for d in data)

    # 👍: answered first, stored without user id, feedback buttons removed
    bot.press(f"fb:up:{aid}", uid)
    await bot.wait_for_call("answerCallbackQuery")
    assert api.calls_of("answerCallbackQuery")[-1].params.get("text") == ui.text("feedback_thanks")
    stored_msg = api.messages[(uid, answer["message_id"])]
    await api.wait_for(lambda: not any(b["callback_data"].startswith("fb:") for b in buttons(stored_msg)))
    db = sqlite3.connect(bot.settings.database_path)
    query = "SELECT answer_id, question, sources, vote FROM feedback"
    rows = await api.wait_for(lambda: db.execute(query).fetchall())  # recorded in the background
    assert rows == [(aid, QUESTION, rows[0][2], 1)] and rows[0][2].startswith("http")

    # "Zobrazit zdroj": the passage behind the answer
    bot.press(f"src:{aid}", uid)
    passage = (await bot.wait_for_messages(3, uid))[-1]
    assert "<blockquote>" in passage["html"]

    # /zdroje: the sources of the last answer
    sources = await bot.ask(uid, "/zdroje")
    assert "Zdroje poslední odpovědi" in sources["text"] and '<a href="http' in sources["html"]

    # /obec Most: remembered, MAS confirmed
    most = bot.engine.places.by_name("Most")
    confirm = await bot.ask(uid, "/obec Most")
    assert "Most" in confirm["text"] and most.message.split("\n")[0] in confirm["text"]
    await api.wait_for(lambda: bot.storage.get_obec(uid) == most.obec.name)  # written in the background

    # the next answer ends with the MAS line
    again = await bot.ask(uid, "Kdo může žádat o dotaci z OPST?")
    assert most.mas_line() and again["text"].rstrip().endswith(most.mas_line())

    # "Moje MAS" button and /mas
    mas_reply = await bot.ask(uid, "/mas")
    assert mas_reply["text"] == most.message

    # /smazat: nothing left about the user
    deleted = await bot.ask(uid, "/smazat")
    assert deleted["text"] == ui.text("deleted")
    assert bot.storage.get_obec(uid) is None
    assert uid not in bot.app.user_data or not bot.app.user_data[uid]
    assert "Zatím nevím" in (await bot.ask(uid, "/mas"))["text"]
    assert (await bot.ask(uid, "/zdroje"))["text"] == ui.text("no_last_answer")
    all_sent_html_valid(api)


async def test_question_naming_a_municipality_is_remembered(running_bot) -> None:
    bot = running_bot
    reply = await bot.ask(1002, "Která MAS pomůže obci Litvínov s dotací?")
    litvinov = bot.engine.places.by_name("Litvínov")
    await bot.api.wait_for(lambda: bot.storage.get_obec(1002) == litvinov.obec.name)
    assert "Zapamatoval jsem si obec" in reply["text"]
    all_sent_html_valid(bot.api)


async def test_group_answers_only_when_addressed(running_bot) -> None:
    bot, api = running_bot, running_bot.api
    group = group_chat(-100500)
    member = user(2001)
    bot.send_text(member, QUESTION, chat=group)  # not addressed: ignored
    bot.send_text(member, "/neznamy", chat=group)  # unknown command without @bot: ignored
    help_msg = await bot.ask(member, f"/pomoc@{BOT_USERNAME}", chat=group)
    assert "Jak se ptát" in help_msg["text"]
    assert len(bot.messages(group["id"])) == 1

    mentioned = await bot.ask(member, f"@{BOT_USERNAME} {QUESTION}", chat=group)
    assert answer_ids(mentioned)
    reply_call = [c for c in api.calls_of("sendMessage") if c.params["chat_id"] == group["id"]][-1]
    assert "reply_parameters" in reply_call.params  # quotes the question in groups

    bot_msg = bot.messages(group["id"])[-1]
    replied = await bot.ask(member, "A kdo může žádat?", chat=group, reply_to=bot_msg)
    assert replied["text"]  # a reply to the bot counts as addressed
    bot.send_text(member, "A kdo může žádat?", chat=group, reply_to={**bot_msg, "from": user(2002)})
    await bot.ask(member, f"/pomoc@{BOT_USERNAME}", chat=group)
    assert len(bot.messages(group["id"])) == 3 + 1  # the reply to another user was ignored
    all_sent_html_valid(api)


async def test_group_reply_to_bot_is_answered(running_bot) -> None:
    bot = running_bot
    group = group_chat(-100501)
    member = user(2003)
    first = await bot.ask(member, f"@{BOT_USERNAME} {QUESTION}", chat=group)
    bot.send_text(member, "Kdo může žádat o dotaci z OPST?", chat=group, reply_to=first)
    msgs = await bot.wait_for_messages(2, group["id"])
    assert answer_ids(msgs[1])


async def test_admin_commands_are_refused_to_others(running_bot) -> None:
    from tests.telegram.conftest import ADMIN

    bot = running_bot
    for command in ("/statistiky", "/mezery", "/obnovit"):
        assert (await bot.ask(3001, command))["text"] == ui.text("unknown_command")
    await bot.ask(3001, "Jaké je počasí na Marsu příští týden?")  # logged as a gap, without user id
    await bot.sync(3001)  # the handler has recorded the question…
    await bot.settle()  # …and the background write has finished
    stats = await bot.ask(ADMIN, "/statistiky")
    assert "Statistiky" in stats["text"] and "otázek" in stats["text"]
    gaps = await bot.ask(ADMIN, "/mezery")
    assert "počasí na Marsu" in gaps["text"]
    assert (await bot.ask(ADMIN, "/obnovit"))["text"] == texts.ADMIN_NOT_CHANGED
    all_sent_html_valid(bot.api)


async def test_bad_input_never_crashes_nor_breaks_html(running_bot) -> None:
    bot, api = running_bot, running_bot.api
    uid, u = 5001, user(5001)
    chat = private_chat(uid)
    non_text = [
        {"sticker": {"file_id": "s", "file_unique_id": "s", "width": 1, "height": 1, "is_animated": False,
                     "is_video": False, "type": "regular"}},
        {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]},
        {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 1}},
        {"document": {"file_id": "d", "file_unique_id": "d"}},
        {"location": {"latitude": 50.5, "longitude": 13.6}},
    ]  # fmt: skip
    for extra in non_text:
        bot.api.inject(message_update(u, None, chat, **extra))
        reply = (await bot.wait_for_messages(len(bot.messages(uid)) + 1, uid))[-1]
        assert reply["text"] == ui.text("only_text")

    # edited messages and channel posts are ignored
    bot.send(edited_message_update(u, QUESTION))
    bot.send(channel_post_update(QUESTION))
    count = len(bot.messages(uid))
    await bot.sync(u)
    assert len(bot.messages(uid)) == count + 1
    assert not api.sent_to(-100777)

    # forwarded message
    origin = {"type": "user", "date": 1700000000, "sender_user": user(9)}
    bot.send_text(u, QUESTION, forward_origin=origin)
    forwarded = (await bot.wait_for_messages(len(bot.messages(uid)) + 1, uid))[-1]
    assert forwarded["text"] == ui.text("forwarded")

    # markup and <script> in a question, a 4096-character question
    script = await bot.ask(u, '<script>alert("x")</script> <b>Co je OPST?</b> & spol.')
    assert "<script>" not in script["html"]
    long = await bot.ask(u, ("Kdo může žádat o dotaci z OPST? " * 200)[:4096])
    assert long["text"]

    # unknown command, stale and garbage callback data
    assert (await bot.ask(u, "/neexistuje"))["text"] == ui.text("unknown_command")
    last = bot.messages(uid)[-1]
    for data in ("fb:up:deadbeef00", "src:0000000000", "v0:old-format", "ob:7"):
        bot.press_on(u, last, data)
    calls = await bot.wait_for_call("answerCallbackQuery", 4)
    assert all(c.params.get("text") == ui.text("old_button") for c in calls[-4:])
    await bot.sync(u)
    all_sent_html_valid(api)


async def test_per_user_rate_limit(start_bot) -> None:
    bot = await start_bot(user_rate_limit=3)
    for i in range(6):
        bot.send_text(6001, f"/pomoc {i}")
    # Updates are handled in arrival order, so once another user's later command is answered,
    # all six were handled: three answers, one warning, two dropped silently.
    assert len(bot.messages(6002)) == 0 and (await bot.ask(6002, "/pomoc"))["text"]  # others unaffected
    msgs = bot.messages(6001)
    assert len(msgs) == 4
    assert sum(m["text"].startswith("Posíláte mi zpráv víc") for m in msgs) == 1


async def test_error_handler_apologises_and_bot_keeps_running(start_bot, engine, caplog) -> None:
    class Flaky:
        """The real engine, except one question blows up."""

        def __getattr__(self, name):
            return getattr(engine, name)

        def answer(self, question, **kwargs):
            if "výbuch" in question:
                raise RuntimeError("boom")
            return engine.answer(question, **kwargs)

    from tests.telegram.conftest import TOKEN

    bot = await start_bot(Flaky())
    assert (await bot.ask(7001, "Co udělá výbuch?"))["text"] == ui.text("error")
    assert answer_ids(await bot.ask(7001, QUESTION))
    assert "boom" in caplog.text and TOKEN not in caplog.text


async def test_faults_every_question_answered_exactly_once(start_bot) -> None:
    bot = await start_bot()
    bot.api.fault_rate = 0.1
    users = list(range(8001, 8031))
    questions = [QUESTION, "Kdo může žádat o dotaci z OPST?"]
    for q in questions:
        for uid in users:
            bot.send_text(uid, q)
    for uid in users:
        await bot.wait_for_messages(2, uid, timeout=90)
    await asyncio.sleep(1.0)
    bot.api.fault_rate = 0.0
    for uid in users:
        await bot.sync(uid)
        answers = [m for m in bot.messages(uid) if answer_ids(m)]
        assert len(answers) == 2, (uid, [m["text"][:40] for m in bot.messages(uid)])
    assert bot.api.faults > 5
    assert {c.status for c in bot.api.calls} >= {200, 429, 502}
    all_sent_html_valid(bot.api)


async def test_ambiguous_municipality_is_chosen_with_buttons(running_bot) -> None:
    bot, uid = running_bot, 1003
    ask = await bot.ask(uid, "/obec Blatno")
    assert ask["text"] == ui.text("obec_ambiguous")
    labels = {b["callback_data"]: b["text"] for b in buttons(ask)}
    (louny,) = [data for data, label in labels.items() if "Louny" in label]
    bot.press(louny, uid)
    confirm = (await bot.wait_for_messages(2, uid))[-1]
    assert "Blatno" in confirm["text"] and "Louny" in confirm["text"]
    await bot.api.wait_for(lambda: bot.storage.get_obec(uid) == "Blatno (okres Louny)")
    mas_reply = await bot.ask(uid, "/mas")
    assert mas_reply["text"] == bot.engine.places.by_name("Blatno (okres Louny)").message
    assert "Louny" in mas_reply["text"]
    all_sent_html_valid(bot.api)


async def test_rejected_html_falls_back_to_plain_text(running_bot) -> None:
    from types import SimpleNamespace

    from bot.telegram.handlers import send_html

    bot = running_bot
    bot.api.add_chat(private_chat(1004))
    msg = await send_html(SimpleNamespace(bot=bot.app.bot), 1004, "<b>neuzavřený tag & znak")
    assert msg is not None and msg.text == "neuzavřený tag & znak"
    assert len(bot.api.errors) == 1 and "parse entities" in bot.api.errors[0]
    assert [m["text"] for m in bot.messages(1004)] == ["neuzavřený tag & znak"]
