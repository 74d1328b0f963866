from sqlalchemy import select

from kd import db
from kd.accounts.models import User


def test_login_with_right_password_and_logout(client, post, make_user, app):
    user = make_user()
    response = post("/account/login", {"email": user.email.upper(), "password": "correct horse battery"})
    assert response.status_code == 302
    assert "My account" in client.get("/").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, user.id).last_login_at is not None
    post("/account/logout")
    assert "Log in" in client.get("/").get_data(as_text=True)


def test_wrong_password_shows_error_and_keeps_email(post, make_user):
    user = make_user()
    response = post("/account/login", {"email": user.email, "password": "wrong password"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "not right" in page
    assert f'value="{user.email}"' in page


def test_disabled_account_cannot_log_in(post, make_user):
    user = make_user(disabled=True)
    response = post("/account/login", {"email": user.email, "password": "correct horse battery"})
    assert response.status_code == 400
    assert "disabled" in response.get_data(as_text=True)


def test_remember_me_sets_a_remember_cookie(client, post, make_user):
    user = make_user()
    post("/account/login", {"email": user.email, "password": "correct horse battery", "remember": "y"})
    assert client.get_cookie("remember_token", domain="kd.test") is not None


def test_login_redirects_only_to_local_next(post, make_user):
    user = make_user()
    data = {"email": user.email, "password": "correct horse battery"}
    assert post("/account/login", dict(data, next="/account/settings")).headers["Location"] == "/account/settings"
    post("/account/logout")
    assert post("/account/login", dict(data, next="https://evil.example/")).headers["Location"] == "/"
    post("/account/logout")
    assert post("/account/login", dict(data, next="//evil.example/")).headers["Location"] == "/"


def test_login_is_rate_limited_with_a_clear_message(app, post, make_user):
    app.config["LOGIN_RATE_LIMIT"] = "3 per 15 minutes"
    user = make_user()
    for _ in range(3):
        assert post("/account/login", {"email": user.email, "password": "wrong password"}).status_code == 400
    response = post("/account/login", {"email": user.email, "password": "correct horse battery"})
    assert response.status_code == 429
    assert "try again in 15 minutes" in response.get_data(as_text=True)
    assert int(response.headers["Retry-After"]) > 0


def test_login_rate_limit_counts_per_account_too(app, client, csrf, make_user):
    """Changing IP address does not help against one account."""
    app.config["LOGIN_RATE_LIMIT"] = "2 per 15 minutes"
    user = make_user()
    data = {"email": user.email, "password": "wrong password"}
    for address in ("10.0.0.1", "10.0.0.2"):
        client.post("/account/login", data={**data, "csrf_token": csrf()}, environ_base={"REMOTE_ADDR": address})
    response = client.post("/account/login", data={**data, "csrf_token": csrf()},
                           environ_base={"REMOTE_ADDR": "10.0.0.3"})
    assert response.status_code == 429


def test_session_ends_when_password_changes_elsewhere(app, client, login, make_user):
    user = make_user()
    login(user)
    with app.app_context():
        from kd.accounts.models import new_login_token
        stored = db.session.get(User, user.id)
        stored.login_token = new_login_token()
        db.session.commit()
    assert client.get("/account/settings").status_code == 302


def test_account_locks_after_repeated_failures_and_reset_unlocks(app, post, make_user, outbox):
    app.config.update(LOCKOUT_THRESHOLD=3, LOCKOUT_MINUTES=15, LOGIN_RATE_LIMIT="100 per minute")
    user = make_user()
    for _ in range(3):
        post("/account/login", {"email": user.email, "password": "wrong password"})
    locked = post("/account/login", {"email": user.email, "password": "correct horse battery"})
    assert locked.status_code == 400
    assert "locked after too many failed attempts. Try again in 15 minutes" in locked.get_data(as_text=True)
    post("/account/forgot", {"email": user.email})
    from tests.conftest import mail_link
    link = mail_link(outbox()[-1], "/account/reset/")
    post(link, {"password": "a brand new passphrase", "confirm": "a brand new passphrase"})
    assert post("/account/login", {"email": user.email, "password": "a brand new passphrase"}).status_code == 302


def test_a_successful_login_resets_the_failure_count(app, post, make_user):
    app.config.update(LOCKOUT_THRESHOLD=3, LOGIN_RATE_LIMIT="100 per minute")
    user = make_user()
    for _ in range(2):
        post("/account/login", {"email": user.email, "password": "wrong password"})
    assert post("/account/login", {"email": user.email, "password": "correct horse battery"}).status_code == 302
    post("/account/logout")
    for _ in range(2):
        post("/account/login", {"email": user.email, "password": "wrong password"})
    assert post("/account/login", {"email": user.email, "password": "correct horse battery"}).status_code == 302
