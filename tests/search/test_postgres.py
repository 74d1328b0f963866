"""PostgreSQL only: search rows are written by the transaction that changes the content, so they commit
and roll back with it, and a failing search write keeps the content change from committing."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from kd import db
from kd.content import changes
from kd.content.states import ModerationState
from kd.profiles.models import Profile
from kd.search.backend import SearchQuery
from kd.search.models import SearchDocument, SearchGeneration
from kd.search.postgres_backend import PostgresBackend
from kd.search.service import backend
from tests.search.conftest import keys, require_backend


@pytest.fixture
def search_backend(database_url) -> str:
    return require_backend("postgres", database_url)


def search_rows(app) -> list[str]:
    with app.extensions["kd.engine"].connect() as connection:
        return list(connection.scalars(select(SearchDocument.key).order_by(SearchDocument.key)))


def generation(app) -> str | None:
    with app.extensions["kd.engine"].connect() as connection:
        return connection.scalar(select(SearchGeneration.token))


def approve(app, profile_id: int) -> None:
    row = db.session.get(Profile, profile_id)
    row.state = ModerationState.APPROVED
    changes.changed(row)


def test_a_committed_approval_is_searchable_as_soon_as_the_commit_returns(app, make_profile, find):
    profile = make_profile(name="Teuta Hoxha", state=ModerationState.SUBMITTED)
    with app.app_context(), db.transaction():
        approve(app, profile.id)
        assert search_rows(app) == []  # another connection sees nothing before the commit
    assert search_rows(app) == ["profiles:1"]
    assert keys(find("teuta")) == {"profiles:1"}


def test_a_transaction_that_fails_after_the_search_write_leaves_no_row(app, make_profile, find):
    profile = make_profile(name="Teuta Hoxha", state=ModerationState.SUBMITTED)

    def fail_late(session, changes):
        raise RuntimeError("a later step of the commit failed")

    changes.content_changing.connect(fail_late)
    try:
        with pytest.raises(RuntimeError), app.app_context(), db.transaction():
            approve(app, profile.id)
    finally:
        changes.content_changing.disconnect(fail_late)
    assert search_rows(app) == []
    assert find("teuta").total == 0
    with app.app_context():
        assert db.session.get(Profile, profile.id).state is ModerationState.SUBMITTED


def test_a_failing_search_write_keeps_the_content_change_from_committing(app, make_profile, monkeypatch, find):
    profile = make_profile(name="Teuta Hoxha", state=ModerationState.SUBMITTED)

    def broken(*args):
        raise RuntimeError("search row could not be written")

    monkeypatch.setattr(app.extensions["kd.search"], "write_in", broken)
    with pytest.raises(RuntimeError), app.app_context(), db.transaction():
        approve(app, profile.id)
    with app.app_context():
        assert db.session.get(Profile, profile.id).state is ModerationState.SUBMITTED
    assert search_rows(app) == []


def test_a_write_from_any_process_ends_every_cached_summary(app, make_profile):
    """Another worker's backend keeps its own cache; the generation row tells it the rows changed."""
    other_worker = PostgresBackend(app.extensions["kd.engine"], lambda keys: {})
    make_profile(name="Teuta Hoxha", state=ModerationState.SUBMITTED)
    before = generation(app)
    assert other_worker.search(SearchQuery("teuta")).total == 0
    assert other_worker.search(SearchQuery("teuta")).total == 0
    with app.app_context(), db.transaction():
        approve(app, 1)
    assert generation(app) not in (None, before)
    assert keys(other_worker.search(SearchQuery("teuta"))) == {"profiles:1"}


def test_with_more_matches_than_the_pool_an_old_name_match_still_comes_first(app, make_profile, make_story):
    make_profile(name="Dardan Morina")
    for number in range(5):
        make_story(title=f"Festival day {number}", body="Dardan played the opening set.")
    small_pool = PostgresBackend(app.extensions["kd.engine"], lambda keys: {}, pool_size=2)
    results = small_pool.search(SearchQuery("dardan", per_page=2))
    assert results.total == 6
    assert [hit.key for hit in results.hits] == ["profiles:1", "stories:5"]
    assert [hit.key for hit in small_pool.search(SearchQuery("dardan", per_page=2, page=3)).hits] == [
        "stories:2", "stories:1"]


def test_documents_carry_weights_name_markers_and_folded_spelling(app, make_profile):
    make_profile(name="Arbëresha Çeliku", headline="Violinist", tags=("Music",))
    with app.extensions["kd.engine"].connect() as connection:
        vector, spelling = connection.execute(select(SearchDocument.vector, SearchDocument.spelling)).one()
    assert "'celiku':2A" in vector and "'~celiku':3A" in vector and "'violinist':4B" in vector
    assert "'music':5B" in vector
    assert spelling == "arberesha celiku violinist"


def test_health_reports_the_index(app):
    with app.app_context():
        assert backend().status() == "ok"
