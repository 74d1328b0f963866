"""An answer that sets a cookie is private; a page served from the cache holds no other visitor's CSRF token."""

import pytest

from tests.conftest import CSRF_PATTERN

PUBLIC_PAGES = ["/", "/stories", "/people", "/actions", "/search", "/account/login", "/account/register",
                "/newsletter/", "/collections", "/about", "/diaspora"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_an_anonymous_page_never_both_sets_a_cookie_and_says_public(app, path):
    response = app.test_client().get(path)
    assert response.status_code == 200, path
    if "Set-Cookie" in response.headers:
        assert "public" not in response.headers.get("Cache-Control", "")
        assert "private" in response.headers["Cache-Control"] or "no-store" in response.headers["Cache-Control"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_page_from_the_cache_holds_no_csrf_token_of_another_visitor(app, path):
    first = app.test_client().get(path)
    assert first.status_code == 200, path
    theirs = set(CSRF_PATTERN.findall(first.get_data(as_text=True)))
    second = app.test_client().get(path)
    mine = set(CSRF_PATTERN.findall(second.get_data(as_text=True)))
    assert not (theirs & mine)
