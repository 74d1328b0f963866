
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


def test_login_rate_limit_counts_per_client_address(app, client, csrf, make_user):
    """One client is throttled at once; another address still may try (and the owner log in)."""
    app.config["LOGIN_RATE_LIMIT"] = "2 per 15 minutes"
    user = make_user()
    data = {"email": user.email, "password": "wrong password"}
    statuses = [client.post("/account/login", data={**data, "csrf_token": csrf()},
                            environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code for _ in range(3)]
    assert statuses == [400, 400, 429]
    other = client.post("/account/login", data={**data, "csrf_token": csrf()}, environ_base={"REMOTE_ADDR": "10.0.0.2"})
    assert other.status_code == 400


def test_session_ends_when_password_changes_elsewhere(app, client, login, make_user):
    user = make_user()
    login(user)
    with app.app_context():
        from kd.accounts.models import new_login_token
        stored = db.session.get(User, user.id)
        stored.login_token = new_login_token()
        db.session.commit()
    assert client.get("/account/settings").status_code == 302


def test_wrong_passwords_from_elsewhere_never_lock_the_owner_out(app, client, post, make_user):
    app.config.update(LOGIN_RATE_LIMIT="1000 per minute", LOGIN_ACCOUNT_RATE_LIMIT="3 per 15 minutes")
    user = make_user()
    attacker = {"REMOTE_ADDR": "198.51.100.7"}
    refused = [post("/account/login", {"email": user.email, "password": "wrong password"},
                    environ_base=attacker).status_code for _ in range(5)]
    assert refused == [400, 400, 400, 429, 429]
    owner = post("/account/login", {"email": user.email, "password": "correct horse battery"})
    assert owner.status_code == 302


def test_unknown_and_known_addresses_get_the_same_answer_at_the_same_cost(app, post, make_user, monkeypatch):
    from kd.accounts import services

    verified = []
    real_verify = services.verify_password
    monkeypatch.setattr(services, "verify_password", lambda *args: verified.append(1) or real_verify(*args))
    user = make_user()
    known = post("/account/login", {"email": user.email, "password": "wrong password"})
    unknown = post("/account/login", {"email": "nobody@example.org", "password": "wrong password"})
    assert known.status_code == unknown.status_code == 400
    message = "The email address or password is not right."
    for response in (known, unknown):
        assert message in response.get_data(as_text=True), response.get_data(as_text=True)[-2500:]
    assert verified == [1, 1]  # one Argon2 verification each
