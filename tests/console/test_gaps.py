"""/mezery: unanswered and 👎 questions grouped by meaning (real model), answered ones left out, actions, retention."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

from bot.console.gaps import group_questions
from bot.storage import GapQuestion, Storage
from tests.console.conftest import ConsoleClient

KOTLIK = ["kde sezenu formular na kotlikovou dotaci", "formulář kotlíková dotace", "formular na kotlikovou dotaci"]


def seed(storage: Storage) -> None:
    for question, times in [
        (KOTLIK[0], 3), (KOTLIK[1], 2), (KOTLIK[2], 1), ("jake bude zitra pocasi v moste", 2),
        ("Boleboř", 4), ("Může naše obec dostat peníze na cyklostezku?", 2), ("ahoj", 5),
    ]:  # fmt: skip
        for _ in range(times):
            storage.log_question(question, confident=False)
    storage.add_feedback("a1", "Kolik stojí vstupné do zoo v Ústí?", ["https://x.cz"], -1)


def articles(page: str) -> list[str]:
    return re.findall(r'<article class="gap".*?</article>', html.unescape(page), re.S)


def test_groups_near_duplicates_and_leaves_out_what_the_bot_answers(admin_client: ConsoleClient) -> None:
    seed(admin_client.console.storage)
    page = admin_client.get("/mezery").text
    groups = articles(page)
    kotlik = [g for g in groups if KOTLIK[0] in g]
    assert len(kotlik) == 1 and all(q in kotlik[0] for q in KOTLIK) and "6×" in kotlik[0]
    assert any("jake bude zitra pocasi v moste" in g for g in groups)
    assert any("Kolik stojí vstupné do zoo" in g and "palcem dolů" in g for g in groups)
    text = "\n".join(groups)
    for answered in ("Boleboř", "cyklostezku", "ahoj"):  # a municipality, an eligibility question, a greeting
        assert answered not in text
    assert "Skryto: 3 otázky" in html.unescape(page)
    assert "90 dní" in html.unescape(page)
    link = re.search(r'href="(/odpovedi/nova\?[^"]+)"', kotlik[0])
    assert link
    form = html.unescape(admin_client.get(html.unescape(link.group(1))).text)
    assert 'value="kde sezenu formular na kotlikovou dotaci"' in form and "formulář kotlíková dotace" in form


def test_words_the_knowledge_lacks_are_listed_for_the_synonym_file(admin_client: ConsoleClient) -> None:
    storage = admin_client.console.storage
    for _ in range(3):
        storage.log_question("kde je šmoulí kotlíková dotace", confident=False)
    page = html.unescape(admin_client.get("/mezery").text)
    assert "Slova, která znalosti neznají" in page and "šmoulí (3×)" in page


def test_resolved_hides_until_asked_again_and_ignored_hides_for_good(admin_client: ConsoleClient) -> None:
    storage = admin_client.console.storage
    seed(storage)
    keys = [storage_key(q) for q in KOTLIK]
    done = admin_client.post(
        "/mezery/stav", [("akce", "vyreseno"), *[("mezera", k) for k in keys]], headers={"HX-Request": "true"}
    )
    assert done.status_code == 200 and "Označeno jako vyřešené" in html.unescape(done.text)
    assert not any(KOTLIK[0] in g for g in articles(admin_client.get("/mezery").text))
    assert storage.gap_statuses()[keys[0]][0] == "resolved"
    later = (datetime.now(UTC) + timedelta(seconds=2)).isoformat(timespec="seconds")
    storage._write("UPDATE unanswered SET last_seen = ? WHERE normalized = ?", (later, keys[1]))  # asked again
    assert any(KOTLIK[1] in g for g in articles(admin_client.get("/mezery").text))
    weather = storage_key("jake bude zitra pocasi v moste")
    plain = admin_client.post("/mezery/stav", {"akce": "nepatri", "mezera": weather}, follow_redirects=False)
    assert plain.status_code == 303 and plain.headers["location"] == "/mezery"
    storage.log_question("jake bude zitra pocasi v moste", confident=False)
    assert not any("pocasi" in g for g in articles(admin_client.get("/mezery").text))


def test_marking_needs_an_action_and_questions(admin_client: ConsoleClient) -> None:
    assert admin_client.post("/mezery/stav", {"akce": "smazat", "mezera": "x"}).status_code == 422
    assert admin_client.post("/mezery/stav", {"akce": "vyreseno"}).status_code == 422


def storage_key(question: str) -> str:
    from bot.storage import normalize_question

    return normalize_question(question)


def test_grouping_uses_meaning_not_just_spelling(admin_client: ConsoleClient) -> None:
    engine = admin_client.console.engines.get()
    questions = [
        "kolik penez dostane ustecky kraj z fondu", "Kolik peněz dostane Ústecký kraj z FST?",
        "potrebuju kontakt na mas v podbořanech", "kontakt na MAS Podbořany", "jake bude zitra pocasi",
    ]  # fmt: skip
    items = [GapQuestion(q.lower(), q, 1, "2026-11-01T10:00:00+00:00", "unanswered") for q in questions]
    groups = group_questions(items, engine.embedder.embed_queries(questions))
    as_sets = sorted(sorted(q.question for q in g.questions) for g in groups)
    assert as_sets == sorted([sorted(questions[0:2]), sorted(questions[2:4]), [questions[4]]])


def test_question_texts_are_deleted_after_the_retention_period(tmp_path) -> None:  # type: ignore[no-untyped-def]
    storage = Storage.open(tmp_path / "bot.sqlite3")
    storage.log_question("stara otazka", confident=False)
    storage.log_question("nova otazka", confident=False)
    storage.add_feedback("a", "stara hodnocena otazka", [], -1)
    storage.set_gap_status(["stara otazka"], "ignored", "Jana")
    old = (datetime.now(UTC) - timedelta(days=91)).isoformat(timespec="seconds")
    storage._write("UPDATE unanswered SET last_seen = ? WHERE normalized = 'stara otazka'", (old,))
    storage._write("UPDATE feedback SET created_at = ?", (old,))
    storage._write("UPDATE gap_status SET at = ?", (old,))
    assert storage.purge() == 3
    assert [q.question for q in storage.gap_questions()] == ["nova otazka"]
    assert storage.feedback_counts() == (0, 1)  # the vote stays, its text is gone
    assert storage._read("SELECT question FROM feedback") == [("",)]
    assert storage.gap_statuses() == {}
    storage.close()
