from kd import db
from kd.accounts.models import User
from kd.core.passwords import verify_password
from tests.conftest import PASSWORD, mail_link

NEW = "a brand new passphrase"


def test_settings_change_name_and_language(app, client, post, login, make_user):
    user = make_user()
    login(user)
    response = post("/account/settings", {"display_name": "Arbër Gashi", "locale": "sq"})
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert (stored.display_name, stored.locale) == ("Arbër Gashi", "sq")
    assert '<html lang="sq">' in client.get("/").get_data(as_text=True)


def test_change_password_needs_current_password(app, post, login, make_user):
    user = make_user()
    login(user)
    response = post("/account/password", {"pw-current_password": "wrong one", "pw-password": NEW, "pw-confirm": NEW})
    assert response.status_code == 400
    assert "current password is not right" in response.get_data(as_text=True)
    response = post("/account/password", {"pw-current_password": PASSWORD, "pw-password": NEW, "pw-confirm": NEW})
    assert response.status_code == 302
    with app.app_context():
        assert verify_password(db.session.get(User, user.id).password_hash, NEW)


def test_change_password_keeps_this_session_but_ends_others(app, post, login, make_user):
    user = make_user()
    login(user)
    other = app.test_client()
    other_token = __import__("re").search(r'name="csrf_token" value="([^"]+)"',
                                          other.get("/account/login").get_data(as_text=True)).group(1)
    other.post("/account/login", data={"csrf_token": other_token, "email": user.email, "password": PASSWORD})
    assert other.get("/account/settings").status_code == 200
    post("/account/password", {"pw-current_password": PASSWORD, "pw-password": NEW, "pw-confirm": NEW})
    assert other.get("/account/settings").status_code == 302


def test_change_email_is_confirmed_by_a_link_to_the_new_address(app, client, post, login, make_user, outbox):
    user = make_user()
    login(user)
    response = post("/account/email", {"em-new_email": "new@example.org", "em-current_password": PASSWORD})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(User, user.id).email == user.email
    [message] = outbox()
    assert message["To"] == "new@example.org"
    client.get(mail_link(message, "/account/email/confirm/"))
    with app.app_context():
        assert db.session.get(User, user.id).email == "new@example.org"


def test_change_email_refuses_an_address_in_use(post, login, make_user):
    other = make_user()
    user = make_user()
    login(user)
    response = post("/account/email", {"em-new_email": other.email, "em-current_password": PASSWORD})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Another account uses this email address" in page
    assert f'value="{other.email}"' in page


def test_settings_need_login(client):
    response = client.get("/account/settings")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/login?next=")


def _second_browser(app, user):
    other = app.test_client()
    token = __import__("re").search(r'name="csrf_token" value="([^"]+)"',
                                    other.get("/account/login").get_data(as_text=True)).group(1)
    other.post("/account/login", data={"csrf_token": token, "email": user.email, "password": PASSWORD,
                                        "remember": "y"})
    assert other.get("/account/settings").status_code == 200
    return other


def test_a_cookie_saved_before_logout_no_longer_opens_the_account(app, client, post, login, make_user):
    user = make_user()
    login(user)
    other = _second_browser(app, user)
    saved = {name: client.get_cookie(name).value for name in ("session", "remember_token") if client.get_cookie(name)}
    post("/account/logout")
    replay = app.test_client()
    for name, value in saved.items():
        replay.set_cookie(name, value)
    assert replay.get("/account/settings").status_code == 302
    assert other.get("/account/settings").status_code == 302


def test_changing_the_email_ends_other_sessions_but_keeps_this_one(app, client, post, login, make_user, outbox):
    user = make_user()
    login(user)
    other = _second_browser(app, user)
    post("/account/email", {"em-new_email": "moved@example.org", "em-current_password": PASSWORD})
    client.get(mail_link(outbox()[0], "/account/email/confirm/"))
    assert other.get("/account/settings").status_code == 302
    assert client.get("/account/settings").status_code == 200
