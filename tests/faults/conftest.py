"""Fault tests (make faults): the real site under gunicorn against private PostgreSQL and Redis servers that
the tests stop, kill and fill up. Every private service is stopped by its fixture, also when a test fails."""
from __future__ import annotations

import os
import re
import shutil

import pytest
import requests
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from kd.accounts.models import Role, User
from kd.content.states import ModerationState
from kd.core.passwords import hash_password
from kd.stories.models import Story
from tests.faults.processes import Gunicorn, PrivatePostgres, PrivateRedis

PASSWORD = "correct horse battery"
CSRF_PATTERN = re.compile(r'name="csrf_token" value="([^"]+)"')
TIMEOUT = 30


def unavailable(reason: str) -> None:
    """A tool these tests need is missing: a skip on a developer's machine, a failure in CI (CI=true),
    where a skip would hide a missing install step."""
    if os.environ.get("CI"):
        pytest.fail(f"fault tests cannot run here: {reason}")
    pytest.skip(reason)


@pytest.fixture
def postgres():
    if shutil.which("runuser") is None or not list(PrivatePostgres.versions()):
        unavailable("needs PostgreSQL server binaries and runuser")
    cluster = PrivatePostgres()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.close()


@pytest.fixture
def database_url(postgres) -> str:
    return postgres.create_database("kd")


@pytest.fixture
def redis_server(tmp_path):
    if shutil.which("redis-server") is None:
        unavailable("needs redis-server")
    server = PrivateRedis(tmp_path)
    try:
        server.start()
        yield server
    finally:
        server.close()


@pytest.fixture
def serve(tmp_path):
    """serve(settings, prefix=()) -> a started Gunicorn; its log is printed when the test ends."""
    servers: list[Gunicorn] = []

    def start(settings: dict[str, str], prefix: tuple[str, ...] = ()) -> Gunicorn:
        server = Gunicorn(tmp_path / f"site{len(servers)}", settings, prefix)
        server.folder.mkdir()
        servers.append(server)
        return server.start()
    yield start
    for server in servers:
        server.stop()
        print(f"--- gunicorn log ({server.log_path}) ---\n{server.log()[-6000:]}")


@pytest.fixture
def member_and_story(database_url):
    """A confirmed member and a draft story they submitted, written straight to the private database."""
    engine = create_engine(database_url)
    with Session(engine, expire_on_commit=False) as session:
        user = User(role=Role.MEMBER, email_confirmed=True, password_hash=hash_password(PASSWORD),
                    email="olta@example.org", display_name="Olta")
        session.add(user)
        session.flush()
        story = Story(slug="a-story", title="A story", state=ModerationState.DRAFT, submitted_by_id=user.id)
        session.add(story)
        session.commit()
    engine.dispose()
    return user, story


def count_rows(url: str, model) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(model))
    engine.dispose()
    return count


def csrf_token(browser: requests.Session, url: str) -> str:
    page = browser.get(url, timeout=TIMEOUT)
    assert page.status_code == 200, page.text[:500]
    return CSRF_PATTERN.search(page.text).group(1)


def log_in(site: Gunicorn, email: str, password: str = PASSWORD) -> requests.Session:
    browser = requests.Session()
    token = csrf_token(browser, f"{site.url}/account/login")
    answer = browser.post(f"{site.url}/account/login", data={"csrf_token": token, "email": email,
                                                              "password": password},
                          allow_redirects=False, timeout=TIMEOUT)
    assert answer.status_code == 302, answer.text[:2000]
    return browser
