"""Issue 10 (5, 8, 9): answers that answer — the real bot against the fake Bot API, real engine and SQLite.

The full eligibility check and suggested topics as buttons (also after a restart), the MAS footer once
per topic, no rating under small talk, follow-ups (also as a reply), double sends answered once, and
"Myslíte …?" buttons for a misspelt municipality.
"""

from __future__ import annotations

import asyncio

import pytest

from bot import i18n
from bot.render import eligibility_html, render_html
from bot.telegram import conversation, ui
from tests.telegram.fake_bot_api import buttons

pytestmark = pytest.mark.slow

FUNDING = "Může obec dostat dotaci na brownfield?"  # answered from the calls table, with the full check attached
UNSURE = "Kdy je uzávěrka výzvy pro hasiče v Krásné Lípě?"  # "nevím" with related topics
FOLLOWUP = "a kam mám jít?"
QUESTION = "Kolik může úřad práce zaplatit za rekvalifikaci?"
OTHER_QUESTION = "Co je Fond pro spravedlivou transformaci?"
NOT_KNOWN = i18n.text("not_known", "cs")


def data_of(msg: dict, prefix: str) -> list[str]:
    return [b["callback_data"] for b in buttons(msg) if b.get("callback_data", "").startswith(prefix)]


def label_of(msg: dict, data: str) -> str:
    return next(b["text"] for b in buttons(msg) if b.get("callback_data") == data)


async def restart(start_bot, first, data_dir):
    """Stop the first bot's polling (its state flushed) and start a second one on the same DATA_DIR."""
    await first.app.update_persistence()
    await first.app.persistence.flush()
    await first.app.updater.stop()
    return await start_bot(data_dir=data_dir)


async def press_and_wait(bot, uid: int, message: dict, data: str) -> dict:
    before = len(bot.messages(uid))
    bot.press_on(uid, message, data)
    return (await bot.wait_for_messages(before + 1, uid))[before]


# --- 1. "Podrobné ověření" ---------------------------------------------------------------------------


async def test_funding_answer_has_a_detailed_check_button_that_sends_the_full_report(running_bot) -> None:
    bot, uid = running_bot, 31_001
    answer = await bot.ask(uid, FUNDING)
    (data,) = data_of(answer, "el:")
    assert label_of(answer, data) == ui.text("button_detailed_check") and len(data.encode()) <= 64
    report = await press_and_wait(bot, uid, answer, data)
    expected = bot.engine.check_eligibility("obec", "brownfieldy", None)
    assert report["html"] == eligibility_html(expected)  # the /overit report, not a second rendering
    assert any(b["callback_data"] == "ov|new" for b in buttons(report))
    assert bot.api.errors == []


async def test_answers_without_a_funding_check_have_no_detailed_check_button(running_bot) -> None:
    answer = await running_bot.ask(31_002, OTHER_QUESTION)
    assert data_of(answer, "el:") == [] and data_of(answer, "fb:")


async def test_detailed_check_uses_the_municipality_of_the_answer(running_bot) -> None:
    bot, uid = running_bot, 31_003
    await bot.ask(uid, "/obec Litvínov")
    answer = await bot.ask(uid, FUNDING)
    (data,) = data_of(answer, "el:")
    assert data == "el:obec:brownfieldy:Litvínov"
    report = await press_and_wait(bot, uid, answer, data)
    assert report["html"] == eligibility_html(bot.engine.check_eligibility("obec", "brownfieldy", "Litvínov"))


async def test_detailed_check_button_works_after_a_restart(start_bot, tmp_path) -> None:
    data_dir, uid = tmp_path / "shared", 31_004
    first = await start_bot(data_dir=data_dir)
    answer = await first.ask(uid, FUNDING)
    (data,) = data_of(answer, "el:")
    second = await restart(start_bot, first, data_dir)
    report = await press_and_wait(second, uid, answer, data)
    assert report["html"] == eligibility_html(second.engine.check_eligibility("obec", "brownfieldy", None))


async def test_a_stale_detailed_check_button_is_refused_politely(running_bot) -> None:
    bot, uid = running_bot, 31_005
    answer = await bot.ask(uid, FUNDING)
    calls = len(bot.api.calls_of("answerCallbackQuery"))
    bot.press_on(uid, answer, "el:nikdo:nic:")
    reply = (await bot.wait_for_call("answerCallbackQuery", calls + 1))[-1]
    assert reply.params.get("text") == ui.text("old_button")


# --- 2. "Možná vás zajímá" -----------------------------------------------------------------------------


async def test_suggestions_are_buttons_that_ask_the_topic(running_bot) -> None:
    bot, uid = running_bot, 31_011
    answer = await bot.ask(uid, UNSURE)
    expected = bot.engine.answer(UNSURE)
    assert not expected.confident and expected.suggestions
    suggestion_data = data_of(answer, "sg:")
    assert [label_of(answer, d) for d in suggestion_data] == expected.suggestions
    assert all(len(d.encode()) <= 64 for d in suggestion_data)
    topic = expected.suggestions[0]
    reply = await press_and_wait(bot, uid, answer, suggestion_data[0])
    asked = bot.engine.answer(topic)
    assert asked.body.strip()[:60] in reply["text"]
    assert data_of(reply, "fb:") and data_of(reply, "fb:") != data_of(answer, "fb:")  # its own buttons
    assert bot.api.errors == []


async def test_suggestion_button_works_after_a_restart(start_bot, tmp_path) -> None:
    data_dir, uid = tmp_path / "shared", 31_012
    first = await start_bot(data_dir=data_dir)
    answer = await first.ask(uid, UNSURE)
    data = data_of(answer, "sg:")[-1]
    topic = label_of(answer, data)
    second = await restart(start_bot, first, data_dir)
    reply = await press_and_wait(second, uid, answer, data)
    assert second.engine.answer(topic).body.strip()[:60] in reply["text"]


async def test_a_suggestion_no_longer_in_the_documents_is_refused_politely(running_bot) -> None:
    bot, uid = running_bot, 31_013
    answer = await bot.ask(uid, UNSURE)
    calls = len(bot.api.calls_of("answerCallbackQuery"))
    bot.press_on(uid, answer, "sg:000000000000")
    reply = (await bot.wait_for_call("answerCallbackQuery", calls + 1))[-1]
    assert reply.params.get("text") == ui.text("old_button")


# --- 3. the MAS footer once per topic -----------------------------------------------------------------


async def test_mas_footer_is_shown_once_then_left_out_within_half_an_hour(running_bot) -> None:
    bot, uid = running_bot, 31_021
    await bot.ask(uid, "/obec Litvínov")
    line = bot.engine.answer(QUESTION, obec="Litvínov").tail
    assert line and "Naděje" in line
    first = await bot.ask(uid, QUESTION)
    assert line in first["text"]
    second = await bot.ask(uid, OTHER_QUESTION)
    assert second["text"].strip() and line not in second["text"]
    # "nevím" always says whom to ask, and so does a contact question
    unsure = await bot.ask(uid, "Jak se dělá svíčková na smetaně?")
    assert NOT_KNOWN in unsure["text"] and line in unsure["text"]
    contact = await bot.ask(uid, "Jaký je kontakt na MAS?")
    assert line in contact["text"]
    # half an hour later the footer comes back
    chat = bot.app.chat_data[uid]
    chat[conversation.TAIL]["at"] -= conversation.TAIL_WINDOW_S + 1
    later = await bot.ask(uid, "Co je to PSÚT?")
    assert line in later["text"]


async def test_mas_footer_comes_back_for_a_different_mas(running_bot) -> None:
    bot, uid = running_bot, 31_022
    await bot.ask(uid, "/obec Litvínov")
    assert "Naděje" in (await bot.ask(uid, QUESTION))["text"]
    await bot.ask(uid, "/obec Krásná Lípa")
    other = bot.engine.answer(OTHER_QUESTION, obec="Krásná Lípa").tail
    assert other and "Český sever" in other
    assert other in (await bot.ask(uid, OTHER_QUESTION))["text"]


async def test_mas_footer_is_remembered_per_chat(running_bot) -> None:
    bot = running_bot
    for uid in (31_023, 31_024):
        await bot.ask(uid, "/obec Litvínov")
        assert "Naděje" in (await bot.ask(uid, QUESTION))["text"]


# --- 4. no rating under small talk ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    ["Dobrý den", "díky moc", "👍", "…", "co si myslíš o uhlí?"],
    ids=["greeting", "thanks", "thumbs", "empty", "opinion"],
)
async def test_no_feedback_buttons_under_small_talk(running_bot, message: str) -> None:
    reply = await running_bot.ask(31_031, message)
    assert reply["text"].strip() and buttons(reply) == []


async def test_no_feedback_buttons_under_an_off_topic_refusal_but_under_answers(running_bot) -> None:
    bot, uid = running_bot, 31_032
    refusal = await bot.ask(uid, "Jak se dělá svíčková na smetaně?")
    assert NOT_KNOWN in refusal["text"] and data_of(refusal, "fb:") == []
    assert data_of(refusal, "mas")  # whom to ask is still one button away
    assert data_of(await bot.ask(uid, QUESTION), "fb:")
    assert data_of(await bot.ask(uid, UNSURE), "fb:")  # an honest "nevím" on topic can still be rated


async def test_voting_keeps_the_detailed_check_and_suggestion_buttons(running_bot) -> None:
    bot, uid = running_bot, 31_033
    answer = await bot.ask(uid, UNSURE)
    up = data_of(answer, "fb:up:")[0]
    bot.press(up, uid)
    stored = bot.api.messages[(uid, answer["message_id"])]
    await bot.api.wait_for(lambda: not data_of(stored, "fb:"))
    assert data_of(stored, "sg:") == data_of(answer, "sg:")


# --- 5. follow-ups -------------------------------------------------------------------------------------


async def test_followup_is_read_with_the_previous_question(running_bot) -> None:
    bot, uid = running_bot, 31_041
    await bot.ask(uid, FUNDING)
    followup = await bot.ask(uid, FOLLOWUP)
    assert "brownfield" in followup["text"] and data_of(followup, "el:") == ["el:obec:brownfieldy:"]


async def test_unrelated_question_after_five_minutes_is_not_a_followup(running_bot) -> None:
    bot, uid = running_bot, 31_042
    await bot.ask(uid, FUNDING)
    bot.app.chat_data[uid][conversation.LAST]["at"] -= conversation.FOLLOWUP_WINDOW_S + 1
    later = await bot.ask(uid, FOLLOWUP)
    assert NOT_KNOWN in later["text"] and data_of(later, "el:") == []


async def test_small_talk_does_not_break_a_followup(running_bot) -> None:
    bot, uid = running_bot, 31_043
    await bot.ask(uid, FUNDING)
    await bot.ask(uid, "díky")
    assert data_of(await bot.ask(uid, FOLLOWUP), "el:") == ["el:obec:brownfieldy:"]


async def test_reply_to_an_answer_continues_that_answers_question(running_bot) -> None:
    bot, uid = running_bot, 31_044
    funding = await bot.ask(uid, FUNDING)
    await bot.ask(uid, "Jak se dělá svíčková na smetaně?")  # the chat's last question is now another one
    reply = await bot.ask(uid, FOLLOWUP, reply_to=funding)
    assert "brownfield" in reply["text"] and data_of(reply, "el:") == ["el:obec:brownfieldy:"]


# --- 6. double sends -----------------------------------------------------------------------------------


async def test_same_question_twice_within_seconds_is_answered_once(running_bot) -> None:
    bot, uid = running_bot, 31_051
    before = len(bot.messages(uid))
    bot.send_text(uid, QUESTION)
    bot.send_text(uid, "  kolik může ÚŘAD práce zaplatit za   rekvalifikaci ")
    await bot.sync(uid)
    await asyncio.sleep(0.5)  # a second answer, if any, would be on its way by now
    replies = [m for m in bot.messages(uid)[before:] if data_of(m, "fb:")]
    assert len(replies) == 1


async def test_different_questions_within_seconds_are_both_answered(running_bot) -> None:
    bot, uid = running_bot, 31_052
    before = len(bot.messages(uid))
    bot.send_text(uid, QUESTION)
    bot.send_text(uid, OTHER_QUESTION)
    msgs = await bot.wait_for_messages(before + 2, uid)
    assert len([m for m in msgs[before:] if data_of(m, "fb:")]) == 2


async def test_same_question_from_two_people_in_a_group_is_answered_for_both(running_bot) -> None:
    from tests.telegram.fake_bot_api import BOT_USERNAME, group_chat

    bot, chat = running_bot, group_chat(-100_555)
    before = len(bot.messages(chat["id"]))
    bot.send_text(31_053, f"@{BOT_USERNAME} {QUESTION}", chat)
    bot.send_text(31_054, f"@{BOT_USERNAME} {QUESTION}", chat)
    await bot.wait_for_messages(before + 2, chat["id"])


# --- 7. municipality typos -----------------------------------------------------------------------------


async def test_misspelt_municipality_offers_did_you_mean_buttons_that_set_it(running_bot) -> None:
    bot, uid = running_bot, 31_061
    reply = await bot.ask(uid, "/obec Mosst")
    choices = data_of(reply, "ob:")
    assert 1 <= len(choices) <= 3
    assert label_of(reply, choices[0]) == ui.text("did_you_mean", label="Most (okres Most)")
    saved = await press_and_wait(bot, uid, reply, choices[0])
    assert "Zapamatoval jsem si obec <b>Most</b>" in saved["html"]
    await bot.settle()
    assert bot.storage.get_obec(uid) == "Most"


async def test_unknown_municipality_without_close_names_gets_no_buttons(running_bot) -> None:
    reply = await running_bot.ask(31_062, "/obec Xyzabc")
    assert buttons(reply) == [] and "nenašel" in reply["text"]


def test_render_without_tail_drops_only_the_footer(engine) -> None:
    answer = engine.answer(QUESTION, obec="Litvínov")
    assert answer.tail and answer.tail in render_html(answer)
    assert render_html(answer, with_tail=False) == render_html(answer).replace("\n\n" + answer.tail, "")


async def test_smazat_forgets_the_chats_last_question(running_bot) -> None:
    bot, uid = running_bot, 31_045
    await bot.ask(uid, FUNDING)
    await bot.ask(uid, "/smazat")
    assert conversation.LAST not in bot.app.chat_data[uid]
    assert NOT_KNOWN in (await bot.ask(uid, FOLLOWUP))["text"]
