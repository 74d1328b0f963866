import pytest
from sqlalchemy import select

from kd import db
from kd.accounts.models import Role
from kd.content.states import ModerationState as S
from kd.content.workflow import TransitionError, transition
from kd.core.errors import DomainError, PermissionDenied
from kd.profiles.models import Consent, Profile
from kd.profiles.services import publication_blocker, record_consent_by_editor
from tests.conftest import mail_link
from tests.profiles.conftest import profile_form, reload

NOMINATION = dict(about="other", nominator_relation="Her colleague", subject_email="Drita@Example.org",
                  action="submit")


def _nominate(app, post, **overrides) -> Profile:
    response = post("/my/profiles/new", profile_form(**{**NOMINATION, **overrides}))
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        return db.session.scalars(select(Profile)).one()


def _approve(app, profile_id, editor):
    with app.app_context():
        profile = reload(Profile, profile_id)
        transition(profile, "approve", editor)
        db.session.commit()


def test_nominating_needs_a_relation(app, make_user, login, post):
    login(make_user())
    response = post("/my/profiles/new", profile_form(**{**NOMINATION, "nominator_relation": " "}))
    assert response.status_code == 400
    assert 'id="nominator_relation-error"' in response.get_data(as_text=True)


def test_nomination_mails_the_person_and_cannot_be_approved_without_consent(app, make_user, login, post, outbox):
    nominator, editor = make_user(display_name="Arbër"), make_user(role=Role.EDITOR)
    login(nominator)
    profile = _nominate(app, post)
    assert (profile.is_nomination, profile.consent, profile.owner_id) == (True, Consent.PENDING, None)
    assert profile.subject_email == "drita@example.org" and profile.nominator_relation == "Her colleague"
    [message] = outbox()
    assert message["To"] == "drita@example.org"
    assert "Arbër" in message.get_body(preferencelist=("plain",)).get_content()
    with app.test_request_context():
        assert "has not agreed" in publication_blocker(reload(Profile, profile.id))
    with pytest.raises(TransitionError):
        _approve(app, profile.id, editor)
    with app.app_context():
        assert reload(Profile, profile.id).state is S.SUBMITTED


def test_nomination_without_an_address_sends_nothing_and_stays_blocked(app, make_user, login, post, outbox):
    login(make_user())
    profile = _nominate(app, post, subject_email="")
    assert outbox() == [] and profile.consent is Consent.PENDING
    with app.app_context():
        assert reload(Profile, profile.id).publication_blocker() == "consent_missing"


def test_person_agrees_through_the_link_and_then_it_can_be_approved(app, make_user, login, post, outbox):
    editor = make_user(role=Role.EDITOR)
    login(make_user())
    profile = _nominate(app, post)
    link = mail_link(outbox()[0], "/consent/")
    fresh = app.test_client()
    page = fresh.get(link)
    assert page.status_code == 200 and "Drita Krasniqi" in page.get_data(as_text=True)
    token = page.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    assert fresh.post(link, data={"csrf_token": token, "answer": "agree"}).status_code == 302
    with app.app_context():
        assert reload(Profile, profile.id).consent is Consent.CONFIRMED
    _approve(app, profile.id, editor)
    assert app.test_client().get("/people/drita-krasniqi").status_code == 200


def test_person_declines_and_it_can_never_be_approved(app, make_user, login, post, client, outbox):
    editor = make_user(role=Role.EDITOR)
    login(make_user())
    profile = _nominate(app, post)
    link = mail_link(outbox()[0], "/consent/")
    assert post(link, {"answer": "decline"}).status_code == 302
    with app.app_context():
        assert reload(Profile, profile.id).consent is Consent.DECLINED
    with pytest.raises(TransitionError, match="declined"):
        _approve(app, profile.id, editor)


def test_tampered_consent_link_is_refused(app, make_user, login, post, client, outbox):
    login(make_user())
    profile = _nominate(app, post)
    link = mail_link(outbox()[0], "/consent/")
    assert client.get(link[:-3] + "abc").status_code == 400
    assert post(link[:-3] + "abc", {"answer": "agree"}).status_code == 400
    with app.app_context():
        assert reload(Profile, profile.id).consent is Consent.PENDING


def test_expired_consent_link_is_refused(app, make_user, login, post, client, outbox):
    login(make_user())
    profile = _nominate(app, post)
    link = mail_link(outbox()[0], "/consent/")
    app.config["CONSENT_TOKEN_MAX_AGE"] = -1
    response = post(link, {"answer": "agree"})
    assert response.status_code == 400 and "expired" in response.get_data(as_text=True)
    with app.app_context():
        assert reload(Profile, profile.id).consent is Consent.PENDING


def test_link_stops_working_when_the_address_changes(app, make_user, login, post, client, outbox):
    member = make_user()
    login(member)
    profile = _nominate(app, post, action="draft")
    with app.app_context():
        transition(reload(Profile, profile.id), "submit", member)
        db.session.commit()
    with app.test_request_context():
        from kd.profiles.services import consent_token
        token = consent_token(reload(Profile, profile.id))
    post(f"/my/profiles/{profile.id}/withdraw")
    post(f"/my/profiles/{profile.id}/edit", profile_form(**{**NOMINATION, "subject_email": "new@example.org"}))
    assert client.get(f"/consent/{token}").status_code == 400


def test_editor_records_consent_and_unblocks_approval(app, make_user, login, post):
    editor, other = make_user(role=Role.EDITOR), make_user()
    login(make_user())
    profile = _nominate(app, post, subject_email="")
    with app.test_request_context():
        live = reload(Profile, profile.id)
        with pytest.raises(PermissionDenied):
            record_consent_by_editor(live, other, "phoned her")
        with pytest.raises(DomainError):
            record_consent_by_editor(live, editor, "  ")
        record_consent_by_editor(live, editor, "She agreed by phone on 3 May.")
        db.session.commit()
        assert publication_blocker(live) is None
    _approve(app, profile.id, editor)
    with app.app_context():
        approved = reload(Profile, profile.id)
        assert approved.state is S.APPROVED and approved.consent is Consent.RECORDED_BY_EDITOR


def test_person_claims_with_their_address_then_edits_and_withdraws(app, make_user, login, post, client):
    nominator, editor = make_user(), make_user(role=Role.EDITOR)
    person = make_user(email="drita@example.org")
    login(nominator)
    profile = _nominate(app, post, subject_email="DRITA@example.org")
    post("/account/logout")
    login(person)
    assert "Claim Drita Krasniqi" in client.get("/my/submissions").get_data(as_text=True)
    assert post(f"/my/profiles/{profile.id}/claim").status_code == 302
    with app.app_context():
        claimed = reload(Profile, profile.id)
        assert claimed.owner_id == person.id and claimed.consent is Consent.CONFIRMED
    _approve(app, profile.id, editor)
    response = post(f"/my/profiles/{profile.id}/edit", profile_form(headline="Heart surgeon"))
    assert response.status_code == 302
    assert post(f"/my/profiles/{profile.id}/withdraw").status_code == 302
    with app.app_context():
        assert reload(Profile, profile.id).state is S.WITHDRAWN
    assert app.test_client().get("/people/drita-krasniqi").status_code == 404


def test_claimed_profile_is_no_longer_the_nominators_to_edit(app, make_user, login, post, client):
    nominator = make_user()
    person = make_user(email="drita@example.org")
    login(nominator)
    profile = _nominate(app, post, action="draft")
    with app.test_request_context():
        from kd.profiles.services import claim_profile
        claim_profile(reload(Profile, profile.id), person)
        db.session.commit()
    assert post(f"/my/profiles/{profile.id}/edit", profile_form()).status_code == 403


def test_someone_else_cannot_claim(app, make_user, login, post, client):
    login(make_user())
    profile = _nominate(app, post)
    post("/account/logout")
    login(make_user(email="someone@example.org"))
    assert post(f"/my/profiles/{profile.id}/claim").status_code == 403
    with app.app_context():
        assert reload(Profile, profile.id).owner_id is None


def test_logged_in_person_claims_through_the_consent_link(app, make_user, login, post, client, outbox):
    login(make_user())
    profile = _nominate(app, post)
    link = mail_link(outbox()[0], "/consent/")
    post("/account/logout")
    anonymous = post(link, {"answer": "claim"})
    assert anonymous.status_code == 302 and "/account/login" in anonymous.headers["Location"]
    person = make_user(email="drita@example.org")
    login(person)
    assert post(link, {"answer": "claim"}).status_code == 302
    with app.app_context():
        claimed = reload(Profile, profile.id)
        assert claimed.owner_id == person.id and claimed.consent is Consent.CONFIRMED


def test_a_link_is_used_up_once_answered(app, make_user, login, post, client, outbox):
    login(make_user())
    profile = _nominate(app, post)
    link = mail_link(outbox()[0], "/consent/")
    assert post(link, {"answer": "agree"}).status_code == 302
    assert client.get(link).status_code == 400
    assert post(link, {"answer": "decline"}).status_code == 400
    with app.app_context():
        assert reload(Profile, profile.id).consent is Consent.CONFIRMED


def test_claiming_through_the_link_needs_the_address_it_was_sent_to(app, make_user, login, post, client, outbox):
    login(make_user())
    profile = _nominate(app, post)
    link = mail_link(outbox()[0], "/consent/")
    post("/account/logout")
    login(make_user(email="forwarded@example.org"))
    assert post(link, {"answer": "claim"}).status_code == 403
    post("/account/logout")
    login(make_user(email="drita@example.org", confirmed=False))
    assert post(link, {"answer": "claim"}).status_code == 403
    with app.app_context():
        assert reload(Profile, profile.id).owner_id is None


def test_after_a_claim_only_the_owner_submits_or_withdraws(app, make_user, login, post, client):
    nominator = make_user()
    person = make_user(email="drita@example.org")
    login(nominator)
    profile = _nominate(app, post, action="draft")
    with app.test_request_context():
        from kd.profiles.services import claim_profile
        claim_profile(reload(Profile, profile.id), person)
        db.session.commit()
    with app.app_context(), pytest.raises(PermissionDenied):
        transition(reload(Profile, profile.id), "submit", reload(type(nominator), nominator.id))
    with app.app_context():
        transition(reload(Profile, profile.id), "submit", reload(type(person), person.id))
        db.session.commit()
    with app.app_context(), pytest.raises(PermissionDenied):
        transition(reload(Profile, profile.id), "withdraw", reload(type(nominator), nominator.id))


def test_nominated_profile_stays_hidden_until_approved(app, make_user, login, post, client):
    login(make_user())
    profile = _nominate(app, post)
    assert app.test_client().get(f"/people/{profile.slug}").status_code == 404


def test_declining_a_published_nomination_takes_it_down(app, make_user, login, post, outbox):
    editor = make_user(role=Role.EDITOR)
    login(make_user())
    profile = _nominate(app, post)
    link = mail_link(outbox()[0], "/consent/")
    with app.test_request_context():
        record_consent_by_editor(reload(Profile, profile.id), editor, "Her manager said yes.")
        db.session.commit()
    _approve(app, profile.id, editor)
    assert app.test_client().get(f"/people/{profile.slug}").status_code == 200
    assert post(link, {"answer": "decline"}).status_code == 302
    with app.app_context():
        declined = reload(Profile, profile.id)
        assert (declined.state, declined.consent) == (S.WITHDRAWN, Consent.DECLINED)
    assert app.test_client().get(f"/people/{profile.slug}").status_code == 404


def test_an_unconfirmed_account_with_the_nominated_address_is_not_shown_the_nomination(app, make_user, login, post):
    from kd.profiles.queries import claimable_by
    login(make_user())
    _nominate(app, post)
    squatter = make_user(email="drita@example.org", confirmed=False)
    with app.app_context():
        assert claimable_by(reload(type(squatter), squatter.id)) == []
