"""`flask kd reindex`: a full rebuild swapped in atomically, --check, and writers in several processes."""
from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy import update

from kd import db
from kd.profiles.models import Profile
from kd.search.backend import IndexDocument, SearchQuery
from kd.search.service import backend
from kd.search.whoosh_backend import WhooshBackend
from tests.search.conftest import START, keys


def test_reindex_rebuilds_from_the_database(app, runner, make_profile, find):
    make_profile("Lost Person")
    with app.app_context():
        db.session.execute(update(Profile).values(name="Found Person"))
        db.session.commit()
    assert find("found").total == 0
    result = runner.invoke(args=["kd", "reindex"])
    assert result.exit_code == 0, result.output
    assert "1 items" in result.output
    assert keys(find("found")) == {"profiles:1"}


def test_a_failed_rebuild_leaves_the_old_index_serving(app, make_profile, find):
    make_profile("Still Here")
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


def test_check_reports_missing_and_stale_items_and_exits_1(app, runner, make_profile):
    make_profile("Indexed")
    assert runner.invoke(args=["kd", "reindex", "--check"]).exit_code == 0
    with app.app_context():
        db.session.add(Profile(name="Never indexed", name_folded="never indexed", slug="never",
                               state="approved", kind="person"))
        db.session.execute(update(Profile).where(Profile.id == 1).values(updated_at=START.replace(year=2099)))
        db.session.commit()
    result = runner.invoke(args=["kd", "reindex", "--check"])
    assert result.exit_code == 1
    assert "missing: profiles:2" in result.output and "stale: profiles:1" in result.output
    assert runner.invoke(args=["kd", "reindex"]).exit_code == 0
    assert runner.invoke(args=["kd", "reindex", "--check"]).exit_code == 0


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
