"""What reaches the index: approved content only, edits, removals, moderation, and the failure queue."""
from __future__ import annotations

from kd import db
from kd.accounts.models import Role
from kd.content import changes
from kd.content.states import ModerationState
from kd.content.workflow import transition
from kd.profiles.models import Profile
from kd.search.models import ReindexItem
from kd.search.service import synchronise
from kd.stories.models import Story
from tests.search.conftest import keys


def test_an_approved_profile_and_story_are_found(make_profile, make_story, find):
    make_profile(name="Vjosa Krasniqi", headline="Architect in Zurich")
    make_story(title="Krasniqi wins the Pritzker", body="An architect from Prizren.")
    assert keys(find("krasniqi")) == {"profiles:1", "stories:1"}


def test_pending_rejected_and_unpublished_content_is_never_found(make_profile, make_story, find):
    for state in (ModerationState.SUBMITTED, ModerationState.REJECTED, ModerationState.UNPUBLISHED,
                  ModerationState.DRAFT):
        make_profile(name=f"Hidden {state.value}", state=state)
        make_story(title=f"Hidden story {state.value}", state=state)
    assert find("hidden").total == 0


def test_a_service_that_schedules_an_upsert_for_pending_content_still_indexes_nothing(app, make_profile, find):
    profile = make_profile(name="Drita Pending", state=ModerationState.SUBMITTED)
    with app.app_context(), db.transaction():
        changes.changed(db.session.get(Profile, profile.id))
    assert find("drita").total == 0


def test_edits_reach_the_index_and_replace_the_old_copy(app, make_profile, find):
    profile = make_profile(name="Besnik Gashi", headline="Chef")
    with app.app_context(), db.transaction():
        row = db.session.get(Profile, profile.id)
        row.headline = "Pastry chef in Lyon"
        changes.changed(row)
    assert keys(find("lyon")) == {"profiles:1"}
    assert find("gashi").total == 1


def test_unpublishing_removes_the_item(app, make_profile, find):
    profile = make_profile(name="Agron Berisha")
    with app.app_context(), db.transaction():
        row = db.session.get(Profile, profile.id)
        row.state = ModerationState.UNPUBLISHED
        changes.removed(row)
    assert find("berisha").total == 0


def test_a_rolled_back_change_never_reaches_the_index(app, make_profile, find):
    profile = make_profile(name="Teuta Hoxha", state=ModerationState.SUBMITTED)
    try:
        with app.app_context(), db.transaction():
            row = db.session.get(Profile, profile.id)
            row.state = ModerationState.APPROVED
            changes.changed(row)
            raise RuntimeError("editor's request failed")
    except RuntimeError:
        pass
    assert find("teuta").total == 0


def test_approving_and_unpublishing_through_moderation_keep_the_index_in_step(app, make_user, make_story, find):
    editor = make_user(role=Role.EDITOR)
    story = make_story(title="Liridona opens a bakery", state=ModerationState.SUBMITTED, tags=("Food",))
    assert find("liridona").total == 0
    with app.app_context(), db.transaction():
        transition(db.session.get(Story, story.id), "approve", editor)
    assert keys(find("liridona")) == {"stories:1"}
    assert dict(find("liridona").facets["tag"]) == {"food": 1}
    with app.app_context(), db.transaction():
        transition(db.session.get(Story, story.id), "unpublish", editor, "Duplicate of another story")
    assert find("liridona").total == 0
    assert find("bakery").total == 0


def test_synchronise_drains_the_queue(app, make_profile, find):
    profile = make_profile(name="Queued Person", state=ModerationState.SUBMITTED)
    with app.app_context(), db.transaction():
        row = db.session.get(Profile, profile.id)
        row.state = ModerationState.APPROVED
        db.session.add(ReindexItem(subject_type="profiles", subject_id=profile.id))
    with app.app_context():
        synchronise(set())
    assert find("queued").total == 1
