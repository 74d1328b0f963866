"""After confirming the address the member lands on what to do next, not the bare home page."""
from __future__ import annotations

import re

from tests.accounts.test_registration import VALID
from tests.conftest import mail_link


def test_confirming_the_address_leads_to_the_next_steps(client, post, outbox):
    post("/account/register", VALID)
    response = client.get(mail_link(outbox()[0], "/account/confirm/"))
    assert response.status_code == 302 and response.headers["Location"].endswith("/account/welcome")
    page = client.get("/account/welcome").get_data(as_text=True)
    assert "your email address is confirmed" in page
    for link in ('href="/my/profiles/new"', 'href="/my/stories/new"', 'href="/my/profiles/new?about=other"'):
        assert link in page
    assert "Log in first" in page


def test_a_logged_in_member_goes_straight_to_the_forms(client, make_user, login):
    login(make_user())
    page = client.get("/account/welcome").get_data(as_text=True)
    assert "Log in first" not in page
    assert 'href="/my/profiles/new?about=other"' in page
    assert 'href="/from"' in page and 'href="/helpers"' in page  # follow your town, find someone who can help


def test_the_nomination_link_opens_the_form_for_someone_else(client, make_user, login):
    login(make_user())
    page = client.get("/my/profiles/new?about=other").get_data(as_text=True)
    assert _checked(page, "other")
    assert not _checked(page, "self")


def _checked(page: str, value: str) -> bool:
    return bool(re.search(rf'<input[^>]*checked[^>]*value="{value}"|<input[^>]*value="{value}"[^>]*checked', page))


def test_my_account_links_a_members_own_pages(client, make_user, login):
    login(make_user())
    page = client.get("/account/settings").get_data(as_text=True)
    for path in ("/my/submissions", "/follows", "/my/requests"):
        assert f'href="{path}"' in page, path
