"""The bot in the user's language, end to end: real Application, fake Bot API, real Engine and SQLite.

A Ukrainian user goes through /start, a question, /overit and /mas in Ukrainian; an English user gets
English from /start and switches with /jazyk; a user's language is remembered from a clear message;
a Czech user sees exactly the Czech bot.
"""

from __future__ import annotations

import pytest

from bot.telegram import ui
from tests.telegram.fake_bot_api import buttons, user
from tests.telegram.tg_html import check_telegram_html

pytestmark = pytest.mark.slow

CZECH_BOILERPLATE = (
    "Nápověda",
    "Zeptejte",
    "Napište",
    "Soukromí",
    "Zobrazit zdroj",
    "Moje MAS",
    "Ověření nároku",
    "Ověření:",
    "Přeskočit",
    "Zrušit",
    "Zpět",
    "Kontakt:",
    "Zapamatoval",
)
UK_QUESTION = "Хто може отримати гроші з Фонду справедливої трансформації?"


def labels(msg: dict) -> list[str]:
    return [b["text"] for b in buttons(msg)]


def data_of(msg: dict) -> set[str]:
    return {b["callback_data"] for b in buttons(msg) if "callback_data" in b}


def assert_not_czech(msg: dict) -> None:
    shown = msg["text"] + " " + " ".join(labels(msg))
    found = [word for word in CZECH_BOILERPLATE if word in shown]
    assert not found, (found, shown)


async def press_and_wait_edit(bot, data: str, uid: int | dict) -> dict:
    before = len(bot.api.calls_of("editMessageText"))
    msg = bot.press(data, uid)
    await bot.wait_for_call("editMessageText", before + 1)
    return bot.api.messages[(msg["chat"]["id"], msg["message_id"])]


async def press_and_wait_new(bot, data: str, who: dict) -> dict:
    before = len(bot.messages(who["id"]))
    bot.press(data, who)
    return (await bot.wait_for_messages(before + 1, who["id"]))[before]


async def test_ukrainian_user_gets_everything_in_ukrainian(running_bot) -> None:
    bot, api = running_bot, running_bot.api
    olena = user(9101, "Олена", language_code="uk")

    start = await bot.ask(olena, "/start")
    assert start["text"].startswith("Добрий день! Я Průvodce transformací")
    assert "Приватність" in start["text"] and "/smazat" in start["text"]
    assert_not_czech(start)

    # the menu Telegram shows to Ukrainian- and English-speaking users, next to the Czech default
    uk_menu = {c["command"]: c["description"] for c in api.commands_by_language["uk"]}
    en_menu = {c["command"]: c["description"] for c in api.commands_by_language["en"]}
    assert uk_menu["pomoc"] == "Довідка та приклади запитань" and en_menu["pomoc"] == "Help and example questions"
    assert set(uk_menu) == set(en_menu) == {name for name, _ in ui.COMMANDS["cs"]}

    answer = await bot.ask(olena, UK_QUESTION)
    # a staff-written Ukrainian answer, a Czech quote introduced in Ukrainian, or an honest "не знаю"
    opening = ("Джерела:", "Мої матеріали є лише чеською", "На жаль")
    assert any(words in answer["text"] for words in opening) and "Zdroje:" not in answer["text"]
    assert "Моя MAS" in labels(answer) and "Moje MAS" not in labels(answer)
    assert "Zobrazit zdroj" not in labels(answer)
    mas_button = await press_and_wait_new(bot, "mas", olena)  # "Моя MAS" before a municipality is known
    assert mas_button["text"].startswith("Я ще не знаю, з якого ви населеного пункту")

    help_msg = await bot.ask(olena, "/pomoc")
    assert help_msg["text"].startswith("Як запитувати") and "Jak se ptát" not in help_msg["text"]
    assert_not_czech(help_msg)

    # /overit: questions, buttons and the report in Ukrainian; call names may stay Czech
    step1 = await bot.ask(olena, "/overit")
    assert "Перевірка можливостей (крок 1 з 3)" in step1["text"] and "громада/місто" in labels(step1)
    assert "✖ Скасувати" in labels(step1)
    assert_not_czech(step1)
    step2 = await press_and_wait_edit(bot, "ov|a|obec", olena)
    assert "Заявник: громада/місто" in step2["text"] and "енергетика" in labels(step2) and "« Назад" in labels(step2)
    assert_not_czech(step2)
    step3 = await press_and_wait_edit(bot, "ov|t|energie", olena)
    assert "Тема: енергетика" in step3["text"] and "Пропустити" in labels(step3)
    assert_not_czech(step3)
    result = await bot.ask(olena, "Dubí")
    assert result["text"].startswith("Перевірка: заявник – громада/місто, тема – енергетика, населений пункт Dubí")
    assert "чеською" in result["text"] and labels(result) == ["Нова перевірка"]
    assert_not_czech(result)

    # /mas before and after /obec
    unknown = await bot.ask(olena, "/mas")
    assert unknown["text"].startswith("Я ще не знаю, з якого ви населеного пункту")
    assert_not_czech(unknown)
    saved = await bot.ask(olena, "/obec Žatec")
    assert saved["text"].startswith("Я запам’ятав ваш населений пункт: Žatec (округ Louny).")
    assert "належить до місцевої групи дій" in saved["text"]
    assert_not_czech(saved)
    card = await bot.ask(olena, "/mas")
    assert card["text"].startswith("Населений пункт Žatec (округ Louny) належить до місцевої групи дій")
    assert_not_czech(card)

    # a question answered by a card: a bare name in Cyrillic, a MAS's municipalities, all in Ukrainian
    bare = await bot.ask(olena, "Білина")
    assert bare["text"].startswith("Для населеного пункту Bílina (округ Teplice)") and "На жаль" not in bare["text"]
    assert_not_czech(bare)
    members = await bot.ask(olena, "Які громади входять до MAS Naděje?")
    assert members["text"].startswith("За нашими перевіреними даними до MAS Naděje належать")
    assert "чеською" not in members["text"]
    assert_not_czech(members)

    assert bot.app.user_data[9101][ui.LANG] == "uk"  # remembered from the question
    assert api.errors == [], api.errors
    for msg in api.sent:
        check_telegram_html(msg["html"])


async def test_english_user_starts_in_english_and_switches_with_jazyk(running_bot) -> None:
    bot = running_bot
    john = user(9201, "John", language_code="en-GB")

    start = await bot.ask(john, "/start")
    assert start["text"].startswith("Hello, I am Průvodce transformací") and "Privacy:" in start["text"]
    assert_not_czech(start)

    choose = await bot.ask(john, "/jazyk")
    assert choose["text"] == ui.text("choose_language", "en")
    assert labels(choose) == ["Čeština", "Українська", "English"]
    assert data_of(choose) == {"lang:cs", "lang:uk", "lang:en"}

    switched = await press_and_wait_new(bot, "lang:cs", john)
    assert switched["text"] == ui.text("language_set", "cs")
    assert (await bot.ask(john, "/pomoc"))["text"].startswith("Jak se ptát")
    # a chosen language stays, whatever the user then writes in
    answer = await bot.ask(john, "Who can apply for money from the Just Transition Fund?")
    assert "Moje MAS" in labels(answer)
    assert (await bot.ask(john, "/zdroje"))["text"].startswith("Zdroje poslední odpovědi")

    ukrainian = await bot.ask(john, "/jazyk uk")
    assert ukrainian["text"].startswith("Добре, тепер я писатиму вам українською.")
    assert (await bot.ask(john, "/pomoc"))["text"].startswith("Як запитувати")
    assert (await bot.ask(john, "/language English"))["text"].startswith("All right, I will write to you in English.")
    assert bot.app.user_data[9201][ui.LANG] == "en" and bot.app.user_data[9201][ui.LANG_CHOSEN] is True

    # /smazat forgets the choice with everything else: Telegram's language decides again
    deleted = await bot.ask(john, "/smazat")
    assert deleted["text"] == ui.text("deleted", "en")
    assert ui.LANG not in bot.app.user_data.get(9201, {})
    assert bot.api.errors == [], bot.api.errors


async def test_language_is_remembered_from_a_clear_message(running_bot) -> None:
    bot = running_bot
    petr = user(9301, "Petr", language_code="cs")
    assert (await bot.ask(petr, "/pomoc"))["text"].startswith("Jak se ptát")
    await bot.ask(petr, "How can a small business get money from the Just Transition Fund?")
    help_msg = await bot.ask(petr, "/pomoc")
    assert help_msg["text"].startswith("How to ask")
    short = await bot.ask(petr, "ok")  # too short to tell: the remembered language stays
    assert bot.app.user_data[9301][ui.LANG] == "en" and short["text"]
    await bot.ask(petr, "Kdo mi v Žatci poradí s dotací na zateplení?")
    assert (await bot.ask(petr, "/pomoc"))["text"].startswith("Jak se ptát")


@pytest.mark.parametrize("code", ["cs", "ru", "sk", None])
async def test_czech_and_other_users_get_the_czech_bot(running_bot, code: str | None) -> None:
    bot = running_bot
    uid = {"cs": 9401, "ru": 9402, "sk": 9403, None: 9404}[code]
    who = user(uid, language_code=code) if code else {k: v for k, v in user(uid).items() if k != "language_code"}
    start = await bot.ask(who, "/start")
    assert start["text"].startswith("Dobrý den, jsem Průvodce transformací") and "Soukromí:" in start["text"]
    overit = await bot.ask(who, "/overit")
    assert "Ověření nároku (krok 1 ze 3)" in overit["text"] and "obec/město" in labels(overit)
    assert (await bot.ask(who, "/jazyk"))["text"] == ui.text("choose_language", "cs")
