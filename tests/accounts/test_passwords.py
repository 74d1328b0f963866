from kd import db
from kd.accounts.models import User
from kd.core.passwords import verify_password
from tests.conftest import mail_link

NEW = "a brand new passphrase"


def _request_reset(post, outbox, user) -> str:
    post("/account/forgot", {"email": user.email})
    return mail_link(outbox()[-1], "/account/reset/")


def test_reset_link_sets_a_new_password_once(app, client, post, make_user, outbox):
    user = make_user()
    link = _request_reset(post, outbox, user)
    response = post(link, {"password": NEW, "confirm": NEW})
    assert response.headers["Location"] == "/account/login"
    with app.app_context():
        assert verify_password(db.session.get(User, user.id).password_hash, NEW)
    again = post(link, {"password": "yet another passphrase", "confirm": "yet another passphrase"},
                 follow_redirects=True)
    assert "has been used already" in again.get_data(as_text=True)
    with app.app_context():
        assert verify_password(db.session.get(User, user.id).password_hash, NEW)


def test_forgot_password_does_not_reveal_whether_an_account_exists(post, outbox, make_user):
    known = post("/account/forgot", {"email": make_user().email}, follow_redirects=True).get_data(as_text=True)
    unknown = post("/account/forgot", {"email": "nobody@example.org"}, follow_redirects=True).get_data(as_text=True)
    assert "a link to choose a new password is on its way" in known
    assert "a link to choose a new password is on its way" in unknown
    assert len(outbox()) == 1


def test_expired_reset_link_is_refused(app, post, make_user, outbox):
    user = make_user()
    link = _request_reset(post, outbox, user)
    app.config["RESET_TOKEN_MAX_AGE"] = -1
    response = post(link, {"password": NEW, "confirm": NEW}, follow_redirects=True)
    assert "expired" in response.get_data(as_text=True)
    with app.app_context():
        assert not verify_password(db.session.get(User, user.id).password_hash, NEW)


def test_tampered_reset_link_is_refused(app, post, make_user, outbox):
    user = make_user()
    link = _request_reset(post, outbox, user)
    response = post(link.replace(".", "A", 1), {"password": NEW, "confirm": NEW}, follow_redirects=True)
    assert "not valid" in response.get_data(as_text=True)


def test_reset_form_errors_are_shown(post, make_user, outbox):
    link = _request_reset(post, outbox, make_user())
    response = post(link, {"password": NEW, "confirm": "something else"})
    assert response.status_code == 400
    assert "do not match" in response.get_data(as_text=True)


def test_password_reset_requests_are_rate_limited(app, post, make_user):
    app.config["RESET_RATE_LIMIT"] = "2 per hour"
    user = make_user()
    assert post("/account/forgot", {"email": user.email}).status_code == 302
    assert post("/account/forgot", {"email": user.email}).status_code == 302
    response = post("/account/forgot", {"email": user.email})
    assert response.status_code == 429
    assert "try again in 60 minutes" in response.get_data(as_text=True)
