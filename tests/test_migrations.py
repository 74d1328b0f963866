"""The Alembic history builds the same schema as the models, and goes down again cleanly."""
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from kd import db, migrate
from tests.conftest import drop_postgres_database, fresh_database_url


def test_upgrade_matches_models_and_downgrade_empties(app, tmp_path):
    url = fresh_database_url(tmp_path, "migrations")
    with app.app_context():
        migrate.upgrade("head", url)
    engine = db.make_engine(url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.Base.metadata)
        tables = set(inspect(connection).get_table_names())
    assert differences == []
    assert {"users", "profiles", "stories", "tags", "audit_entries"} <= tables
    with app.app_context():
        migrate.downgrade("base", url)
    with engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    if url.startswith("postgresql"):
        drop_postgres_database(url)
