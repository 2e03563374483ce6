"""Real browser tests: Debian's Chromium (through Playwright) against `python -m bot console` on 127.0.0.1."""

from __future__ import annotations

import pytest

from .conftest import Server, screenshot

pytestmark = pytest.mark.slow


def test_sign_in_with_a_link_and_out_again(console_server: Server, browser_page) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    page.goto(console_server.url + "/")
    assert page.url.endswith("/prihlaseni")
    screenshot(page, "prihlaseni")
    page.goto(console_server.link())
    assert page.url == console_server.url + "/"
    assert page.get_by_text("Jana Nováková").is_visible()
    screenshot(page, "prehled")
    page.get_by_role("button", name="Odhlásit se").click()
    page.wait_for_url("**/prihlaseni?odhlaseno=1")
    assert page.get_by_text("Byli jste odhlášeni").is_visible()
