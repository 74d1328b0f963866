"""The embedded engines (Whoosh, tantivy): one writer at a time per index directory, shared by several
processes, the failure queue, the atomic swap of a rebuilt index."""
from __future__ import annotations

import fcntl
import multiprocessing
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from kd import db
from kd.content.states import ModerationState
from kd.profiles.models import Profile
from kd.search.backend import IndexDocument, SearchQuery
from kd.search.models import ReindexItem
from kd.search.service import backend
from kd.search.tantivy_backend import TantivyBackend, edit_distance
from kd.search.tantivy_schema import make_schema, open_index
from kd.search.whoosh_backend import WhooshBackend
from tests.search.conftest import START, keys

ENGINES = {"whoosh": WhooshBackend, "tantivy": TantivyBackend}


@pytest.fixture(params=tuple(ENGINES))
def search_backend(request) -> str:
    return request.param


def test_a_locked_index_keeps_the_database_change_and_queues_the_item(app, make_profile, find, search_backend):
    make_profile(name="First Person")
    app.extensions["kd.search"].lock_timeout = 0.1
    with app.app_context(), _write_lock_held(search_backend, backend().live_directory()):
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


@contextmanager
def _write_lock_held(engine: str, directory: Path):
    """Hold the index's write lock the way another process would."""
    if engine == "tantivy":
        writer = open_index(str(directory)).writer(heap_size=15_000_000, num_threads=1)
        yield
        writer.rollback()
        writer.wait_merging_threads()
        return
    with open(directory / "MAIN_WRITELOCK", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
        fcntl.flock(handle, fcntl.LOCK_UN)


def test_a_failed_rebuild_leaves_the_old_index_serving(app, make_profile, find):
    make_profile(name="Still Here")
    with app.app_context():
        old_directory = backend().live_directory()

        def documents_then_crash():
            yield _document(500)
            raise KeyboardInterrupt("killed mid-rebuild")

        with pytest.raises(KeyboardInterrupt):
            backend().rebuild(documents_then_crash())
        assert backend().live_directory() == old_directory
        assert not backend().is_rebuilding()
        assert sorted(path.name for path in old_directory.parent.glob("gen-*")) == [old_directory.name]
    assert keys(find("still")) == {"profiles:1"}


def test_a_rebuild_swaps_every_process_to_the_new_index(tmp_path, search_backend):
    first, second = (ENGINES[search_backend](str(tmp_path / "shared"), lambda keys: {}) for _ in range(2))
    first.write([_document(1)], [])
    assert second.search(SearchQuery("parallel")).total == 1
    first.rebuild(iter([_document(2), _document(3)]))
    time.sleep(0.25)  # Whoosh looks for a new index every 0.2 s; tantivy at every search
    assert keys(second.search(SearchQuery("parallel"))) == {"profiles:2", "profiles:3"}


def _write_and_read(engine: str, directory: str, first: int, barrier) -> None:
    """One gunicorn worker: ten batches of its own, then it must see the other worker's ten as well."""
    worker = ENGINES[engine](directory, lambda keys: {}, lock_timeout=30)
    worker.search(SearchQuery("parallel"))
    barrier.wait()
    for number in range(first, first + 10):
        worker.write([_document(number)], [])
        assert f"profiles:{number}" in keys(worker.search(SearchQuery(f"writer{number}")))  # its own, at once
    deadline = time.monotonic() + 30
    while worker.search(SearchQuery("parallel", per_page=50)).total < 20:
        assert time.monotonic() < deadline, "the other process's commits never became visible"
        time.sleep(0.01)


def _document(number: int) -> IndexDocument:
    return IndexDocument(kind="person", id=number, slug=f"p{number}", name=f"Writer{number}", title="", summary="",
                         body="parallel", country="", field="", municipality="", tag_slugs=(), tag_names=(),
                         published_at=START, updated_at=START)


def test_two_processes_writing_and_reading_at_once_both_succeed(tmp_path, search_backend):
    directory = str(tmp_path / "shared-index")
    ENGINES[search_backend](directory, lambda keys: {}).live_directory()
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    workers = [context.Process(target=_write_and_read, args=(search_backend, directory, first, barrier))
               for first in (1, 101)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(90)
    assert [worker.exitcode for worker in workers] == [0, 0]
    reader = ENGINES[search_backend](directory, lambda keys: {})
    assert reader.search(SearchQuery(text="parallel", per_page=50)).total == 20
    assert reader.document_count() == 20


def test_did_you_mean_ranks_tantivy_candidates_by_edit_distance():
    assert [edit_distance("lipaa", "lipa"), edit_distance("gashi", "gahsi"), edit_distance("", "abc")] == [1, 2, 3]


def test_a_tantivy_index_of_another_schema_counts_as_empty_until_rebuilt(tmp_path, monkeypatch):
    old = TantivyBackend(str(tmp_path / "index"), lambda keys: {})
    old.write([_document(1)], [])
    monkeypatch.setattr("kd.search.tantivy_schema.FACETS", ("country", "field", "tag", "municipality", "new"))
    monkeypatch.setattr("kd.search.tantivy_schema.MULTI_VALUED", {"tag": "tag_slugs", "new": "tag_slugs"})
    make_schema.cache_clear()
    try:
        current = TantivyBackend(str(tmp_path / "index"), lambda keys: {})
        assert current.document_count() == 0 and current.search(SearchQuery("parallel")).total == 0
        current.rebuild(iter([_document(1)]))
        assert keys(current.search(SearchQuery("parallel"))) == {"profiles:1"}
    finally:
        make_schema.cache_clear()
