from sqlalchemy import select

from kd import db
from kd.accounts.models import User
from kd.audit.models import AuditEntry
from tests.conftest import CSRF_PATTERN, PASSWORD, mail_link

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


def _register_as_a_stranger(app, data: dict):
    """A fresh browser posts the form; what it sees: status, where it is sent, the page it lands on, its cookies."""
    client = app.test_client()
    token = CSRF_PATTERN.search(client.get("/account/register").get_data(as_text=True)).group(1)
    response = client.post("/account/register", data=dict(data, csrf_token=token))
    landing = client.get(response.headers.get("Location", "/"))
    page = CSRF_PATTERN.sub("", landing.get_data(as_text=True))
    with client.session_transaction() as browser_session:
        logged_in = "_user_id" in browser_session
    return response.status_code, response.headers.get("Location"), page, logged_in


def test_registering_an_address_in_use_answers_exactly_like_a_new_one(app, make_user, outbox):
    make_user(email="taken@example.org", display_name="Arta Hoxha")
    taken = _register_as_a_stranger(app, dict(VALID, email="Taken@Example.org"))
    fresh = _register_as_a_stranger(app, dict(VALID, email="taken@example.org".replace("taken", "fresh")))
    assert taken[0] == fresh[0] == 302
    assert taken[1] == fresh[1]
    assert taken[2].replace("taken@", "fresh@") == fresh[2]
    assert taken[3] is fresh[3] is False
    with app.app_context():
        assert db.session.scalars(select(User.email).order_by(User.email)).all() == ["fresh@example.org",
                                                                                     "taken@example.org"]


def test_registering_an_address_in_use_costs_one_password_hash_like_a_new_one(app, post, make_user, monkeypatch):
    from kd.accounts import services
    hashed = []
    real_hash = services.hash_password
    monkeypatch.setattr(services, "hash_password", lambda password: hashed.append(password) or real_hash(password))
    make_user(email="taken@example.org")
    post("/account/register", dict(VALID, email="taken@example.org"))
    post("/account/register", dict(VALID, email="fresh@example.org"))
    assert hashed == [PASSWORD, PASSWORD]


def test_owner_of_an_address_in_use_is_mailed_a_note_in_their_language(app, post, make_user, outbox):
    make_user(email="taken@example.org", display_name="Arta Hoxha", locale="sq")
    post("/account/register", dict(VALID, email="taken@example.org"))
    [message] = outbox()
    assert message["To"] == "taken@example.org"
    with app.test_request_context():
        assert message["Subject"] == _in_albanian("Someone tried to register on KD with your address")
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "http://kd.test/account/login\n" in text and "http://kd.test/account/forgot\n" in text
    assert "/account/confirm/" not in text
    with app.app_context():
        assert db.session.scalars(select(AuditEntry.action)).all() == []


def test_forgotten_password_request_answers_alike_for_known_and_unknown_addresses(app, make_user, outbox):
    make_user(email="known@example.org")
    answers = []
    for address in ("known@example.org", "nobody@example.org"):
        client = app.test_client()
        token = CSRF_PATTERN.search(client.get("/account/forgot").get_data(as_text=True)).group(1)
        response = client.post("/account/forgot", data={"email": address, "csrf_token": token})
        page = CSRF_PATTERN.sub("", client.get(response.headers["Location"]).get_data(as_text=True))
        answers.append((response.status_code, response.headers["Location"], page.replace(address, "ADDRESS")))
    assert answers[0] == answers[1]
    assert [m["To"] for m in outbox()] == ["known@example.org"]


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
