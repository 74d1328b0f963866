"""Account journeys as a person makes them, in English and in Albanian."""
from __future__ import annotations

import pytest

from tests.conftest import mail_link
from tests.e2e.helpers import flash_text, log_in, log_out, submit, words
from tests.e2e.site import PASSWORD

pytestmark = pytest.mark.e2e
NEW_PASSWORD = "a brand new passphrase"


def fill_registration(page, name: str, address: str, password: str, confirm: str, language: str) -> None:
    page.goto("/account/register")
    page.locator("#display_name").fill(name)
    page.locator("#email").fill(address)
    page.locator("#password").fill(password)
    page.locator("#confirm").fill(confirm)
    page.locator("#locale").select_option(language)
    submit(page)


@pytest.mark.parametrize("language", ["en", "sq"])
def test_register_confirm_by_mail_log_in_and_out(open_as, live_site, language):
    page = open_as(language=language)
    address = f"journey-register-{language}@example.org"
    fill_registration(page, "Drita Gashi", address, PASSWORD, PASSWORD, language)
    assert words(live_site, language, "Thank you. We sent a message to %(email)s: follow its link to confirm your "
                 "address, then log in.", email=address) in flash_text(page)
    assert page.url.endswith("/account/login")

    [message] = live_site.mail_to(address)
    assert message["Subject"] == words(live_site, language, "Confirm your email address for KD")
    page.goto(mail_link(message, "/account/confirm/"))
    assert words(live_site, language, "Thank you, your email address is confirmed.") in flash_text(page)
    assert live_site.user(address).email_confirmed
    assert page.url.endswith("/account/welcome")
    assert page.locator("h1").inner_text() == words(live_site, language, "What would you like to do first?")

    log_in(page, address)
    assert words(live_site, language, "Welcome back, %(name)s.", name="Drita Gashi") in flash_text(page)
    log_out(page)
    assert words(live_site, language, "You are logged out.") in flash_text(page)


@pytest.mark.parametrize("language", ["en", "sq"])
def test_forgotten_password_is_reset_through_the_mailed_link(open_as, live_site, language):
    user = live_site.make_user(locale=language)
    page = open_as(language=language)
    page.goto("/account/forgot")
    page.locator("#email").fill(user.email)
    submit(page)
    [message] = live_site.mail_to(user.email)
    assert message["Subject"] == words(live_site, language, "Choose a new password for KD")

    page.goto(mail_link(message, "/account/reset/"))
    page.locator("#password").fill(NEW_PASSWORD)
    page.locator("#confirm").fill(NEW_PASSWORD)
    submit(page)
    assert page.url.endswith("/account/login")
    assert words(live_site, language, "Your password is changed. You can log in with it now.") in flash_text(page)
    log_in(page, user.email, NEW_PASSWORD)


@pytest.mark.parametrize("language", ["en", "sq"])
def test_form_errors_keep_the_typed_text_and_sit_next_to_their_fields(open_as, live_site, language):
    page = open_as(language=language)
    response_status = []
    page.on("response", lambda response: response.request.method == "POST" and response_status.append(
        response.status))
    fill_registration(page, "Arbër Krasniqi", "arber@example.org", "short", "different", language)

    assert response_status == [400]
    assert page.locator("#display_name").input_value() == "Arbër Krasniqi"
    assert page.locator("#email").input_value() == "arber@example.org"
    assert page.locator("#locale").input_value() == language
    password = page.locator("#password")
    assert password.get_attribute("aria-invalid") == "true"
    assert "password-error" in password.get_attribute("aria-describedby").split()
    assert page.locator("#password-error").inner_text() == words(
        live_site, language, "A password needs 10 to 128 characters.")
    assert page.locator("#confirm-error").inner_text() == words(
        live_site, language, "The two passwords do not match.")
    assert live_site.user("arber@example.org") is None


def test_admin_makes_a_member_an_editor(open_as, live_site):
    member = live_site.make_user(display_name="Blerta Hoxha")
    page = open_as("admin")
    page.goto("/admin/users")
    page.locator("#user-search").fill("Blerta")
    submit(page, "main form[role=search]")
    page.get_by_role("link", name="Blerta Hoxha").click()
    page.locator("#role").select_option("editor")
    submit(page)
    assert words(live_site, "en", "%(name)s is now: %(role)s.", name="Blerta Hoxha", role="Editor") in flash_text(page)
    assert live_site.user(member.email).role.value == "editor"

    member_page = open_as()
    log_in(member_page, member.email)
    member_page.get_by_role("link", name="Editor dashboard").click()
    assert member_page.locator("h1").inner_text() == "Editor dashboard"
