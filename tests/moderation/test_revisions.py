"""Edits of published content: the live version stays until an editor approves; a readable diff."""
from sqlalchemy import select

from kd import db
from kd.audit.models import AuditEntry
from kd.content.models import Revision, RevisionState
from kd.content.states import ModerationState as S
from kd.moderation.diff import word_diff
from kd.profiles.models import Profile
from kd.stories.models import Story


def test_word_diff_marks_removed_and_added_words_and_escapes():
    assert str(word_diff("won gold in Tokyo", "won silver in Tokyo")) == \
        "won <del>gold</del><ins>silver</ins> in Tokyo"
    assert "&lt;b&gt;" in str(word_diff("", "<b>bold</b>"))


def test_revision_page_shows_the_diff_and_history(client, login, make_story, make_revision, editor, member):
    story = make_story(submitted_by=member, state=S.APPROVED, title="Gold in Tokyo", summary="A medal.")
    older = make_revision(story, {"summary": "An old idea."}, submitted_by=member)
    revision = make_revision(story, {"title": "Silver in Tokyo", "summary": "A medal."}, submitted_by=member)
    login(editor)
    page = client.get(f"/editor/review/revision/{revision.id}").get_data(as_text=True)
    assert "<del>Gold</del><ins>Silver</ins> in Tokyo" in page
    assert "Summary" not in page.split("Changes against the live version")[1].split("Decision")[0]
    assert f"/editor/review/revision/{older.id}" in page
    assert client.get("/editor/review/revision/99999").status_code == 404


def test_live_version_is_unchanged_until_approval(app, client, login, post, make_story, make_revision, editor,
                                                  make_user, fetch, outbox):
    member = make_user(locale="en")
    story = make_story(submitted_by=member, state=S.APPROVED, title="Gold in Tokyo", body="Old body")
    revision = make_revision(story, {"title": "Silver in Tokyo", "body": "New body"}, submitted_by=member)
    assert fetch(Story, story.id).title == "Gold in Tokyo"
    login(editor)
    client.get(f"/editor/review/revision/{revision.id}")
    assert fetch(Story, story.id).title == "Gold in Tokyo"
    assert post(f"/editor/review/revision/{revision.id}/decide", {"decision": "approve"}).status_code == 302
    live = fetch(Story, story.id)
    assert (live.title, live.body, live.state) == ("Silver in Tokyo", "New body", S.APPROVED)
    decided = fetch(Revision, revision.id)
    assert decided.state is RevisionState.APPROVED and decided.reviewed_by_id == editor.id
    with app.app_context():
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "stories.revision_approved")).one()
        assert entry.subject_id == story.id and entry.details["revision"] == revision.id
    assert any(message["To"] == member.email and "Silver in Tokyo" in message["Subject"] for message in outbox())
    assert post(f"/editor/review/revision/{revision.id}/decide", {"decision": "approve"}).status_code == 400


def test_a_renamed_story_moves_to_a_new_slug_and_the_old_one_redirects(client, login, post, make_story,
                                                                       make_revision, editor, make_user, fetch):
    member = make_user()
    story = make_story(submitted_by=member, state=S.APPROVED, title="Gold in Tokyo")
    first_slug = story.slug
    revision = make_revision(story, {"title": "Silver in Tokyo"}, submitted_by=member)
    login(editor)
    assert post(f"/editor/review/revision/{revision.id}/decide", {"decision": "approve"}).status_code == 302
    assert fetch(Story, story.id).slug == "silver-in-tokyo"
    moved = client.get(f"/stories/{first_slug}")
    assert moved.status_code == 301 and moved.headers["Location"].endswith("/stories/silver-in-tokyo")
    assert client.get("/stories/silver-in-tokyo").status_code == 200
    again = make_revision(fetch(Story, story.id), {"title": "Gold in Tokyo"}, submitted_by=member)
    assert post(f"/editor/review/revision/{again.id}/decide", {"decision": "approve"}).status_code == 302
    assert fetch(Story, story.id).slug == "gold-in-tokyo"  # its first name back: no redirect loop
    assert client.get("/stories/gold-in-tokyo").status_code == 200
    for old in (first_slug, "silver-in-tokyo"):
        assert client.get(f"/stories/{old}").headers["Location"].endswith("/stories/gold-in-tokyo")


def test_rejecting_a_revision_needs_a_message_and_keeps_the_live_version(app, login, post, make_profile,
                                                                         make_revision, editor, member, fetch,
                                                                         outbox):
    profile = make_profile(submitted_by=member, state=S.APPROVED, name="Arta Berisha", headline="Painter")
    revision = make_revision(profile, {"headline": "Sculptor"}, submitted_by=member, subject_type="profile")
    login(editor)
    response = post(f"/editor/review/revision/{revision.id}/decide", {"decision": "reject", "message": ""})
    assert response.status_code == 400 and "Please write a message" in response.get_data(as_text=True)
    assert fetch(Revision, revision.id).state is RevisionState.PENDING
    assert post(f"/editor/review/revision/{revision.id}/decide",
                {"decision": "reject", "message": "No source for this."}).status_code == 302
    assert fetch(Profile, profile.id).headline == "Painter"
    rejected = fetch(Revision, revision.id)
    assert rejected.state is RevisionState.REJECTED and rejected.message == "No source for this."
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.subject_id == profile.id))
        assert "profiles.revision_rejected" in set(actions)
    assert "No source for this." in outbox()[-1].get_body(preferencelist=("plain",)).get_content()


def test_editor_cannot_approve_own_revision(login, post, make_story, make_revision, editor, fetch):
    story = make_story(submitted_by=editor, state=S.APPROVED, title="Mine")
    revision = make_revision(story, {"title": "Mine, edited"}, submitted_by=editor)
    login(editor)
    assert post(f"/editor/review/revision/{revision.id}/decide", {"decision": "approve"}).status_code == 403
    assert fetch(Story, story.id).title == "Mine"


def test_a_members_revision_round_trip(app, client, login, post, make_profile, editor, member, fetch):
    """The members' side writes the whole record into the revision; only real changes show and apply."""
    from kd.content.revisions import propose_revision
    from kd.profiles.queries import row_data

    profile = make_profile(submitted_by=member, state=S.APPROVED, name="Arta Berisha", headline="Painter",
                           tags=["Art"])
    with app.app_context():
        live = db.session.get(Profile, profile.id)
        data = {**row_data(live), "headline": "Painter and sculptor", "tags": ["Art", "Sculpture"]}
        revision_id = propose_revision(live, db.session.get(type(member), member.id), data).id
        db.session.commit()
    login(editor)
    page = client.get(f"/editor/review/revision/{revision_id}").get_data(as_text=True)
    changes = page.split("Changes against the live version")[1].split("Decision")[0]
    assert "Painter<ins> and sculptor</ins>" in changes and "<ins>\nSculpture</ins>" in changes
    assert "Name" not in changes and "Links" not in changes
    assert fetch(Profile, profile.id).headline == "Painter"
    assert post(f"/editor/review/revision/{revision_id}/decide", {"decision": "approve"}).status_code == 302
    with app.app_context():
        stored = db.session.get(Profile, profile.id)
        assert stored.headline == "Painter and sculptor" and [t.name for t in stored.tags] == ["Art", "Sculpture"]
