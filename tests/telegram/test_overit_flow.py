"""/overit end to end: the real Application against the fake Bot API (buttons, Zpět, Zrušit, restart)."""

from __future__ import annotations

import pytest

from bot.eligibility import APPLICANTS, TOPICS
from tests.telegram.fake_bot_api import buttons
from tests.telegram.tg_html import check_telegram_html

pytestmark = pytest.mark.slow


def data_of(msg: dict) -> set[str]:
    return {b["callback_data"] for b in buttons(msg) if "callback_data" in b}


def current(bot, msg: dict) -> dict:
    return bot.api.messages[(msg["chat"]["id"], msg["message_id"])]


async def press_and_wait_edit(bot, data: str, uid: int) -> dict:
    """Press a button; wait until the bot edited that message; return the edited message."""
    before = len(bot.api.calls_of("editMessageText"))
    msg = bot.press(data, uid)
    await bot.wait_for_call("editMessageText", before + 1)
    return current(bot, msg)


async def press_and_wait_new(bot, data: str, uid: int) -> dict:
    """Press a button; wait for the next new message in the user's chat and return it."""
    before = len(bot.messages(uid))
    bot.press(data, uid)
    return (await bot.wait_for_messages(before + 1, uid))[before]


def assert_clean(api) -> None:
    assert api.errors == [], api.errors
    for msg in api.sent:
        check_telegram_html(msg["html"])


async def test_full_flow_with_back(running_bot) -> None:
    bot, uid = running_bot, 7001
    step1 = await bot.ask(uid, "/overit")
    assert "krok 1 ze 3" in step1["text"]
    assert data_of(step1) == {f"ov|a|{code}" for code in APPLICANTS} | {"ov|cancel"}
    assert all(len(d.encode()) <= 64 for d in data_of(step1))

    step2 = await press_and_wait_edit(bot, "ov|a|obec", uid)
    assert "krok 2 ze 3" in step2["text"] and "obec/město" in step2["text"]
    assert data_of(step2) == {f"ov|t|{code}" for code in TOPICS} | {"ov|back", "ov|cancel"}

    # Zpět → step 1 again, then a different applicant
    again = await press_and_wait_edit(bot, "ov|back", uid)
    assert "krok 1 ze 3" in again["text"] and "ov|a|svazek" in data_of(again)
    step2 = await press_and_wait_edit(bot, "ov|a|svazek", uid)
    assert "svazek obcí" in step2["text"]

    step3 = await press_and_wait_edit(bot, "ov|t|kultura_sport", uid)
    assert "krok 3 ze 3" in step3["text"] and "kultura a sport" in step3["text"]
    assert {"ov|skip", "ov|back", "ov|cancel"} <= data_of(step3)

    # Zpět from step 3 → topics, pick another topic
    topics = await press_and_wait_edit(bot, "ov|back", uid)
    assert "krok 2 ze 3" in topics["text"]
    await press_and_wait_edit(bot, "ov|t|priroda", uid)

    result = await bot.ask(uid, "Dubí")
    text = result["text"]
    assert text.startswith("Ověření: žadatel svazek obcí, téma příroda a krajina, obec Dubí – stav k ")
    assert "26. výzva OPST" in text  # admits svazky, topic příroda (closed by now, still listed)
    assert bot.engine.places.by_name("Dubí").mas_line() in text
    assert "opst.cz" in text
    assert "<b>Ověření:" in result["html"]
    assert data_of(result) == {"ov|new"}
    # every button press was answered
    assert len(bot.api.calls_of("answerCallbackQuery")) >= 6
    assert_clean(bot.api)

    # the conversation is over: a municipality name is now an ordinary question
    after = await bot.ask(uid, "Dubí")
    assert not after["text"].startswith("Ověření:")


async def test_result_matches_cli_engine(running_bot) -> None:
    bot, uid = running_bot, 7002
    await bot.ask(uid, "/overit")
    await press_and_wait_edit(bot, "ov|a|osvc", uid)
    await press_and_wait_edit(bot, "ov|t|podnikani", uid)
    result = await press_and_wait_new(bot, "ov|skip", uid)
    expected = bot.engine.calls.check("osvc", "podnikani", places=bot.engine.places).message
    assert result["text"] == expected
    assert "Voucher pro rozvoj podnikání" in result["text"]
    assert_clean(bot.api)


async def test_cancel_at_each_step(running_bot) -> None:
    bot, uid = running_bot, 7003
    for steps in ([], ["ov|a|obec"], ["ov|a|obec", "ov|t|energie"]):
        await bot.ask(uid, "/overit")
        for data in steps:
            await press_and_wait_edit(bot, data, uid)
        cancelled = await press_and_wait_edit(bot, "ov|cancel", uid)
        assert "Ověření jsem zrušil" in cancelled["text"]
        assert buttons(cancelled) == []
    # after cancelling at step 3 a typed name is an ordinary question, not a municipality
    reply = await bot.ask(uid, "Žatec")
    assert not reply["text"].startswith("Ověření:")
    # /zrusit works too
    await bot.ask(uid, "/overit")
    bye = await bot.ask(uid, "/zrusit")
    assert "Ověření jsem zrušil" in bye["text"]
    assert_clean(bot.api)


async def test_overit_restarts_at_any_step(running_bot) -> None:
    bot, uid = running_bot, 7004
    await bot.ask(uid, "/overit")
    await press_and_wait_edit(bot, "ov|a|obec", uid)
    await press_and_wait_edit(bot, "ov|t|energie", uid)
    fresh = await bot.ask(uid, "/overit")  # at step 3
    assert "krok 1 ze 3" in fresh["text"]
    # the old step-3 choices are gone: a typed name is not taken as the municipality
    reply = await bot.ask(uid, "Žatec")
    assert not reply["text"].startswith("Ověření:")
    # and the new run works from the start
    await press_and_wait_edit(bot, "ov|a|msp", uid)
    await press_and_wait_edit(bot, "ov|t|digitalizace", uid)
    result = await press_and_wait_new(bot, "ov|skip", uid)
    assert result["text"].startswith("Ověření: žadatel malý a střední podnik (MSP), téma digitalizace")
    # "Nové ověření" under the result starts again
    again = await press_and_wait_new(bot, "ov|new", uid)
    assert "krok 1 ze 3" in again["text"]
    assert_clean(bot.api)


async def test_unknown_municipality_asks_again_then_skip(running_bot) -> None:
    bot, uid = running_bot, 7005
    await bot.ask(uid, "/overit")
    await press_and_wait_edit(bot, "ov|a|obec", uid)
    await press_and_wait_edit(bot, "ov|t|brownfieldy", uid)
    retry = await bot.ask(uid, "Xyzovice nad <b>Nicím</b>")
    assert "jsem mezi obcemi Ústeckého kraje nenašel" in retry["text"]
    assert "Xyzovice nad <b>Nicím</b>" in retry["text"]  # shown literally, escaped in HTML
    assert "ov|skip" in data_of(retry)
    result = await press_and_wait_new(bot, "ov|skip", uid)
    assert result["text"].startswith("Ověření: žadatel obec/město, téma brownfieldy – stav k ")
    assert "Finanční nástroj Regenerace brownfieldů" in result["text"]
    assert_clean(bot.api)


async def test_stored_municipality_button(running_bot) -> None:
    bot, uid = running_bot, 7006
    await bot.ask(uid, "/obec Žatec")
    await bot.ask(uid, "/overit")
    await press_and_wait_edit(bot, "ov|a|osvc", uid)
    step3 = await press_and_wait_edit(bot, "ov|t|podnikani", uid)
    assert "ov|mine" in data_of(step3)
    assert any("Žatec" in b["text"] for b in buttons(step3))
    result = await press_and_wait_new(bot, "ov|mine", uid)
    assert ", obec Žatec – stav k " in result["text"]
    assert "MAS Vladař" in result["text"]


async def test_state_survives_a_restart(start_bot, tmp_path) -> None:
    data_dir = tmp_path / "shared-state"
    first = await start_bot(data_dir=data_dir)
    uid = 7007
    await first.ask(uid, "/overit")
    await press_and_wait_edit(first, "ov|a|nno", uid)
    step3 = await press_and_wait_edit(first, "ov|t|priroda", uid)
    assert "krok 3 ze 3" in step3["text"]
    await first.sync(uid)  # the edit is sent before the handler returns its new state: let it finish

    # "restart": write the persistence file and stop the first bot's polling (the fixture stops
    # the Application itself at teardown), then start a new Application on the same data_dir
    await first.app.update_persistence()
    await first.app.persistence.flush()
    await first.app.updater.stop()
    assert (data_dir / "telegram_state.json").exists()

    second = await start_bot(data_dir=data_dir)
    assert second.app is not first.app and second.app.persistence is not first.app.persistence

    # Zpět on the step-3 message sent before the restart works in the new process: the step and
    # the choices live in user_data
    topics = await press_and_wait_edit(second, "ov|back", uid)
    assert "krok 2 ze 3" in topics["text"] and "NNO/spolek/nadace/o.p.s." in topics["text"]
    await press_and_wait_edit(second, "ov|t|priroda", uid)
    result = await second.ask(uid, "Dubí")
    assert result["text"].startswith("Ověření: žadatel NNO/spolek/nadace/o.p.s., téma příroda a krajina, obec Dubí")
    assert "26. výzva OPST" in result["text"]
    assert_clean(second.api)
