"""A nominated profile is not approvable until consent is confirmed or an editor records how it was obtained."""
from sqlalchemy import select

from kd import db
from kd.audit.models import AuditEntry
from kd.content.states import ModerationState as S
from kd.profiles.models import Consent, Profile


def test_consent_must_be_recorded_before_approval(app, client, login, post, make_profile, editor, member, fetch):
    nominated = make_profile(submitted_by=member, name="Nora Gashi", is_nomination=True,
                             nominator_relation="her coach", consent=Consent.PENDING)
    login(editor)
    page = client.get(f"/editor/review/profile/{nominated.id}").get_data(as_text=True)
    assert "her coach" in page and "waiting for the person" in page
    refused = post(f"/editor/review/profile/{nominated.id}/decide", {"decision": "approve"})
    assert refused.status_code == 400 and "has not agreed to it yet" in refused.get_data(as_text=True)
    assert fetch(Profile, nominated.id).state is S.SUBMITTED
    empty = post(f"/editor/review/profile/{nominated.id}/consent", {"note": " "})
    assert empty.status_code == 400 and "This field is required." in empty.get_data(as_text=True)
    assert post(f"/editor/review/profile/{nominated.id}/consent",
                {"note": "Phone call with Nora on 3 May."}).status_code == 302
    recorded = fetch(Profile, nominated.id)
    assert recorded.consent is Consent.RECORDED_BY_EDITOR and recorded.consent_note == "Phone call with Nora on 3 May."
    assert post(f"/editor/review/profile/{nominated.id}/decide", {"decision": "approve"}).status_code == 302
    assert fetch(Profile, nominated.id).state is S.APPROVED
    with app.app_context():
        actions = set(db.session.scalars(select(AuditEntry.action).where(AuditEntry.subject_id == nominated.id)))
    assert {"profiles.consent_recorded", "profiles.approve"} <= actions


def test_members_cannot_record_consent(login, post, make_profile, member, make_user, fetch):
    nominated = make_profile(submitted_by=make_user(), is_nomination=True, consent=Consent.PENDING)
    login(member)
    assert post(f"/editor/review/profile/{nominated.id}/consent", {"note": "Trust me."}).status_code == 403
    assert fetch(Profile, nominated.id).consent is Consent.PENDING
