"""One URL validator for the site: a malformed address is a readable form error or a 4xx, never a 500."""
from __future__ import annotations

import html

import pytest
from sqlalchemy import func, select

from kd import db
from kd.core.urls import InvalidURL, parse_public_url
from kd.profiles.models import Profile
from kd.stories.models import Story
from tests.profiles.conftest import profile_form, story_form

MALFORMED = ["https://[::1", "http://[", "http://a:99999", "http://exa mple.com", "https://exa\x07mple.com",
             "javascript:alert(1)", "ftp://example.org/x", "https://", "https://-bad-.example",
             "https://example.org/" + "a" * 600, "example.org"]


@pytest.mark.parametrize("address", MALFORMED)
def test_malformed_addresses_are_refused_with_a_message(app, address):
    with app.test_request_context(), pytest.raises(InvalidURL) as refused:
        parse_public_url(address)
    assert str(refused.value)


@pytest.mark.parametrize("address", ["https://example.org/a?b=c#d", " http://Example.ORG ", "https://[::1]:8080/x",
                                     "https://dëshmi.example/faqe"])
def test_good_addresses_come_back_cleaned(app, address):
    with app.test_request_context():
        assert parse_public_url(address) == address.strip()


@pytest.mark.parametrize("address", ["https://[::1", "http://a:99999", "http://exa mple.com"])
def test_a_malformed_profile_link_is_a_form_error_that_keeps_the_text(app, make_user, login, post, address):
    login(make_user())
    response = post("/my/profiles/new", profile_form(links=address))
    assert response.status_code == 400
    page = html.unescape(response.get_data(as_text=True))
    assert "Each line must be a web address" in page and address in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Profile)) == 0


@pytest.mark.parametrize("address", ["https://[::1", "http://["])
def test_a_malformed_story_source_is_a_form_error(app, make_user, login, post, address):
    login(make_user())
    response = post("/my/stories/new", story_form(**{"sources-0-url": address}))
    assert response.status_code == 400
    page = html.unescape(response.get_data(as_text=True))
    assert "Enter a web address that starts with https://" in page and address in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Story)) == 0


@pytest.mark.parametrize("address", ["https://[::1", "http://a:99999", "http://kd.test/stories/%ff%fe"])
def test_oembed_with_a_malformed_address_is_a_4xx(client, address):
    assert client.get("/oembed", query_string={"url": address}).status_code in (400, 404)


def test_a_next_parameter_that_cannot_be_parsed_falls_back(client, csrf):
    response = client.post("/language", data={"language": "sq", "next": "//[", "csrf_token": csrf()})
    assert response.status_code in (302, 303) and response.headers["Location"] in ("/", "http://kd.test/")
