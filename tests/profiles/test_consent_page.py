"""The nominated person sees exactly what would be published about them, and who proposed it, as the mail says."""
from __future__ import annotations

import html
import re

from sqlalchemy import select

from kd import db
from kd.accounts.models import Role, User
from kd.media.models import PhotoPermission
from kd.media.services import PhotoDetails, add_photo
from kd.profiles.models import Profile
from tests.conftest import image_bytes, mail_link
from tests.profiles.conftest import profile_form

NOMINATION = dict(about="other", nominator_relation="Her colleague", subject_email="drita@example.org",
                  bio="She **leads** a team.", links="https://example.org/drita\nhttps://b.example")


def _nominate_with_photo(app, make_user, login, post) -> Profile:
    nominator = make_user(display_name="Arbër <Gashi>")
    login(nominator)
    assert post("/my/profiles/new", profile_form(**NOMINATION, action="draft")).status_code == 302
    with app.app_context(), db.transaction():
        profile = db.session.scalars(select(Profile)).one()
        add_photo(profile, image_bytes(), "drita.jpg", PhotoDetails(
            "Drita in her laboratory", caption="Zurich, 2024", credit="Arta Berisha",
            permission=PhotoPermission.PERMISSION), db.session.get(User, nominator.id))
        profile_id = profile.id
    assert post(f"/my/profiles/{profile_id}/submit").status_code == 302  # the consent mail goes out
    with app.app_context():
        return db.session.get(Profile, profile_id)


def test_the_consent_page_shows_every_published_field_and_names_the_nominator(app, make_user, login, post, outbox):
    _nominate_with_photo(app, make_user, login, post)
    [message] = outbox()
    page = app.test_client().get(mail_link(message, "/consent/")).get_data(as_text=True)
    mail_sentence = message.get_body(preferencelist=("plain",)).get_content().split("\n\n")[1].strip()
    assert mail_sentence.startswith("Arbër <Gashi> proposed a profile about you")
    assert html.escape(mail_sentence, quote=True).replace("&#x27;", "&#39;") in page
    assert "<Gashi>" not in page
    for shown in ("Drita Krasniqi", "Cardiologist in Zurich", "Medicine", "Zurich, Switzerland", "Prishtina",
                  "<strong>leads</strong>", "https://example.org/drita", "https://b.example", "Zürich",
                  "Description: Drita in her laboratory", "Zurich, 2024", "Photo: Arta Berisha"):
        assert shown in page, shown
    assert "drita@example.org" not in page


def test_the_photo_on_the_consent_page_opens_only_with_its_grant(app, make_user, login, post, outbox):
    _nominate_with_photo(app, make_user, login, post)
    visitor = app.test_client()
    page = visitor.get(mail_link(outbox()[0], "/consent/")).get_data(as_text=True)
    source = html.unescape(re.search(r'<img src="([^"]+)"', page).group(1))
    assert "?grant=" in source
    response = visitor.get(source)
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert response.headers["Cache-Control"].startswith("private")
    bare = source.split("?")[0]
    assert visitor.get(bare).status_code == 404
    assert visitor.get(bare + "?grant=forged").status_code == 404


def test_a_grant_opens_no_other_photo(app, make_user, login, post, outbox, make_profile):
    profile = _nominate_with_photo(app, make_user, login, post)
    other = make_profile(make_user())
    with app.app_context(), db.transaction():
        editor = make_user(role=Role.EDITOR)
        photo = add_photo(db.session.get(Profile, other.id), image_bytes(color="#00ff00"), "x.jpg",
                          PhotoDetails("Another person"), db.session.get(User, editor.id))
        other_file = photo.variants[0]["jpeg"]
    page = app.test_client().get(mail_link(outbox()[0], "/consent/")).get_data(as_text=True)
    grant = html.unescape(re.search(r'\?grant=([^"& ]+)', page).group(1))
    assert app.test_client().get(f"/media/{other_file}?grant={grant}").status_code == 404
    assert profile.id != other.id


def test_a_nomination_without_extras_says_none(app, make_user, login, post, outbox):
    login(make_user())
    post("/my/profiles/new", profile_form(about="other", nominator_relation="Friend", subject_email="d@example.org",
                                          action="submit", headline="", bio="", links="", tags="", field="",
                                          country_code="", city="", municipality=""))
    page = app.test_client().get(mail_link(outbox()[0], "/consent/")).get_data(as_text=True)
    assert page.count("(none)") >= 8
