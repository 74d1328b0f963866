"""What a person does in the browser (open, submit, log in, tab), and the words the site shows."""
from __future__ import annotations

from flask_babel import force_locale, gettext
from playwright.sync_api import Page, Response

from tests.e2e.pages import PageVisit
from tests.e2e.site import PASSWORD


def visit(page: Page, site, visit_: PageVisit) -> Response:
    """Open the page (and post its first form empty, for error states); the final response."""
    response = page.goto(visit_.kind.url(site))
    if visit_.kind.submit_empty:
        with page.expect_navigation() as navigation:
            page.locator("main form button[type=submit]:not([value=find])").first.click()  # Find only searches
        response = navigation.value
    assert response is not None
    assert response.status == visit_.kind.status, f"{visit_.id}: {response.status} {response.url}"
    return response


def words(site, language: str, message: str, **values) -> str:
    """The site's own translation of message, as the page in that language shows it."""
    with site.app.test_request_context(), force_locale(language):
        return gettext(message, **values)


def flash_text(page: Page) -> str:
    return page.locator(".flashes").inner_text()


def submit(page: Page, form: str = "main form") -> None:
    """Click the form's submit button and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").first.click()


def log_in(page: Page, email_address: str, password: str = PASSWORD) -> None:
    page.goto("/account/login")
    page.locator("#email").fill(email_address)
    page.locator("#password").fill(password)
    submit(page)
    assert page.locator("header form[action$='/account/logout']").count() == 1, page.content()


def log_out(page: Page) -> None:
    with page.expect_navigation():
        page.locator("header form[action$='/account/logout'] button").click()


def focused(page: Page) -> str:
    """A short name for the focused element: its id, else its tag and text."""
    return page.evaluate("""() => { const e = document.activeElement;
        return e.id || (e.tagName.toLowerCase() + ':' + (e.textContent || '').trim()); }""")


def tab_until(page: Page, target: str, limit: int = 40) -> list[str]:
    """Press Tab until the element named target (see focused()) has focus; the names passed on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(focused(page))
        if seen[-1] == target:
            return seen
    raise AssertionError(f"Tab never reached {target}: {seen}")
