"""The Alembic history builds the same schema as the models, and goes down again cleanly."""
from datetime import UTC

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


def test_0008_copies_publication_dates_onto_profile_tag_links(app, tmp_path):
    from datetime import datetime

    from sqlalchemy import insert, text

    from kd.profiles.models import Profile
    from kd.tags.models import Tag

    url = fresh_database_url(tmp_path, "migration-0008")
    with app.app_context():
        migrate.upgrade("0007", url)
    engine = db.make_engine(url)
    published = datetime(2026, 2, 1, 10, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(insert(Tag.__table__), [{"id": 1, "slug": "jazz", "name": "Jazz"}])
        connection.execute(insert(Profile.__table__), [
            {"id": number, "kind": "person", "slug": f"p{number}", "name": "A", "name_folded": "a", "headline": "",
             "field": "", "country_code": "DE", "city": "", "municipality": "", "bio": "", "links": [],
             "state": state, "language": "en", "moderation_message": "", "published_at": published}
            for number, state in ((1, "approved"), (2, "submitted"))])
        connection.execute(text("INSERT INTO profile_tags (profile_id, tag_id) VALUES (1, 1), (2, 1)"))
    with app.app_context():
        migrate.upgrade("head", url)
    with engine.connect() as connection:
        dates = dict(connection.execute(text("SELECT profile_id, published_at FROM profile_tags")).all())
    assert dates[1] is not None and str(dates[1]).startswith("2026-02-01 10:00") and dates[2] is None
    engine.dispose()
    if url.startswith("postgresql"):
        drop_postgres_database(url)


def test_0009_stores_kinds_and_publication_times_before_checking_them(app, tmp_path):
    from datetime import datetime

    from sqlalchemy import insert, text

    from kd.content.models import Revision
    from kd.profiles.models import Profile

    url = fresh_database_url(tmp_path, "migration-0009")
    with app.app_context():
        migrate.upgrade("0008", url)
    engine = db.make_engine(url)
    reviewed = datetime(2026, 3, 1, 9, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(insert(Profile.__table__), [{
            "id": 1, "kind": "person", "slug": "p1", "name": "A", "name_folded": "a", "headline": "", "field": "",
            "country_code": "DE", "city": "", "municipality": "", "bio": "", "links": [], "state": "approved",
            "language": "en", "moderation_message": "", "reviewed_at": reviewed, "published_at": None}])
        connection.execute(insert(Revision.__table__), [
            {"id": 1, "subject_type": "profiles", "subject_id": 1, "data": {}, "state": "pending", "message": ""},
            {"id": 2, "subject_type": "story", "subject_id": 1, "data": {}, "state": "pending", "message": ""}])
    with app.app_context():
        migrate.upgrade("head", url)
    with engine.connect() as connection:
        kinds = dict(connection.execute(text("SELECT id, subject_type FROM revisions")).all())
        published = connection.execute(text("SELECT published_at FROM profiles")).scalar_one()
    assert kinds == {1: "profile", 2: "story"} and str(published).startswith("2026-03-01 09:00")
    engine.dispose()
    if url.startswith("postgresql"):
        drop_postgres_database(url)


def test_0012_gives_imported_stories_their_wordpress_authors_name(app, tmp_path):
    from sqlalchemy import text

    url = fresh_database_url(tmp_path, "migration-0012")
    with app.app_context():
        migrate.upgrade("0010", url)
    engine = db.make_engine(url)
    with engine.begin() as connection:
        for number in (1, 2):
            connection.execute(text(
                "INSERT INTO stories (id, slug, title, summary, body, city, state, moderation_message, language, "
                "created_at, updated_at) VALUES (:id, :slug, 'T', '', '', '', 'draft', '', 'en', :now, :now)"),
                {"id": number, "slug": f"s{number}", "now": "2026-01-01 00:00:00"})
        connection.execute(text(
            "INSERT INTO wordpress_items (site, wp_id, guid, subject_type, subject_id, author_name, imported_at) "
            "VALUES ('https://wp.example', 5, 'g', 'stories', 1, 'Agon Krasniqi', '2026-01-01 00:00:00')"))
    with app.app_context():
        migrate.upgrade("head", url)
    with engine.connect() as connection:
        names = dict(connection.execute(text("SELECT id, author_name FROM stories")).all())
    assert names == {1: "Agon Krasniqi", 2: ""}
    engine.dispose()
    if url.startswith("postgresql"):
        drop_postgres_database(url)
