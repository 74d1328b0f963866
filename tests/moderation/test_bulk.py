"""Bulk approval: a confirmation page, then each item through the state machine; refusals reported."""
from sqlalchemy import select

from kd import db
from kd.audit.models import AuditEntry
from kd.content.models import Revision, RevisionState
from kd.content.states import ModerationState as S
from kd.profiles.models import Profile
from kd.stories.models import Story


def test_bulk_approve_with_confirmation(app, client, login, post, make_profile, make_story, make_revision,
                                        editor, member, fetch, outbox):
    first = make_profile(submitted_by=member, name="First Person")
    second = make_story(submitted_by=member, title="Second Story")
    own = make_profile(submitted_by=editor, name="Editor's Own")
    live = make_story(submitted_by=member, state=S.APPROVED, title="Live")
    revision = make_revision(live, {"title": "Live and edited"}, submitted_by=member)
    keys = [f"profile-{first.id}", f"story-{second.id}", f"profile-{own.id}", f"revision-{revision.id}"]
    login(editor)
    confirm = post("/editor/bulk-approve", {"item": keys})
    assert confirm.status_code == 200
    page = confirm.get_data(as_text=True)
    assert "Approve 4 items" in page and "First Person" in page
    assert fetch(Profile, first.id).state is S.SUBMITTED  # nothing happens before confirming
    result = post("/editor/bulk-approve/confirm", {"item": keys})
    page = result.get_data(as_text=True)
    assert result.status_code == 200
    assert "3 items approved" in page and "1 item could not be approved" in page
    assert "Another editor has to approve your own submission." in page
    assert fetch(Profile, first.id).state is S.APPROVED
    assert fetch(Story, second.id).state is S.APPROVED
    assert fetch(Profile, own.id).state is S.SUBMITTED
    assert fetch(Revision, revision.id).state is RevisionState.APPROVED
    assert fetch(Story, live.id).title == "Live and edited"
    with app.app_context():
        actions = set(db.session.scalars(select(AuditEntry.action).where(AuditEntry.actor_id == editor.id)))
    assert {"profiles.approve", "stories.approve", "stories.revision_approved"} <= actions
    assert len([mail for mail in outbox() if mail["To"] == member.email]) == 3


def test_bulk_approve_refuses_drafts_and_reports_them(login, post, make_story, editor, member, fetch):
    draft = make_story(submitted_by=member, state=S.DRAFT, title="Still a draft")
    login(editor)
    page = post("/editor/bulk-approve/confirm", {"item": [f"story-{draft.id}"]}).get_data(as_text=True)
    assert "Still a draft" in page and "cannot be done while the item is draft" in page
    assert fetch(Story, draft.id).state is S.DRAFT


def test_bulk_approve_with_nothing_or_nonsense(login, post, editor):
    login(editor)
    assert post("/editor/bulk-approve", {}).status_code == 302
    assert post("/editor/bulk-approve", {"item": ["profile-99999"]}).status_code == 400
    assert post("/editor/bulk-approve", {"item": ["profile-abc"]}).status_code == 400
    assert post("/editor/bulk-approve/confirm", {"item": ["bogus"]}).status_code == 400
