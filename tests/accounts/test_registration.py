from sqlalchemy import select

from kd import db
from kd.accounts.models import User
from kd.audit.models import AuditEntry
from tests.conftest import PASSWORD, mail_link

VALID = {"display_name": "Drita Krasniqi", "email": "Drita@Example.org", "password": PASSWORD,
         "confirm": PASSWORD, "locale": "en"}


def _in_albanian(text: str) -> str:
    from flask_babel import force_locale, gettext
    with force_locale("sq"):
        return gettext(text)


def test_register_creates_unconfirmed_member_and_mails_link_in_their_language(app, post, outbox):
    response = post("/account/register", dict(VALID, locale="sq"))
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalars(select(User)).one()
        assert user.email == "drita@example.org"
        assert not user.email_confirmed
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash
        assert db.session.scalars(select(AuditEntry.action)).all() == ["user.registered"]
    [message] = outbox()
    assert message["To"] == "drita@example.org"
    with app.test_request_context():
        expected_subject = _in_albanian("Confirm your email address for KD")
    assert expected_subject != "Confirm your email address for KD"
    assert message["Subject"] == expected_subject
    assert message.get_body(preferencelist=("html",)) is not None


def test_confirmation_link_confirms_the_address(app, client, post, outbox):
    post("/account/register", VALID)
    link = mail_link(outbox()[0], "/account/confirm/")
    assert client.get(link).status_code == 302
    with app.app_context():
        assert db.session.scalars(select(User)).one().email_confirmed


def test_tampered_confirmation_link_is_refused(app, client, post, outbox):
    post("/account/register", VALID)
    link = mail_link(outbox()[0], "/account/confirm/")
    response = client.get(link[:-3] + "xyz", follow_redirects=True)
    assert "not valid" in response.get_data(as_text=True)
    with app.app_context():
        assert not db.session.scalars(select(User)).one().email_confirmed


def test_expired_confirmation_link_is_refused(app, client, post, outbox):
    post("/account/register", VALID)
    link = mail_link(outbox()[0], "/account/confirm/")
    app.config["CONFIRM_TOKEN_MAX_AGE"] = -1
    response = client.get(link, follow_redirects=True)
    assert "expired" in response.get_data(as_text=True)
    with app.app_context():
        assert not db.session.scalars(select(User)).one().email_confirmed


def test_registration_errors_keep_typed_values_and_name_each_field(app, post):
    bad = dict(VALID, email="not-an-address", password="short", confirm="different")
    response = post("/account/register", bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'value="Drita Krasniqi"' in page
    assert 'value="not-an-address"' in page
    assert 'id="email-error"' in page and "valid email address" in page
    assert 'id="password-error"' in page and "10 to 128 characters" in page
    assert 'aria-describedby="email-error"' in page
    with app.app_context():
        assert db.session.scalars(select(User)).all() == []


def test_duplicate_email_is_refused_case_insensitively(app, post, make_user):
    make_user(email="drita@example.org")
    response = post("/account/register", VALID)
    assert response.status_code == 400
    assert "already exists" in response.get_data(as_text=True)
    with app.app_context():
        assert len(db.session.scalars(select(User)).all()) == 1


def test_post_without_csrf_token_is_refused(app, client):
    response = client.post("/account/register", data={k: v for k, v in VALID.items()})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalars(select(User)).all() == []


def test_resend_confirmation_sends_a_new_link(client, post, login, make_user, outbox):
    user = make_user(confirmed=False)
    login(user)
    post("/account/confirm/resend", {"next": "/"})
    assert [m["To"] for m in outbox()] == [user.email]
