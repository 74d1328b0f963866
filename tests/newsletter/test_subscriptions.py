from sqlalchemy import select

from kd import db
from kd.accounts.models import Role
from kd.newsletter import services
from kd.newsletter.models import Subscriber
from tests.conftest import CSRF_PATTERN, mail_link


def _subscriber(app, email: str) -> Subscriber | None:
    with app.app_context():
        return db.session.scalars(select(Subscriber).where(Subscriber.email == email)).first()


def _comparable(response, local_part: str) -> str:
    """The page without the address typed and without the (time-stamped) CSRF tokens."""
    return CSRF_PATTERN.sub("", response.get_data(as_text=True).replace(local_part, "X@"))


def _tampered(token: str) -> str:
    return token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")


def test_double_opt_in_confirms_only_through_the_mailed_link(app, post, client, outbox):
    response = post("/newsletter/", {"email": "Reader@Example.org", "locale": "sq"}, follow_redirects=True)
    assert "we sent a confirmation link" in response.get_data(as_text=True)
    assert not _subscriber(app, "reader@example.org").confirmed
    [mail] = outbox()
    assert mail["To"] == "reader@example.org"
    assert mail["List-Unsubscribe"].startswith("<http://kd.test/newsletter/unsubscribe/")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = mail_link(mail, "/newsletter/confirm/")
    page = client.get(link)
    assert page.status_code == 200 and "Confirm subscription" in page.get_data(as_text=True)
    assert not _subscriber(app, "reader@example.org").confirmed  # a mail scanner's GET confirms nothing
    assert post(link).status_code == 302
    assert _subscriber(app, "reader@example.org").confirmed


def test_subscribing_an_existing_address_reveals_nothing(app, post, outbox, make_subscriber):
    make_subscriber("known@example.org")
    known = post("/newsletter/", {"email": "known@example.org", "locale": "en"}, follow_redirects=True)
    unknown = post("/newsletter/", {"email": "new@example.org", "locale": "en"}, follow_redirects=True)
    assert known.status_code == unknown.status_code == 200
    assert _comparable(known, "known@") == _comparable(unknown, "new@")
    assert [mail["To"] for mail in outbox()] == ["new@example.org"]  # the confirmed address gets nothing


def test_bad_address_comes_back_with_the_error(post):
    response = post("/newsletter/", {"email": "not an address", "locale": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="email-error"' in page and 'value="not an address"' in page


def test_tampered_and_expired_confirmation_links_confirm_nothing(app, post, client, outbox):
    post("/newsletter/", {"email": "reader@example.org", "locale": "en"})
    link = mail_link(outbox()[0], "/newsletter/confirm/")
    tampered = post(_tampered(link), follow_redirects=True)
    assert "not valid" in tampered.get_data(as_text=True)
    app.config["CONFIRM_TOKEN_MAX_AGE"] = -1
    expired = post(link, follow_redirects=True)
    assert "has expired" in expired.get_data(as_text=True)
    assert not _subscriber(app, "reader@example.org").confirmed


def test_one_click_unsubscribe_from_a_mail_program_without_a_session(app, make_subscriber):
    subscriber_id = make_subscriber("reader@example.org")
    with app.app_context():
        token = services.unsubscribe_token(db.session.get(Subscriber, subscriber_id))
    mail_program = app.test_client()
    response = mail_program.post(f"/newsletter/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert _subscriber(app, "reader@example.org") is None
    again = mail_program.post(f"/newsletter/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200  # already gone: still a calm answer


def test_unsubscribe_page_has_one_button(app, client, make_subscriber):
    subscriber_id = make_subscriber("reader@example.org")
    with app.app_context():
        token = services.unsubscribe_token(db.session.get(Subscriber, subscriber_id))
    page = client.get(f"/newsletter/unsubscribe/{token}").get_data(as_text=True)
    assert f'action="/newsletter/unsubscribe/{token}"' in page
    assert _subscriber(app, "reader@example.org") is not None  # a GET (a link scanner) changes nothing


def test_tampered_and_expired_unsubscribe_links_are_refused(app, make_subscriber):
    subscriber_id = make_subscriber("reader@example.org")
    with app.app_context():
        token = services.unsubscribe_token(db.session.get(Subscriber, subscriber_id))
        confirm_token = services.confirmation_token(db.session.get(Subscriber, subscriber_id))
    client = app.test_client()
    assert client.post(f"/newsletter/unsubscribe/{_tampered(token)}").status_code == 400
    assert client.post(f"/newsletter/unsubscribe/{confirm_token}").status_code == 400  # another purpose
    app.config["UNSUBSCRIBE_TOKEN_MAX_AGE"] = -1
    expired = client.post(f"/newsletter/unsubscribe/{token}")
    assert expired.status_code == 400 and "has expired" in expired.get_data(as_text=True)
    assert _subscriber(app, "reader@example.org") is not None


def test_only_admins_see_the_addresses(make_user, make_subscriber, login, client):
    make_subscriber("secret@example.org")
    assert client.get("/newsletter/subscribers").status_code == 302
    login(make_user(role=Role.EDITOR))
    assert client.get("/newsletter/subscribers").status_code == 403
    client.post("/account/logout", data={})
    login(make_user(role=Role.ADMIN))
    assert "secret@example.org" in client.get("/newsletter/subscribers").get_data(as_text=True)


def test_subscribing_is_rate_limited(app, post):
    app.config["NEWSLETTER_RATE_LIMIT"] = "2 per hour"
    statuses = [post("/newsletter/", {"email": f"r{n}@example.org", "locale": "en"}).status_code for n in range(3)]
    assert statuses == [302, 302, 429]
