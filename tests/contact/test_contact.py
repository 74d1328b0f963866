from sqlalchemy import func, select

from kd import db
from kd.accounts.models import Role
from kd.contact.models import ContactMessage

MESSAGE = {"name": "Drita", "email": "drita@example.org", "subject": "A correction",
           "message": "The story about Peja has a wrong date.", "website": ""}


def _stored(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(ContactMessage))


def test_message_is_stored_and_mailed_to_editors_and_admins(app, make_user, post, outbox):
    editor, admin = make_user(role=Role.EDITOR), make_user(role=Role.ADMIN, locale="sq")
    make_user()  # a member gets nothing
    make_user(role=Role.EDITOR, disabled=True)
    response = post("/contact", MESSAGE, follow_redirects=True)
    assert "your message has been sent" in response.get_data(as_text=True)
    assert _stored(app) == 1
    mails = outbox()
    assert sorted(mail["To"] for mail in mails) == sorted([editor.email, admin.email])
    assert all(mail["Reply-To"] == "drita@example.org" for mail in mails)
    assert "wrong date" in mails[0].get_body(("plain",)).get_content()


def test_honeypot_gets_thanks_but_nothing_is_kept_or_sent(app, make_user, post, outbox):
    make_user(role=Role.EDITOR)
    response = post("/contact", dict(MESSAGE, website="http://spam.example"), follow_redirects=True)
    assert "your message has been sent" in response.get_data(as_text=True)
    assert _stored(app) == 0 and outbox() == []


def test_form_errors_keep_what_was_typed(app, post):
    response = post("/contact", dict(MESSAGE, email="nope", message="short"))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="email-error"' in page and 'id="message-error"' in page and 'value="A correction"' in page
    assert _stored(app) == 0


def test_contact_form_is_rate_limited_per_address(app, post):
    statuses = [post("/contact", MESSAGE).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    assert _stored(app) == 5


def test_header_injection_in_the_subject_is_flattened(app, make_user, post, outbox):
    make_user(role=Role.EDITOR)
    assert post("/contact", dict(MESSAGE, subject="Hi\r\nBcc: victim@example.org")).status_code == 302
    [mail] = outbox()
    assert mail["Bcc"] is None and "Hi Bcc" in mail["Subject"]


def test_editors_see_and_close_messages_members_cannot(app, make_user, login, post, client):
    post("/contact", MESSAGE)
    member = make_user()
    login(member)
    assert client.get("/editor/messages").status_code == 403
    client.post("/account/logout", data={})
    login(make_user(role=Role.EDITOR))
    assert "wrong date" in client.get("/editor/messages").get_data(as_text=True)
    with app.app_context():
        message_id = db.session.scalars(select(ContactMessage.id)).one()
    assert post(f"/editor/messages/{message_id}/close").status_code == 302
    assert "wrong date" not in client.get("/editor/messages").get_data(as_text=True)
    assert "wrong date" in client.get("/editor/messages?show=closed").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(ContactMessage, message_id).closed_at is not None
