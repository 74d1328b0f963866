"""Whoosh only: the file lock shared by several processes, the failure queue, the atomic swap."""
from __future__ import annotations

import fcntl
import multiprocessing
from pathlib import Path

import pytest
from sqlalchemy import select

from kd import db
from kd.content.states import ModerationState
from kd.profiles.models import Profile
from kd.search.backend import IndexDocument, SearchQuery
from kd.search.models import ReindexItem
from kd.search.service import backend
from kd.search.whoosh_backend import WhooshBackend
from tests.search.conftest import START, keys


@pytest.fixture
def search_backend() -> str:
    return "whoosh"


def test_a_locked_index_keeps_the_database_change_and_queues_the_item(app, make_profile, find):
    make_profile(name="First Person")
    app.extensions["kd.search"].lock_timeout = 0.1
    with _index_write_lock(app):
        profile = make_profile(name="Locked Out")
    with app.app_context():
        assert db.session.get(Profile, profile.id).state is ModerationState.APPROVED
        queued = db.session.execute(select(ReindexItem.subject_type, ReindexItem.subject_id)).all()
    assert [tuple(row) for row in queued] == [("profiles", profile.id)]
    assert find("locked").total == 0
    make_profile(name="Someone Else")  # the next successful write picks the queued item up
    assert keys(find("locked")) == {f"profiles:{profile.id}"}
    with app.app_context():
        assert db.session.scalars(select(ReindexItem)).all() == []


def test_a_failed_rebuild_leaves_the_old_index_serving(app, make_profile, find):
    make_profile(name="Still Here")
    with app.app_context():
        old_directory = backend().live_directory()

        def documents_then_crash():
            yield from ()
            raise KeyboardInterrupt("killed mid-rebuild")

        with pytest.raises(KeyboardInterrupt):
            backend().rebuild(documents_then_crash())
        assert backend().live_directory() == old_directory
        assert not backend().is_rebuilding()
        assert sorted(path.name for path in old_directory.parent.glob("gen-*")) == [old_directory.name]
    assert keys(find("still")) == {"profiles:1"}


def _write_many(directory: str, first: int, barrier) -> None:
    writer = WhooshBackend(directory, lambda keys: {}, lock_timeout=30)
    barrier.wait()
    for number in range(first, first + 10):
        writer.write([_document(number)], [])


def _document(number: int) -> IndexDocument:
    return IndexDocument(kind="person", id=number, slug=f"p{number}", name=f"Writer {number}", title="", summary="",
                         body="parallel", country="", field="", municipality="", tag_slugs=(), tag_names=(),
                         published_at=START, updated_at=START)


def test_two_processes_writing_at_once_both_succeed(app, tmp_path, find):
    directory = str(tmp_path / "shared-index")
    WhooshBackend(directory, lambda keys: {}).live_directory()
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    workers = [context.Process(target=_write_many, args=(directory, first, barrier)) for first in (1, 101)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [worker.exitcode for worker in workers] == [0, 0]
    reader = WhooshBackend(directory, lambda keys: {})
    assert reader.search(SearchQuery(text="parallel", per_page=50)).total == 20


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
