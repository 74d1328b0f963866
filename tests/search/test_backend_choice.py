"""KD_SEARCH_BACKEND: auto follows the database; an explicit choice is honoured or refused at startup."""
from __future__ import annotations

import pytest

from kd import create_app
from kd.search.postgres_backend import PostgresBackend
from kd.search.tantivy_backend import TantivyBackend
from kd.search.whoosh_backend import WhooshBackend


def make_app(tmp_path, database_url: str, backend: str):
    application = create_app({"TESTING": True, "SECRET_KEY": "x" * 40, "DATABASE_URL": database_url,
                              "INSTANCE_DIR": str(tmp_path), "SEARCH_INDEX_DIR": str(tmp_path / "index"),
                              "SEARCH_BACKEND": backend})
    application.extensions["kd.engine"].dispose()
    return application


def test_auto_uses_postgres_full_text_on_postgresql_and_whoosh_otherwise(tmp_path, database_url):
    expected = PostgresBackend if database_url.startswith("postgresql") else WhooshBackend
    assert isinstance(make_app(tmp_path, database_url, "auto").extensions["kd.search"], expected)


def test_whoosh_can_be_chosen_on_any_database(tmp_path, database_url):
    assert isinstance(make_app(tmp_path, database_url, "whoosh").extensions["kd.search"], WhooshBackend)


def test_tantivy_can_be_chosen_on_any_database_and_keeps_its_own_directory(tmp_path, database_url):
    backend = make_app(tmp_path, database_url, "tantivy").extensions["kd.search"]
    assert isinstance(backend, TantivyBackend)
    assert backend.live_directory().parent == tmp_path / "index" / "tantivy"


def test_postgres_on_sqlite_is_a_startup_error(tmp_path):
    with pytest.raises(RuntimeError, match="needs a PostgreSQL database"):
        make_app(tmp_path, f"sqlite:///{tmp_path / 'kd.sqlite3'}", "postgres")


def test_an_unknown_backend_is_a_startup_error(tmp_path):
    with pytest.raises(RuntimeError, match="Unknown KD_SEARCH_BACKEND 'solr'"):
        make_app(tmp_path, f"sqlite:///{tmp_path / 'kd.sqlite3'}", "solr")
