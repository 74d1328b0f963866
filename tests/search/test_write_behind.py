"""Index writes off the request (kd.search.write_behind): the commit queues the items in the database, this
process's writer thread writes them and empties the queue; a worker that dies first leaves them queued."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from kd import db
from kd.accounts.models import Role, User
from kd.content.states import ModerationState
from kd.moderation.services import decide_submission
from kd.search.models import ReindexItem
from kd.search.service import flush_writes, synchronise
from kd.stories.models import Story
from tests.search.conftest import keys, require_backend


@pytest.fixture(params=("whoosh", "tantivy"))
def search_backend(request, database_url) -> str:
    return require_backend(request.param, database_url)


@pytest.fixture
def app_overrides(search_backend) -> dict:
    return {"SEARCH_BACKEND": search_backend, "SEARCH_WRITE_BEHIND": True}


def _approve(app, story_id: int, editor_id: int) -> None:
    with app.app_context(), db.transaction():
        decide_submission(db.session.get(Story, story_id), "approve", db.session.get(User, editor_id))


def _queued(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(ReindexItem))


def _queued_subjects(app) -> set[tuple[str, int]]:
    with app.app_context():
        return set(db.session.execute(select(ReindexItem.subject_type, ReindexItem.subject_id)))


def test_an_approval_is_written_by_the_thread_and_leaves_nothing_queued(app, make_user, make_story, find):
    editor = make_user(role=Role.EDITOR)
    story = make_story(title="Zana wins the chess olympiad", state=ModerationState.SUBMITTED,
                       submitted_by=make_user())
    _approve(app, story.id, editor.id)
    with app.app_context():
        assert flush_writes(10)
    assert keys(find("olympiad")) == {f"stories:{story.id}"}
    assert _queued(app) == 0


def test_items_queued_by_a_worker_that_died_are_written_by_the_next_write(app, make_user, make_story, find):
    # Dead from the start: a live thread started by the fixtures' own commits would write the queue meanwhile.
    app.extensions["kd.search_writer"] = _DeadWriter()
    editor = make_user(role=Role.EDITOR)
    story = make_story(title="Drin climbs Everest", state=ModerationState.SUBMITTED, submitted_by=make_user())
    _approve(app, story.id, editor.id)
    assert ("stories", story.id) in _queued_subjects(app) and find("everest").total == 0
    with app.app_context():
        synchronise(set())
    assert find("everest").total == 1 and _queued(app) == 0


class _DeadWriter:
    """A writer thread that never runs (its worker was killed right after the commit)."""

    def submit(self, _subjects) -> None:
        pass
