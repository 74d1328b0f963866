"""Fixtures: app, client, db, mail outbox, CSRF helper, user factory and login.

The suite runs on SQLite by default and on PostgreSQL when KD_TEST_DATABASE_URL is set; each xdist
worker gets its own database. The schema is made once per worker with create_all (tests only), and
every table is emptied after each test.
"""
from __future__ import annotations

import email
import email.policy
import itertools
import os
import re
import uuid
from pathlib import Path

import pytest
import redis
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from kd import create_app, db
from kd.accounts.models import Role, User
from kd.core.passwords import hash_password
from kd.extensions import limiter

PASSWORD = "correct horse battery"
CSRF_PATTERN = re.compile(r'name="csrf_token" value="([^"]+)"')


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def create_postgres_database(base_url: str, name: str) -> str:
    """A fresh, empty database next to base_url's (trust auth on this machine)."""
    url = make_url(base_url)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(url: str) -> None:
    parsed = make_url(url)
    admin = create_engine(parsed.set(database=make_url(os.environ["KD_TEST_DATABASE_URL"]).database),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
    admin.dispose()


def fresh_database_url(tmp_dir: Path, label: str) -> str:
    """An empty database: a SQLite file in tmp_dir, or a PostgreSQL database unique to this run and worker."""
    base = os.environ.get("KD_TEST_DATABASE_URL")
    if base:
        run = os.environ.get("KD_TEST_RUN_ID", "solo")
        return create_postgres_database(base, f"kd_test_{label}_{run}_{_worker()}"[:63])
    return f"sqlite:///{tmp_dir / f'{label}.sqlite3'}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    os.environ["KD_TEST_RUN_ID"] = (os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex)[:12]
    url = fresh_database_url(tmp_path_factory.mktemp("db"), "suite")
    engine = db.make_engine(url)
    from kd import model_registry  # noqa: F401

    db.Base.metadata.create_all(engine)
    engine.dispose()
    yield url
    if url.startswith("postgresql"):
        drop_postgres_database(url)


def redis_settings() -> dict:
    """With KD_TEST_REDIS_URL (CI's PostgreSQL leg), the app uses Redis for rate limits and the page cache,
    under keys of its own per test; jobs still run inline unless a test asks for a worker."""
    url = os.environ.get("KD_TEST_REDIS_URL")
    if not url:
        return {"RATELIMIT_STORAGE_URI": "memory://"}
    prefix = f"kdtest-{uuid.uuid4().hex[:12]}"
    return {"REDIS_URL": url, "RATELIMIT_STORAGE_URI": url, "RATELIMIT_STORAGE_OPTIONS": {"key_prefix": prefix},
            "CACHE_PREFIX": prefix, "JOBS_QUEUE": prefix, "JOBS_INLINE": True}


@pytest.fixture
def app_overrides() -> dict:
    """Extra configuration for the app fixture; a test folder overrides this (tests/search picks the backend)."""
    return {}


@pytest.fixture
def app(database_url, tmp_path, app_overrides):
    application = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-for-checks",
        "DATABASE_URL": database_url,
        "INSTANCE_DIR": str(tmp_path / "instance"),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "SERVER_NAME": "kd.test",
        "SITE_URL": "http://kd.test",
        **redis_settings(),
        **app_overrides,
    })
    with application.app_context():
        limiter.reset()
    yield application
    _empty_all_tables(application)
    _forget_redis_keys(application)
    application.extensions["kd.engine"].dispose()


def _forget_redis_keys(application) -> None:
    url = os.environ.get("KD_TEST_REDIS_URL")
    if url:
        connection = redis.Redis.from_url(url)
        for key in connection.scan_iter(f"*{application.config['CACHE_PREFIX']}*"):
            connection.delete(key)


def _empty_all_tables(application) -> None:
    db.session.remove()
    engine = application.extensions["kd.engine"]
    tables = list(reversed(db.Base.metadata.sorted_tables))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{table.name}"' for table in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db_session(app):
    with app.app_context():
        yield db.session


@pytest.fixture
def csrf(client):
    """The CSRF token of the client's session, as a page would carry it."""
    def token() -> str:
        page = client.get("/account/login").get_data(as_text=True)
        return CSRF_PATTERN.search(page).group(1)
    return token


@pytest.fixture
def post(client, csrf):
    """POST a form with the session's CSRF token, as a browser would."""
    def send(url: str, data: dict | None = None, **kwargs):
        return client.post(url, data={"csrf_token": csrf(), **(data or {})}, **kwargs)
    return send


@pytest.fixture
def make_user(app):
    counter = itertools.count(1)

    def make(role: Role = Role.MEMBER, confirmed: bool = True, password: str = PASSWORD, **fields) -> User:
        number = next(counter)
        fields.setdefault("email", f"user{number}@example.org")
        fields.setdefault("display_name", f"User {number}")
        with app.app_context():
            user = User(role=role, email_confirmed=confirmed, password_hash=hash_password(password), **fields)
            db.session.add(user)
            db.session.commit()
            db.session.expunge(user)
        return user
    return make


@pytest.fixture
def login(post):
    def log_in(user: User, password: str = PASSWORD):
        response = post("/account/login", {"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return response
    return log_in


@pytest.fixture
def outbox(app):
    """Messages written to the outbox folder, oldest first, parsed."""
    folder = Path(app.config["MAIL_OUTBOX_DIR"])

    def messages() -> list[email.message.EmailMessage]:
        files = sorted(folder.glob("*.eml"), key=lambda path: path.stat().st_mtime_ns) if folder.exists() else []
        return [email.message_from_bytes(path.read_bytes(), policy=email.policy.default) for path in files]
    return messages


def mail_link(message, path_prefix: str) -> str:
    """The path of the first link in the mail's text that starts with path_prefix."""
    body = message.get_body(preferencelist=("plain",)).get_content()
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_prefix) + r"\S+)", body)
    assert match, body
    return match.group(1)
