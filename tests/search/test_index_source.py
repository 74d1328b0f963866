"""An embedded index (Whoosh, tantivy) left from another database is noticed, not served."""
from __future__ import annotations

import pytest

from kd import create_app
from kd.search.service import backend, disagreement


@pytest.fixture(params=("whoosh", "tantivy"))
def search_backend(request) -> str:
    return request.param


def test_an_index_built_from_another_database_is_reported(app, make_profile, tmp_path):
    make_profile(name="Arta Krasniqi")
    other = create_app({**app.config, "DATABASE_URL": f"sqlite:///{tmp_path / 'other.sqlite3'}"})
    with other.app_context():
        from kd import migrate

        migrate.upgrade("head")
        assert "another database" in disagreement()
    other.extensions["kd.engine"].dispose()
    with app.app_context():
        assert disagreement() is None


def test_an_index_of_an_older_schema_is_rebuilt_by_reindex_if_needed(app, make_profile, runner):
    """An index written before the help facet (its mark names no schema) lacks fields: reindex it."""
    make_profile(name="Arta Krasniqi")
    with app.app_context():
        live = backend().live_directory()
        (live / "SOURCE").write_text(backend().source)  # as versions before the schema mark wrote it
        assert "older version" in disagreement()
    result = runner.invoke(args=["kd", "reindex", "--if-needed"])
    assert "Search index rebuilt: 1 items." in result.output, result.output
    with app.app_context():
        assert disagreement() is None
