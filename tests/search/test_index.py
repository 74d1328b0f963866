"""What reaches the index: approved content only, edits, removals, and the failure queue."""
from __future__ import annotations

import fcntl
from pathlib import Path

from sqlalchemy import select

from kd import db
from kd.core.moderated import ModerationState
from kd.profiles.models import Profile
from kd.search import schedule_delete, schedule_upsert
from kd.search.models import ReindexItem
from kd.search.service import backend, synchronise
from tests.search.conftest import keys


def test_an_approved_profile_and_story_are_found(make_profile, make_story, find):
    make_profile("Vjosa Krasniqi", headline="Architect in Zurich")
    make_story("Krasniqi wins the Pritzker", body="An architect from Prizren.")
    assert keys(find("krasniqi")) == {"profiles:1", "stories:1"}


def test_pending_rejected_and_unpublished_content_is_never_found(make_profile, make_story, find):
    for state in (ModerationState.SUBMITTED, ModerationState.REJECTED, ModerationState.UNPUBLISHED,
                  ModerationState.DRAFT):
        make_profile(f"Hidden {state.value}", state=state)
        make_story(f"Hidden story {state.value}", state=state)
    assert find("hidden").total == 0


def test_a_service_that_schedules_an_upsert_for_pending_content_still_indexes_nothing(app, make_profile, find):
    profile = make_profile("Drita Pending", state=ModerationState.SUBMITTED)
    with app.app_context(), db.transaction():
        schedule_upsert(db.session.get(Profile, profile.id))
    assert find("drita").total == 0


def test_edits_reach_the_index_and_replace_the_old_copy(app, make_profile, find):
    profile = make_profile("Besnik Gashi", headline="Chef")
    with app.app_context(), db.transaction():
        row = db.session.get(Profile, profile.id)
        row.headline = "Pastry chef in Lyon"
        schedule_upsert(row)
    assert keys(find("lyon")) == {"profiles:1"}
    assert find("gashi").total == 1


def test_unpublishing_removes_the_item(app, make_profile, find):
    profile = make_profile("Agron Berisha")
    with app.app_context(), db.transaction():
        row = db.session.get(Profile, profile.id)
        row.state = ModerationState.UNPUBLISHED
        schedule_delete(row)
    assert find("berisha").total == 0


def test_a_rolled_back_change_never_reaches_the_index(app, make_profile, find):
    profile = make_profile("Teuta Hoxha", state=ModerationState.SUBMITTED)
    try:
        with app.app_context(), db.transaction():
            row = db.session.get(Profile, profile.id)
            row.state = ModerationState.APPROVED
            schedule_upsert(row)
            raise RuntimeError("editor's request failed")
    except RuntimeError:
        pass
    assert find("teuta").total == 0


def test_a_locked_index_keeps_the_database_change_and_queues_the_item(app, make_profile, find):
    make_profile("First Person")
    app.extensions["kd.search"].lock_timeout = 0.1
    with _index_write_lock(app):
        profile = make_profile("Locked Out")
    with app.app_context():
        assert db.session.get(Profile, profile.id).state is ModerationState.APPROVED
        queued = db.session.execute(select(ReindexItem.subject_type, ReindexItem.subject_id)).all()
    assert [tuple(row) for row in queued] == [("profiles", profile.id)]
    assert find("locked").total == 0
    make_profile("Someone Else")  # the next successful write picks the queued item up
    assert keys(find("locked")) == {f"profiles:{profile.id}"}
    with app.app_context():
        assert db.session.scalars(select(ReindexItem)).all() == []


def test_synchronise_drains_the_queue(app, make_profile, find):
    profile = make_profile("Queued Person", state=ModerationState.SUBMITTED)
    with app.app_context(), db.transaction():
        row = db.session.get(Profile, profile.id)
        row.state = ModerationState.APPROVED
        db.session.add(ReindexItem(subject_type="profiles", subject_id=profile.id))
    with app.app_context():
        synchronise(set())
    assert find("queued").total == 1


class _index_write_lock:
    """Hold Whoosh's write lock the way another process would."""

    def __init__(self, app):
        with app.app_context():
            self.path = Path(backend().live_directory()) / "MAIN_WRITELOCK"

    def __enter__(self):
        self.handle = open(self.path, "w")
        fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def __exit__(self, *exc):
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()
