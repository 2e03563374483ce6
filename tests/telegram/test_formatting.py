"""Telegram HTML: escaping, answers rendered with dated source links, safe splitting."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.answer import Answer, Passage, Source
from bot.formatting import SAFE_LENGTH, esc, link, split_html, strip_tags
from bot.render import passage_html, render_html, sources_html
from kb.text import format_date_cs
from tests.telegram.tg_html import TelegramHtmlError, check_telegram_html, visible_text


def test_escape_markup_and_script() -> None:
    out = esc('<script>alert("x")</script> & <b>')
    assert "<" not in out and ">" not in out
    check_telegram_html(out)
    assert visible_text(out) == '<script>alert("x")</script> & <b>'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-07-01", "1. 7. 2024"),
        ("2023-05", "5/2023"),
        ("2024", "2024"),
        (None, None),
        ("", None),
        ("2024-02-30", "2024-02-30"),
    ],
)
def test_format_date_cs(value, expected) -> None:
    assert format_date_cs(value) == expected


def test_link_only_for_http_urls() -> None:
    assert link("OPST", "https://www.mzp.cz/a?b=1&c=2") == '<a href="https://www.mzp.cz/a?b=1&amp;c=2">OPST</a>'
    assert link("x", "javascript:alert(1)") == "x"
    assert link("x", 'https://e.cz/"onmouseover="a') == "x"
    check_telegram_html(link("a<b", "https://e.cz/?q=<1>"))


def test_answer_has_body_first_then_dated_sources_then_mas_line() -> None:
    ans = Answer(
        question="q",
        body="Fond pomáhá <obcím> & firmám.",
        confident=True,
        sources=[
            Source("OPST – přehled", "https://opst.cz/x", "knowledge/opst.md", "2024-07-01"),
            Source("OPST – přehled", "https://opst.cz/x", "knowledge/opst.md", "2024-07-01"),
            Source("Bez odkazu", None, "knowledge/x.md", None),
        ],
        place=SimpleNamespace(mas_line=lambda: "Vaše MAS: MAS Labské skály (web: https://example.cz)"),
    )
    out = render_html(ans)
    check_telegram_html(out)
    assert out.startswith("Fond pomáhá &lt;obcím&gt; &amp; firmám.")
    assert out.count("opst.cz/x") == 1  # de-duplicated
    assert '<a href="https://opst.cz/x">opst.cz</a> – OPST – přehled <i>(stav k 1. 7. 2024)</i>' in out
    assert "• Bez odkazu" in out
    assert out.rstrip().endswith("Vaše MAS: MAS Labské skály (web: https://example.cz)")
    assert out.index("Zdroje") < out.index("Vaše MAS")


def test_unconfident_answer_has_suggestions_notes_and_contact_line() -> None:
    ans = Answer(
        question="q",
        body="Nevím.",
        confident=False,
        suggestions=["Brownfieldy", "OPST <x>"],
        notes=["Pozor: termín 30. 6. 2024 už uplynul."],
        contact_line="Obraťte se na Krajské sdružení NS MAS & spol.",
    )
    out = render_html(ans)
    check_telegram_html(out)
    assert "Možná vás zajímá: <b>Brownfieldy</b>; <b>OPST &lt;x&gt;</b>." in out
    assert out.index("Pozor") < out.index("Možná") < out.index("Krajské")
    assert out.endswith("Krajské sdružení NS MAS &amp; spol.")


def test_no_sources_no_heading() -> None:
    assert sources_html([]) == ""


def test_passage_is_quoted_and_trimmed() -> None:
    passage = Passage(
        "c1", "slovo " * 2000, "Titul", "OPST > Kdo může žádat", "k/a.md", "https://opst.cz", "2024-01-31", 1
    )
    out = passage_html(passage, limit=500)
    check_telegram_html(out)
    assert len(out) < 800 and "…" in out and "stav k 31. 1. 2024" in out
    assert "OPST &gt; Kdo může žádat" in out


def test_short_text_is_not_split() -> None:
    assert split_html("ahoj") == ["ahoj"]
    assert split_html("") == []


def test_split_prefers_paragraphs_and_keeps_all_text() -> None:
    paras = [f"<b>Odstavec {i}</b> " + ("slovo " * 60).strip() for i in range(40)]
    text = "\n\n".join(paras)
    parts = split_html(text, limit=1000)
    assert len(parts) > 1
    for p in parts:
        assert len(p) <= 1000
        check_telegram_html(p)
        assert p.startswith("<b>Odstavec")  # every part starts at a paragraph
    assert " ".join(visible_text(p) for p in parts).split() == visible_text(text).split()


def test_split_inside_open_tag_closes_and_reopens() -> None:
    text = "<b>" + " ".join(f"slovo{i}" for i in range(3000)) + '</b> <a href="https://e.cz">odkaz</a>'
    parts = split_html(text, limit=4000)
    assert len(parts) >= 5
    for p in parts:
        assert len(p) <= 4000
        check_telegram_html(p)
    assert parts[1].startswith("<b>") and parts[0].endswith("</b>")
    assert visible_text("".join(parts)).replace(" ", "") == visible_text(text).replace(" ", "")


def test_split_never_cuts_entities_or_long_words() -> None:
    text = "&amp;" * 3000 + "x" * 9000
    parts = split_html(text, limit=SAFE_LENGTH)
    for p in parts:
        check_telegram_html(p)
        assert len(p) <= SAFE_LENGTH
    assert "".join(visible_text(p) for p in parts) == "&" * 3000 + "x" * 9000


def test_split_4096_char_user_text_escaped() -> None:
    question = "<script>" * 512  # 4096 characters, grows ×1.5 when escaped
    parts = split_html("Otázka: " + esc(question))
    assert len(parts) == 2
    for p in parts:
        check_telegram_html(p)


def test_checker_rejects_broken_html() -> None:
    for bad in [
        "<b>x",
        "x</b>",
        "<b><i>x</b></i>",
        "a < b",
        "a & b",
        "&nbsp;",
        "<div>x</div>",
        "<a>x</a>",
        "",
    ]:
        with pytest.raises(TelegramHtmlError):
            check_telegram_html(bad)


def test_strip_tags() -> None:
    assert strip_tags('<b>a &amp; b</b> <a href="x">c</a>') == "a & b c"
