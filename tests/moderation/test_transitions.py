"""Every editor decision: allowed and refused moves, messages, audit and the submitter's mail."""
import pytest
from sqlalchemy import select

from kd import db
from kd.audit.models import AuditEntry
from kd.content.states import ModerationState as S
from kd.content.workflow import MOVES, TransitionError, transition
from kd.core.errors import PermissionDenied
from kd.profiles.models import Profile
from kd.stories.models import Story


def _entries(app, action):
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


@pytest.mark.parametrize("move", ["approve", "request_changes", "reject", "unpublish"])
@pytest.mark.parametrize("state", list(S))
def test_editor_moves_follow_the_state_machine(app, make_profile, make_user, editor, member, state, move):
    profile = make_profile(submitted_by=member, state=state)
    with app.app_context():
        subject = db.session.get(Profile, profile.id)
        if state in MOVES[move].sources:
            transition(subject, move, editor, "Because.")
            assert subject.state is MOVES[move].target
        else:
            with pytest.raises(TransitionError):
                transition(subject, move, editor, "Because.")
            assert subject.state is state
        db.session.rollback()


@pytest.mark.parametrize("move", ["submit", "withdraw"])
@pytest.mark.parametrize("state", list(S))
def test_member_moves_follow_the_state_machine(app, make_story, member, state, move):
    story = make_story(submitted_by=member, state=state)
    with app.app_context():
        subject = db.session.get(Story, story.id)
        if state in MOVES[move].sources:
            assert transition(subject, move, member).state is MOVES[move].target
        else:
            with pytest.raises(TransitionError):
                transition(subject, move, member)
        db.session.rollback()


def test_members_cannot_make_editor_moves_nor_touch_others_work(app, make_profile, make_user, member):
    other = make_user()
    profile = make_profile(submitted_by=member)
    with app.app_context():
        subject = db.session.get(Profile, profile.id)
        with pytest.raises(PermissionDenied):
            transition(subject, "approve", member)
        with pytest.raises(PermissionDenied):
            transition(subject, "withdraw", other)
        assert subject.state is S.SUBMITTED


def test_editor_approves_through_the_review_page(app, client, login, post, make_profile, editor, member, outbox):
    profile = make_profile(submitted_by=member, name="Drita Krasniqi")
    login(editor)
    assert "Drita Krasniqi" in client.get(f"/editor/review/profile/{profile.id}").get_data(as_text=True)
    response = post(f"/editor/review/profile/{profile.id}/decide", {"decision": "approve", "message": ""})
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.get(Profile, profile.id)
        assert stored.state is S.APPROVED and stored.reviewed_by_id == editor.id and stored.published_at
        assert stored.claimed_by_id is None
    entry = _entries(app, "profiles.approve")[0]
    assert (entry.actor_id, entry.subject_id) == (editor.id, profile.id)
    assert entry.details == {"from": "submitted", "to": "approved", "message": ""}
    mail = outbox()[-1]
    assert mail["To"] == member.email
    assert "Drita Krasniqi" in mail["Subject"]


def test_approving_twice_or_a_draft_is_refused(app, login, post, make_profile, make_story, editor, member):
    published = make_profile(submitted_by=member, state=S.APPROVED)
    draft = make_story(submitted_by=member, state=S.DRAFT)
    login(editor)
    assert post(f"/editor/review/profile/{published.id}/decide", {"decision": "approve"}).status_code == 400
    response = post(f"/editor/review/story/{draft.id}/decide", {"decision": "approve"})
    assert response.status_code == 400
    assert "cannot be done while the item is draft" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Story, draft.id).state is S.DRAFT


def test_editor_cannot_approve_own_submission(app, login, post, make_profile, editor):
    own = make_profile(submitted_by=editor)
    login(editor)
    response = post(f"/editor/review/profile/{own.id}/decide", {"decision": "approve"})
    assert response.status_code == 403
    assert "Another editor has to approve" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Profile, own.id).state is S.SUBMITTED


def test_member_cannot_reach_the_decision(app, client, login, post, make_profile, member, make_user):
    profile = make_profile(submitted_by=make_user())
    login(member)
    assert client.get(f"/editor/review/profile/{profile.id}").status_code == 403
    assert post(f"/editor/review/profile/{profile.id}/decide", {"decision": "approve"}).status_code == 403
    with app.app_context():
        assert db.session.get(Profile, profile.id).state is S.SUBMITTED


@pytest.mark.parametrize("decision", ["request_changes", "reject"])
def test_changes_and_rejection_need_a_message(app, login, post, make_story, editor, member, decision):
    story = make_story(submitted_by=member)
    login(editor)
    response = post(f"/editor/review/story/{story.id}/decide", {"decision": decision, "message": "  "})
    assert response.status_code == 400
    assert "Please write a message that says why." in response.get_data(as_text=True)
    assert post(f"/editor/review/story/{story.id}/decide",
                {"decision": decision, "message": "Add a source."}).status_code == 302
    with app.app_context():
        stored = db.session.get(Story, story.id)
        assert stored.state is (S.CHANGES_REQUESTED if decision == "request_changes" else S.REJECTED)
        assert stored.moderation_message == "Add a source."


def test_unknown_decision_is_a_400(login, post, make_story, editor, member):
    story = make_story(submitted_by=member)
    login(editor)
    assert post(f"/editor/review/story/{story.id}/decide", {"decision": "publish-all"}).status_code == 400
    assert post("/editor/review/story/999999/decide", {"decision": "approve"}).status_code == 404


def test_unpublish_needs_a_reason_and_tells_the_member(app, login, post, make_story, editor, member, outbox):
    story = make_story(submitted_by=member, state=S.APPROVED, title="Gold in Tokyo")
    login(editor)
    assert post(f"/editor/review/story/{story.id}/decide", {"decision": "unpublish"}).status_code == 400
    assert post(f"/editor/review/story/{story.id}/decide",
                {"decision": "unpublish", "message": "Photo rights unclear."}).status_code == 302
    with app.app_context():
        assert db.session.get(Story, story.id).state is S.UNPUBLISHED
    entry = _entries(app, "stories.unpublish")[0]
    assert entry.details["message"] == "Photo rights unclear."
    body = outbox()[-1].get_body(preferencelist=("plain",)).get_content()
    assert "Photo rights unclear." in body


def test_decision_mail_is_in_the_members_language(app, login, post, make_story, editor, make_user, outbox):
    english = make_user(locale="en")
    story = make_story(submitted_by=english, title="Chess champion")
    login(editor)
    post(f"/editor/review/story/{story.id}/decide", {"decision": "request_changes", "message": "Add a date."})
    english_mail = outbox()[-1]
    assert english_mail["Subject"] == "Changes requested: Chess champion"
    assert "Add a date." in english_mail.get_body(preferencelist=("plain",)).get_content()
    assert "&lt;" not in english_mail["Subject"]


def test_decision_mail_escapes_the_title_in_html(app, login, post, make_story, editor, member, outbox):
    story = make_story(submitted_by=member, title="<script>alert(1)</script>")
    login(editor)
    post(f"/editor/review/story/{story.id}/decide", {"decision": "approve"})
    html = outbox()[-1].get_body(preferencelist=("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_albanian_member_gets_the_mail_in_albanian(app, login, post, make_story, editor, member, outbox):
    story = make_story(submitted_by=member, title="Kampion")
    login(editor)
    post(f"/editor/review/story/{story.id}/decide", {"decision": "reject", "message": "Jo."})
    body = outbox()[-1].get_body(preferencelist=("plain",)).get_content()
    assert f"Përshëndetje {member.display_name}," in body
    assert "Kampion" in outbox()[-1]["Subject"] and not outbox()[-1]["Subject"].startswith("Not accepted")
    assert outbox()[-1]["To"] == member.email
