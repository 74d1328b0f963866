import socket

import pytest
from flask import abort
from sqlalchemy.exc import IntegrityError

from kd import create_app
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


def test_a_database_that_refuses_connections_is_a_503_with_retry_after(tmp_path, caplog):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret-key-that-is-long-enough-for-checks",
                      "DATABASE_URL": f"postgresql+psycopg://kd@127.0.0.1:{port}/kd",
                      "INSTANCE_DIR": str(tmp_path), "RATELIMIT_STORAGE_URI": "memory://"})
    client = app.test_client()
    visitor = client.get("/")
    with client.session_transaction() as session:
        session["_user_id"] = "1:token"  # a member: loading them needs the database too
    member = client.get("/account/settings")
    for response in (visitor, member):
        assert response.status_code == 503 and int(response.headers["Retry-After"]) > 0
        assert "The site is briefly unavailable" in response.get_data(as_text=True)
    assert "Database unavailable on GET /account/settings" in caplog.text
    app.extensions["kd.engine"].dispose()


def test_other_database_errors_stay_500s(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/duplicate")
    def duplicate():
        raise IntegrityError("INSERT", {}, Exception("duplicate key"))

    response = app.test_client().get("/duplicate")
    assert response.status_code == 500 and 'class="error-code">500<' in response.get_data(as_text=True)
