"""Offering help: set by the profile's owner only, shown on the profile in both languages, found on /helpers."""
from __future__ import annotations

from sqlalchemy import select

from kd import db
from kd.accounts.models import Role
from kd.audit.models import AuditEntry
from kd.connections.models import HelpOffer
from kd.content.states import ModerationState
from kd.profiles.models import Profile


def _offer(app, profile) -> HelpOffer | None:
    with app.app_context():
        return db.session.get(HelpOffer, profile.id)


def test_the_owner_offers_help_and_the_profile_shows_it(app, client, login, post, owner, make_profile):
    profile = make_profile(submitted_by=owner, state=ModerationState.APPROVED, owner_id=owner.id)
    login(owner)
    assert client.get(f"/my/profiles/{profile.id}/help").status_code == 200
    response = post(f"/my/profiles/{profile.id}/help", {"kinds": ["mentoring", "hiring"], "languages": ["sq", "de"],
                                                        "note": "Happy to mentor young architects from Kosovo."})
    assert response.status_code == 302
    offer = _offer(app, profile)
    assert offer.kinds == ["mentoring", "hiring"] and offer.languages == ["sq", "de"]
    page = client.get(f"/people/{profile.slug}").get_data(as_text=True)
    assert "Can help with" in page and "Hiring or internships" in page and "German" in page
    assert "Happy to mentor young architects" in page
    with app.app_context():
        assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.subject_id == profile.id,
                                                                 AuditEntry.action == "connections.offer_set"))


def test_the_profile_shows_the_offer_in_albanian(client, helper_profile):
    client.set_cookie("kd_lang", "sq", domain="kd.test")
    page = client.get(f"/people/{helper_profile.slug}").get_data(as_text=True)
    assert "Mund të ndihmojë me" in page and "Mentorim" in page and "gjermanisht" in page


def test_editors_see_the_offer_but_cannot_set_it(client, login, post, make_user, helper_profile):
    editor = make_user(role=Role.EDITOR)
    login(editor)
    page = client.get(f"/people/{helper_profile.slug}").get_data(as_text=True)
    assert "Mentoring" in page and "Change what you can help with" not in page
    assert client.get(f"/my/profiles/{helper_profile.id}/help").status_code == 403
    assert post(f"/my/profiles/{helper_profile.id}/help", {"kinds": ["investing"]}).status_code == 403


def test_the_submitter_of_a_nomination_cannot_set_it(client, login, make_user, make_profile):
    nominator = make_user()
    nomination = make_profile(submitted_by=nominator, state=ModerationState.APPROVED, is_nomination=True,
                              subject_email="someone@example.org")
    login(nominator)
    assert client.get(f"/my/profiles/{nomination.id}/help").status_code == 403
    assert client.get("/my/profiles/999999/help").status_code == 404


def test_a_bad_choice_or_a_long_note_is_a_400_that_keeps_the_text(client, login, post, owner, helper_profile):
    login(owner)
    response = post(f"/my/profiles/{helper_profile.id}/help", {"kinds": ["smuggling"], "note": "Kept note"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Choose from the listed options." in page and "Kept note" in page
    response = post(f"/my/profiles/{helper_profile.id}/help", {"kinds": ["mentoring"], "note": "x" * 201})
    assert response.status_code == 400 and "At most 200 characters." in response.get_data(as_text=True)


def test_offering_nothing_hides_the_section(app, client, login, post, owner, helper_profile):
    login(owner)
    assert post(f"/my/profiles/{helper_profile.id}/help", {"note": ""}).status_code == 302
    post("/account/logout")
    assert "Can help with" not in client.get(f"/people/{helper_profile.slug}").get_data(as_text=True)


def test_helpers_are_filtered_by_help_country_and_field(client, make_profile, make_user, helper_profile, app):
    other = make_user()
    speaker = make_profile(submitted_by=other, state=ModerationState.APPROVED, owner_id=other.id, name="Besa Speaker",
                           country_code="CH", field="music")
    with app.app_context():
        db.session.add(HelpOffer(profile_id=speaker.id, kinds=["speaking"], languages=["sq"]))
        db.session.commit()
    everyone = client.get("/helpers").get_data(as_text=True)
    assert "Drita Krasniqi" in everyone and "Besa Speaker" in everyone
    mentors = client.get("/helpers?help=mentoring&country=de&field=medicine").get_data(as_text=True)
    assert "Drita Krasniqi" in mentors and "Besa Speaker" not in mentors
    assert '<option value="DE" selected>Germany</option>' in mentors  # the choice is kept, Kosovo is offered too
    assert '<option value="XK">Kosovo</option>' in mentors
    assert "Drita Krasniqi" not in client.get("/helpers?country=CH").get_data(as_text=True)
    for bad in ("help=smuggling", "country=ZZZ", "field=alchemy"):
        assert client.get(f"/helpers?{bad}").status_code == 400


def test_unpublished_profiles_are_not_listed(app, client, helper_profile):
    with app.app_context():
        db.session.get(Profile, helper_profile.id).state = ModerationState.WITHDRAWN
        db.session.commit()
    assert "Drita Krasniqi" not in client.get("/helpers").get_data(as_text=True)
