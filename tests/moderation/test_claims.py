"""Claims: the editor who starts reviewing an item holds it; others wait until it is released or goes stale.
Opening a review page (GET) changes nothing."""
from datetime import timedelta

from sqlalchemy import update

from kd import db
from kd.accounts.models import Role
from kd.content.states import ModerationState as S
from kd.profiles.models import Profile


def _age_claim(app, profile_id, minutes):
    with app.app_context():
        db.session.execute(update(Profile).where(Profile.id == profile_id)
                           .values(claimed_at=db.utcnow() - timedelta(minutes=minutes)))
        db.session.commit()


def _second_editor(app, make_user):
    other = make_user(role=Role.EDITOR, display_name="Editor Besa")
    other_client = app.test_client()
    page = other_client.get("/account/login").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    other_client.post("/account/login", data={"csrf_token": token, "email": other.email,
                                              "password": "correct horse battery"})
    return other_client, token


def _audit_actions(app) -> list[str]:
    from sqlalchemy import select

    from kd.audit.models import AuditEntry
    with app.app_context():
        return db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()


def test_opening_the_review_page_changes_nothing(app, client, login, make_profile, editor, member, fetch):
    profile = make_profile(submitted_by=member)
    login(editor)
    before = _audit_actions(app)
    page = client.get(f"/editor/review/profile/{profile.id}").get_data(as_text=True)
    assert "Start reviewing" in page and "You started reviewing this at" not in page
    stored = fetch(Profile, profile.id)
    assert stored.claimed_by_id is None and stored.claimed_at is None
    assert _audit_actions(app) == before


def test_opening_a_revision_page_changes_nothing(app, client, login, make_profile, editor, member, fetch):
    from kd.content.models import Revision, RevisionState
    profile = make_profile(submitted_by=member, state=S.APPROVED)
    with app.app_context():
        revision = Revision(subject_type="profile", subject_id=profile.id, submitted_by_id=member.id,
                            data={"about": "Longer"}, state=RevisionState.PENDING)
        db.session.add(revision)
        db.session.commit()
        revision_id = revision.id
    login(editor)
    before = _audit_actions(app)
    page = client.get(f"/editor/review/revision/{revision_id}").get_data(as_text=True)
    assert "Start reviewing" in page
    assert fetch(Profile, profile.id).claimed_by_id is None
    assert _audit_actions(app) == before


def test_start_reviewing_claims_the_item(app, client, login, post, make_profile, editor, member, fetch):
    profile = make_profile(submitted_by=member)
    login(editor)
    response = post(f"/editor/review/profile/{profile.id}/claim")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/editor/review/profile/{profile.id}"
    page = client.get(f"/editor/review/profile/{profile.id}").get_data(as_text=True)
    assert "You started reviewing this at" in page and "Start reviewing" not in page
    stored = fetch(Profile, profile.id)
    assert stored.claimed_by_id == editor.id and stored.claimed_at is not None
    assert _audit_actions(app)[-1] == "profiles.claimed"
    assert "Claimed by me" in client.get("/editor/").get_data(as_text=True)
    assert stored.name in client.get("/editor/").get_data(as_text=True)


def test_start_reviewing_needs_the_csrf_token(client, login, make_profile, editor, member, fetch):
    profile = make_profile(submitted_by=member)
    login(editor)
    assert client.post(f"/editor/review/profile/{profile.id}/claim").status_code == 400
    assert fetch(Profile, profile.id).claimed_by_id is None


def test_a_fresh_claim_blocks_another_editor(app, client, login, post, make_profile, make_user, editor, member, fetch):
    profile = make_profile(submitted_by=member)
    login(editor)
    post(f"/editor/review/profile/{profile.id}/claim")
    other_client, token = _second_editor(app, make_user)
    page = other_client.get(f"/editor/review/profile/{profile.id}").get_data(as_text=True)
    assert "Editor Ema started reviewing this at" in page and "Start reviewing" not in page
    assert other_client.post(f"/editor/review/profile/{profile.id}/claim",
                             data={"csrf_token": token}).status_code == 409
    response = other_client.post(f"/editor/review/profile/{profile.id}/decide",
                                 data={"csrf_token": token, "decision": "approve"})
    assert response.status_code == 409
    assert "Editor Ema started reviewing this at" in response.get_data(as_text=True)
    assert other_client.post(f"/editor/review/profile/{profile.id}/release",
                             data={"csrf_token": token}).status_code == 409
    stored = fetch(Profile, profile.id)
    assert stored.state is S.SUBMITTED and stored.claimed_by_id == editor.id


def test_a_stale_claim_expires(app, client, login, post, make_profile, make_user, editor, member, fetch):
    app.config["CLAIM_MINUTES"] = 5
    profile = make_profile(submitted_by=member)
    login(editor)
    post(f"/editor/review/profile/{profile.id}/claim")
    _age_claim(app, profile.id, 6)
    other_client, token = _second_editor(app, make_user)
    page = other_client.get(f"/editor/review/profile/{profile.id}").get_data(as_text=True)
    assert "started reviewing this at" not in page and "Start reviewing" in page
    response = other_client.post(f"/editor/review/profile/{profile.id}/decide",
                                 data={"csrf_token": token, "decision": "approve"})
    assert response.status_code == 302
    stored = fetch(Profile, profile.id)
    assert stored.state is S.APPROVED and stored.claimed_by_id is None


def test_release_lets_another_editor_decide(app, client, login, post, make_profile, make_user, editor, member,
                                            fetch):
    profile = make_profile(submitted_by=member)
    login(editor)
    post(f"/editor/review/profile/{profile.id}/claim")
    assert post(f"/editor/review/profile/{profile.id}/release").status_code == 302
    assert fetch(Profile, profile.id).claimed_by_id is None
    other_client, token = _second_editor(app, make_user)
    assert other_client.post(f"/editor/review/profile/{profile.id}/decide",
                             data={"csrf_token": token, "decision": "request_changes",
                                   "message": "Shorter bio, please."}).status_code == 302
    assert fetch(Profile, profile.id).state is S.CHANGES_REQUESTED


def test_release_needs_the_csrf_token(client, login, make_profile, editor, member):
    profile = make_profile(submitted_by=member)
    login(editor)
    assert client.post(f"/editor/review/profile/{profile.id}/release").status_code == 400
