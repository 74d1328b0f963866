"""An embedded index (Whoosh, tantivy) left from another database is noticed, not served."""
from __future__ import annotations

import pytest

from kd import create_app
from kd.search.service import disagreement


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
