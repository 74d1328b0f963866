import pytest
from flask import abort

from kd.core.auth import confirmed_required


def test_not_found_page_is_friendly_in_both_languages(client):
    english = client.get("/no-such-page")
    assert english.status_code == 404
    assert "We could not find this page" in english.get_data(as_text=True)
    albanian = client.get("/no-such-page", headers={"Accept-Language": "sq"})
    assert albanian.status_code == 404
    assert '<html lang="sq">' in albanian.get_data(as_text=True)
    assert "We could not find this page" not in albanian.get_data(as_text=True)


@pytest.mark.parametrize("code", [400, 403, 413, 500])
def test_error_pages_render(app, code):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get(f"/boom-{code}")
    def boom():
        if code == 500:
            raise RuntimeError("unexpected")
        abort(code)

    response = app.test_client().get(f"/boom-{code}")
    assert response.status_code == code
    assert f'class="error-code">{code}<' in response.get_data(as_text=True)


def test_unconfirmed_member_cannot_reach_a_submission_page(app, make_user):
    @app.get("/submit-test")
    @confirmed_required
    def submit_test():
        return "form"

    client = app.test_client()
    unconfirmed = make_user(confirmed=False)
    token = __import__("re").search(r'name="csrf_token" value="([^"]+)"',
                                    client.get("/account/login").get_data(as_text=True)).group(1)
    client.post("/account/login", data={"csrf_token": token, "email": unconfirmed.email,
                                        "password": "correct horse battery"})
    assert client.get("/submit-test").status_code == 403
    assert "confirm your email address" in client.get("/").get_data(as_text=True)


def test_security_headers_are_set(client):
    response = client.get("/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
