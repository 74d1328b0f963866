import pytest

from kd.core.visitors import may_be_logged_in


@pytest.mark.parametrize("cookie, expected", [
    (None, False), ("kd_lang=sq", False), ("session=abc", True), ("remember_token=1|x", True),
    ("kd_lang=sq; session=abc", True)])
def test_only_a_login_cookie_can_mean_a_member(app, cookie, expected):
    headers = {"Cookie": cookie} if cookie else {}
    with app.test_request_context("/", headers=headers):
        assert may_be_logged_in() is expected


def test_remember_me_alone_keeps_pages_private(client):
    client.set_cookie("remember_token", "1|not-valid", domain="kd.test")
    response = client.get("/")
    assert "private" in response.headers["Cache-Control"] and response.headers.get("X-Cache") is None
