"""Issue 15 (4): an abandoned /overit never captures later messages.

Dialogs time out; a message that is clearly a question leaves the dialog and is answered; in groups
only a mention or a reply to the step message counts; /smazat ends the dialog.
"""

from __future__ import annotations

import pytest

from bot.telegram import overit, ui
from bot.telegram.overit import DIALOG_TIMEOUT_S, looks_like_question
from tests.reliability.botproc import is_answer
from tests.telegram.fake_bot_api import BOT_USERNAME, group_chat, user

pytestmark = pytest.mark.slow


async def to_step_3(bot, uid: int, chat: dict | None = None) -> dict:
    """/overit → applicant obec → topic energie; returns the step-3 message."""
    chat_id = chat["id"] if chat else uid
    command = f"/overit@{BOT_USERNAME}" if chat else "/overit"
    step1 = await bot.ask(uid, command, chat=chat)
    assert "krok 1 ze 3" in step1["text"]
    for data in ("ov|a|obec", "ov|t|energie"):
        before = len(bot.api.calls_of("editMessageText"))
        bot.press(data, uid, chat_id=chat_id)
        await bot.wait_for_call("editMessageText", before + 1)
    step3 = bot.api.messages[(chat_id, step1["message_id"])]
    assert "krok 3 ze 3" in step3["text"]
    await bot.sync(uid)  # the step is stored before the next message arrives
    return step3


async def press_old(bot, uid: int, message: dict, data: str) -> str | None:
    """Press a button of an earlier message; return the text of the answer to the press."""
    before = len(bot.api.calls_of("answerCallbackQuery"))
    bot.press_on(uid, message, data)
    calls = await bot.wait_for_call("answerCallbackQuery", before + 1)
    return calls[-1].params.get("text")


def is_result(msg: dict) -> bool:
    return msg["text"].startswith("Ověření:")


@pytest.mark.parametrize(
    "question",
    [
        "Kdo může žádat o dotaci z OPST?",
        "kolik peněz dostane ústecký kraj z fondu",  # a question word first, no question mark
        "Potřebovali bychom poradit s rekonstrukcí kulturního domu a hřiště pro děti v naší obci",  # too long
    ],
)
async def test_a_question_at_the_municipality_step_leaves_the_dialog_and_is_answered(running_bot, question) -> None:
    bot, uid = running_bot, 12_001 + len(question)
    await to_step_3(bot, uid)
    reply = await bot.ask(uid, question)
    assert not is_result(reply) and "jsem mezi obcemi" not in reply["text"]
    assert is_answer(reply)
    after = await bot.ask(uid, "Dubí")  # the dialog is over: a name is an ordinary message now
    assert not is_result(after) and "jsem mezi obcemi" not in after["text"]


async def test_a_timed_out_dialog_takes_no_text_and_its_buttons_say_so(running_bot) -> None:
    bot, uid = running_bot, 12_101
    step3 = await to_step_3(bot, uid)
    bot.app.user_data[uid][overit.KEY]["at"] -= DIALOG_TIMEOUT_S + 1  # the person went away
    reply = await bot.ask(uid, "Dubí")
    assert not is_result(reply) and "jsem mezi obcemi" not in reply["text"]
    assert await press_old(bot, uid, step3, "ov|skip") == ui.text("ov_expired")
    fresh = await to_step_3(bot, uid)  # a new dialog works
    assert "krok 3 ze 3" in fresh["text"]
    assert is_result(await bot.ask(uid, "Dubí"))


async def test_within_the_timeout_a_name_still_finishes_the_check(running_bot) -> None:
    bot, uid = running_bot, 12_102
    await to_step_3(bot, uid)
    bot.app.user_data[uid][overit.KEY]["at"] -= DIALOG_TIMEOUT_S - 60
    assert is_result(await bot.ask(uid, "Dubí"))


async def test_in_a_group_only_a_reply_to_the_step_message_or_a_mention_counts(running_bot) -> None:
    bot = running_bot
    group = group_chat(-100_777_001)
    member, other = user(12_201), user(12_202)
    step3 = await to_step_3(bot, member, chat=group)
    count = len(bot.messages(group["id"]))
    bot.send_text(member, "Dubí", chat=group)  # plain group talk of the same person: ignored
    bot.send_text(other, "Dubí", chat=group, reply_to=step3)  # another person: not their dialog
    bot.send_text(member, "Dubí", chat=group, reply_to={**step3, "message_id": 999})  # a reply to another message
    await bot.ask(member, f"/pomoc@{BOT_USERNAME}", chat=group)
    # the two replies to the bot are ordinary questions (answered in parallel); the plain message is ignored
    await bot.wait_for_messages(count + 3, group["id"])
    await bot.ask(member, f"/pomoc@{BOT_USERNAME}", chat=group)
    new = bot.messages(group["id"])[count:]
    assert len(new) == 4 and not any(is_result(m) for m in new)  # none was taken as the municipality

    result = await bot.ask(member, "Dubí", chat=group, reply_to=step3)
    assert is_result(result) and "obec Dubí" in result["text"]

    again = await to_step_3(bot, member, chat=group)
    mentioned = await bot.ask(member, f"@{BOT_USERNAME} Žatec", chat=group)
    assert is_result(mentioned) and "obec Žatec" in mentioned["text"]
    assert "krok 3 ze 3" in again["text"]


async def test_smazat_ends_the_dialog(running_bot) -> None:
    bot, uid = running_bot, 12_301
    step3 = await to_step_3(bot, uid)
    assert (await bot.ask(uid, "/smazat"))["text"] == ui.text("deleted")
    assert overit.KEY not in bot.app.user_data.get(uid, {})
    assert not is_result(await bot.ask(uid, "Dubí"))
    assert await press_old(bot, uid, step3, "ov|back") == ui.text("ov_expired")


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("Dubí", False),
        ("Hora Svatého Šebestiána", False),
        ("Blatno (okres Louny)", False),
        ("obec Kostomlaty pod Milešovkou, okres Teplice", False),
        ("Xyzovice nad <b>Nicím</b>", False),
        ("Dubí?", True),
        ("Jak se žádá o dotaci", True),
        ("co je OPST", True),
        ("what is the just transition fund", True),
        ("Як отримати грант", True),
        ("Chtěli bychom opravit náves a postavit nové hřiště pro děti z obce", True),
    ],
)
def test_looks_like_question(text: str, question: bool) -> None:
    assert looks_like_question(text) is question
