"""Fixtures: app, client, db, mail outbox, CSRF helper, user factory and login, shared content factories.

The suite runs on SQLite by default and on PostgreSQL when KD_TEST_DATABASE_URL is set; each xdist
worker gets its own database. The schema is made once per worker with create_all (tests only), and
every table is emptied after each test.
"""
from __future__ import annotations

import email
import email.policy
import io
import itertools
import os
import re
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
import redis
from PIL import Image
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from kd import create_app, db
from kd.accounts.models import Role, User
from kd.actions import services as action_services
from kd.actions.models import Action, ActionStatus, InstitutionKind
from kd.content import changes
from kd.content.states import ModerationState
from kd.core.passwords import hash_password
from kd.db import transaction, utcnow
from kd.extensions import limiter
from kd.media.models import PhotoPermission
from kd.media.services import PhotoDetails, add_photo
from kd.profiles.models import Profile, ProfileKind
from kd.stories.models import Story, StorySource
from kd.tags.services import tags_for
from tests.announcement_guard import AnnouncementGuard

PASSWORD = "correct horse battery"
WORKER_REDIS_URL = "redis://127.0.0.1:6379/0"
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


def database_with_schema(tmp_dir: Path, label: str) -> str:
    """A fresh database with every table, made with create_all (tests only; the site migrates)."""
    url = fresh_database_url(tmp_dir, label)
    engine = db.make_engine(url)
    from kd import model_registry  # noqa: F401

    db.Base.metadata.create_all(engine)
    engine.dispose()
    return url


def forget_database(url: str) -> None:
    if url.startswith("postgresql"):
        drop_postgres_database(url)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    os.environ["KD_TEST_RUN_ID"] = (os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex)[:12]
    url = database_with_schema(tmp_path_factory.mktemp("db"), "suite")
    yield url
    forget_database(url)


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


@pytest.fixture(autouse=True)
def announcement_guard():
    """Fails the test when a request commits a change visitors see without announcing it."""
    guard = AnnouncementGuard()
    guard.install()
    yield guard
    guard.remove()
    assert not guard.unannounced, f"committed without content_changed: {guard.unannounced}"


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


# The one set of content factories ---------------------------------------------------------------------

@pytest.fixture
def content_defaults() -> dict:
    """What make_profile / make_story fill in when a test does not say: the state, whether a story gets an
    evidence source, and whether the new row is announced on content_changed (so search indexes it, as the
    workflow would). "dated_from": a datetime gives the N-th row published_at = dated_from + N days, whatever
    its state. A test folder overrides this fixture (the desk's tests start from SUBMITTED)."""
    return {"state": ModerationState.DRAFT, "story_source": False, "announce": False}


def _date(fields: dict, content_defaults: dict, number: int) -> None:
    if content_defaults.get("dated_from"):
        fields.setdefault("published_at", content_defaults["dated_from"] + timedelta(days=number))


def _moderated_fields(state, submitted_by, age_minutes: int, fields: dict) -> dict:
    """Who submitted it and when (a draft was never submitted), and an approved row's publication time."""
    fields.update(state=state, submitted_by_id=getattr(submitted_by, "id", None))
    if state is not ModerationState.DRAFT or age_minutes:
        fields.setdefault("submitted_at", utcnow() - timedelta(minutes=age_minutes))
    if state is ModerationState.APPROVED:
        fields.setdefault("published_at", utcnow())
    return fields


def stored(app, build, announce: bool = False):
    """build() makes the row inside an app context; it is committed and handed back detached."""
    with app.app_context():
        row = build()
        db.session.add(row)
        if announce:
            db.session.flush()
            changes.announce(row)
        db.session.commit()
        db.session.refresh(row)
        db.session.expunge(row)
    return row


@pytest.fixture
def make_profile(app, content_defaults):
    """make_profile(submitted_by=None, state=…, name=…, tags=(), age_minutes=0, **columns) -> a detached
    Profile, committed (slug person-N)."""
    counter = itertools.count(1)

    def make(submitted_by=None, state=None, name=None, tags=(), age_minutes=0, **fields) -> Profile:
        number = next(counter)
        _date(fields, content_defaults, number)
        fields = _moderated_fields(state or content_defaults["state"], submitted_by, age_minutes, fields)
        fields.setdefault("kind", ProfileKind.PERSON)
        return stored(app, lambda: Profile(slug=f"person-{number}", name=name or f"Person {number}",
                                            tags=tags_for(list(tags)), **fields), content_defaults.get("announce"))
    return make


@pytest.fixture
def make_story(app, content_defaults):
    """make_story(submitted_by=None, state=…, profiles=(), tags=(), age_minutes=0, **columns) -> a detached
    Story, committed (slug story-N), naming the given profiles."""
    counter = itertools.count(1)

    def make(submitted_by=None, state=None, profiles=(), tags=(), age_minutes=0, **fields) -> Story:
        number = next(counter)
        _date(fields, content_defaults, number)
        fields = _moderated_fields(state or content_defaults["state"], submitted_by, age_minutes, fields)
        fields.setdefault("title", f"Story {number}")
        if content_defaults.get("story_source"):
            fields.setdefault("sources", [StorySource(url="https://news.example.org/a", title="Press", position=0)])
        return stored(app, lambda: Story(
            slug=f"story-{number}", tags=tags_for(list(tags)),
            profiles=[db.session.get(Profile, profile.id) for profile in profiles], **fields),
            content_defaults.get("announce"))
    return make


# Shared content factories (used by several folders).

@pytest.fixture
def make_content(app):
    """make_content(state=…, **fields) -> (profile_slug, story_slug): a profile and a story about it."""
    counter = itertools.count(1)

    def make(state=ModerationState.APPROVED, country="DE", field="medicine", tags=("Mjekësi",), **fields):
        n = next(counter)
        with app.app_context(), transaction():
            profile = Profile(kind=fields.pop("kind", ProfileKind.PERSON), slug=f"person-{n}",
                              name=fields.pop("name", f"Person {n}"), name_folded=f"person {n}", headline="Doctor",
                              field=field, country_code=country, municipality="gjakova", state=state,
                              published_at=utcnow(), tags=tags_for(list(tags)))
            story = Story(slug=f"story-{n}", title=fields.pop("title", f"Story {n}"), summary="Summary",
                          body="**Bold** <script>alert(1)</script>", field=field, country_code=country,
                          municipality="gjakova", state=state, published_at=utcnow(), profiles=[profile],
                          tags=tags_for(list(tags)), sources=[StorySource(url="https://example.org/press")])
            db.session.add_all([profile, story])
            db.session.flush()
            changes.announce(profile)  # as the workflow does: tag links dated, search told
            changes.announce(story)
        return profile.slug, story.slug
    return make


def image_bytes(image_format: str = "JPEG", size: tuple[int, int] = (640, 480), color="#244aa5", **options) -> bytes:
    buffer = io.BytesIO()
    mode = "RGBA" if image_format in ("PNG", "WEBP") else "RGB"
    Image.new(mode, size, color).save(buffer, image_format, **options)
    return buffer.getvalue()


@pytest.fixture
def attach_photo(app, make_user):
    """attach_photo(kind, slug, color=…): a real upload through the photo pipeline, done by an editor."""
    editor = make_user(role=Role.EDITOR)

    def attach(model, slug: str, color: str = "#c81e1e", alt: str = "Drita at the award ceremony"):
        with app.app_context(), transaction():
            subject = db.session.scalars(select(model).where(model.slug == slug)).one()
            add_photo(subject, image_bytes(size=(900, 700), color=color), "photo.jpg",
                      PhotoDetails(alt, permission=PhotoPermission.OWN), db.session.get(type(editor), editor.id))
    return attach


def action_fields(**overrides) -> dict:
    fields = dict(
        title_en="Ask Example Cloud to list Kosovo", title_sq="Kërkoji Example Cloud të shtojë Kosovën",
        target_name="Example Cloud", target_website="https://cloud.example.com",
        target_kind=InstitutionKind.COMPANY, problem_en="Kosovo is missing from the country list at sign-up.",
        problem_sq="Kosova mungon në listën e shteteve.", request_en="Please add Kosovo (XK) to your list.",
        request_sq="Ju lutem shtoni Kosovën (XK) në listë.", email_to="support@cloud.example.com",
        web_form_url="", social_account="@examplecloud", social_post_en="Please list Kosovo!",
        social_post_sq="Ju lutem shtoni Kosovën!", hashtag="KosovoOnTheMap", starts_on=date(2026, 1, 10))
    fields.update(overrides)
    return fields


@pytest.fixture
def make_action(app, make_user):
    """A published action (made by a fresh editor unless one is given); returns its id and slug."""
    counter = itertools.count(1)

    def make(editor=None, status: ActionStatus = ActionStatus.OPEN, **overrides) -> Action:
        editor = editor or make_user(role=Role.EDITOR)
        overrides.setdefault("title_en", f"Ask Example Cloud to list Kosovo {next(counter)}")
        with app.app_context():
            editor = db.session.merge(editor)
            with db.transaction():
                action = action_services.create_action(editor, action_fields(**overrides))
                if status is not ActionStatus.OPEN:
                    action_services.set_status(editor, action, status, date(2026, 2, 1) if status is ActionStatus.WON
                                        else None, "https://cloud.example.com/countries")
            db.session.expunge(action)
        return action
    return make


@pytest.fixture
def redis_app(app):
    """The app with a real Redis queue of its own (a unique queue name per test)."""
    name = f"kd-test-{uuid.uuid4().hex[:10]}"
    app.config.update(REDIS_URL=WORKER_REDIS_URL, JOBS_QUEUE=name, JOBS_INLINE=False)
    yield app
    connection = redis.Redis.from_url(WORKER_REDIS_URL)
    for key in connection.scan_iter(f"rq:*{name}*"):
        connection.delete(key)
