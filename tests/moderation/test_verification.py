"""An editor marks a story's evidence as checked, and may clear it again; both are audited."""
from sqlalchemy import select

from kd import db
from kd.audit.models import AuditEntry
from kd.content.states import ModerationState as S
from kd.stories.models import Story


def test_verify_and_clear(app, login, post, make_story, editor, member, fetch):
    story = make_story(submitted_by=member, state=S.APPROVED)
    login(editor)
    assert post(f"/editor/review/story/{story.id}/verify").status_code == 302
    verified = fetch(Story, story.id)
    assert verified.verified_on == db.utcnow().date() and verified.verified_by_id == editor.id
    assert post(f"/editor/review/story/{story.id}/unverify").status_code == 302
    cleared = fetch(Story, story.id)
    assert cleared.verified_on is None and cleared.verified_by_id is None
    with app.app_context():
        actions = list(db.session.scalars(select(AuditEntry.action).where(AuditEntry.subject_id == story.id)
                                          .order_by(AuditEntry.id)))
    assert actions == ["stories.verified", "stories.verification_cleared"]


def test_members_cannot_verify(login, post, make_story, member, fetch):
    story = make_story(submitted_by=member, state=S.APPROVED)
    login(member)
    assert post(f"/editor/review/story/{story.id}/verify").status_code == 403
    assert fetch(Story, story.id).verified_on is None
