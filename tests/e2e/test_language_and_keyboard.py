"""The language switch, keyboard-only use of the account forms, and the skip link."""
from __future__ import annotations

import pytest

from tests.e2e.helpers import focused, log_in, submit, tab_until, words
from tests.e2e.site import PASSWORD

pytestmark = pytest.mark.e2e


def switch_language(page, name: str) -> None:
    with page.expect_navigation():
        page.locator(".language-switch").locator("a, button", has_text=name).click()


def test_language_switch_changes_the_words_and_html_lang(visitor_page, live_site):
    page = visitor_page
    page.goto("/account/login")
    assert page.locator("html").get_attribute("lang") == "en"
    switch_language(page, "Shqip")
    assert page.url.endswith("/account/login")
    assert page.locator("html").get_attribute("lang") == "sq"
    assert page.locator("h1").inner_text() == words(live_site, "sq", "Log in") != "Log in"
    switch_language(page, "English")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Log in"


def test_a_members_language_choice_follows_them_to_another_browser(open_as, live_site):
    user = live_site.make_user()
    page = open_as()
    log_in(page, user.email)
    switch_language(page, "Shqip")
    assert live_site.user(user.email).locale == "sq"
    other_browser = open_as(language="en")
    log_in(other_browser, user.email)
    assert other_browser.locator("html").get_attribute("lang") == "sq"


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(visitor_page):
    page = visitor_page
    page.goto("/account/login")
    page.keyboard.press("Tab")
    assert focused(page) == "a:Skip to content"
    assert page.locator(".skip-link").bounding_box()["x"] >= 0
    page.keyboard.press("Enter")
    assert focused(page) == "main"
    page.keyboard.press("Tab")
    assert focused(page) == "email"


def test_logging_in_with_the_keyboard_only(visitor_page, live_site):
    user = live_site.make_user()
    page = visitor_page
    page.goto("/account/login")
    passed = tab_until(page, "email")
    assert "password" not in passed
    page.keyboard.type(user.email)
    assert tab_until(page, "password") == ["password"]
    page.keyboard.type(PASSWORD)
    assert tab_until(page, "remember") == ["remember"]
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert words(live_site, "en", "Welcome back, %(name)s.", name=user.display_name) in page.inner_text(".flashes")


def test_registering_with_the_keyboard_only(visitor_page, live_site):
    page = visitor_page
    page.goto("/account/register")
    tab_until(page, "display_name")
    for text, next_field in (("Liridona Berisha", "email"), ("liridona@example.org", "password"),
                             (PASSWORD, "confirm"), (PASSWORD, "locale")):
        page.keyboard.type(text)
        assert tab_until(page, next_field) == [next_field]
    page.keyboard.type("Shqip")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    user = live_site.user("liridona@example.org")
    assert user is not None and user.locale == "sq"


def test_pages_work_with_javascript_off(open_as, live_site):
    user = live_site.make_user()
    page = open_as(java_script_enabled=False)
    log_in(page, user.email)
    switch_language(page, "Shqip")
    assert page.locator("html").get_attribute("lang") == "sq"
    assert page.locator("h1").inner_text() == words(live_site, "sq", "The Kosovo diaspora, and what it achieves")
    page.goto("/account/forgot")
    submit(page)
    assert page.locator("#email-error").inner_text() == words(live_site, "sq", "This field is required.")
