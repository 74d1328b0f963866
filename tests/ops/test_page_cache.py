import uuid

import pytest
import redis
from sqlalchemy import select

from kd import db
from kd.accounts.models import Role, User
from kd.content import changes
from kd.content.states import ModerationState
from kd.content.workflow import transition
from kd.db import transaction, utcnow
from kd.profiles.models import Profile, ProfileKind
from kd.profiles.services import create_profile

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def cached_app(app):
    prefix = f"kd-test-{uuid.uuid4().hex[:10]}"
    app.config.update(REDIS_URL=REDIS_URL, CACHE_PREFIX=prefix, PAGE_CACHE_SECONDS=60)
    yield app
    connection = redis.Redis.from_url(REDIS_URL)
    for key in connection.scan_iter(f"{prefix}:*"):
        connection.delete(key)


def _publish(app, name: str) -> None:
    with app.app_context(), transaction():
        profile = Profile(kind=ProfileKind.PERSON, slug=name.lower().replace(" ", "-"), name=name,
                          name_folded=name.lower(), state=ModerationState.APPROVED, published_at=utcnow())
        db.session.add(profile)
        changes.changed(profile)


def test_anonymous_home_page_is_public_and_conditional(client):
    first = client.get("/")
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    assert "Set-Cookie" not in first.headers
    again = client.get("/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""


def test_logged_in_pages_are_private(client, login, make_user):
    login(make_user())
    response = client.get("/")
    assert "private" in response.headers["Cache-Control"]


def test_redis_cache_serves_hits_and_is_invalidated_by_content_changes(cached_app):
    client = cached_app.test_client()
    assert client.get("/").headers.get("X-Cache") is None
    hit = client.get("/")
    assert hit.headers["X-Cache"] == "hit"
    _publish(cached_app, "Vjosa Berisha")
    fresh = client.get("/")
    assert fresh.headers.get("X-Cache") is None
    assert "Vjosa Berisha" in fresh.get_data(as_text=True)


def test_an_admins_page_edit_reaches_visitors_at_once(cached_app, make_user):
    from kd.accounts.models import Role
    from tests.conftest import PASSWORD
    visitor, admin = cached_app.test_client(), cached_app.test_client()
    visitor.get("/about")
    assert visitor.get("/about").headers["X-Cache"] == "hit"
    user = make_user(role=Role.ADMIN)
    cached_app.config["WTF_CSRF_ENABLED"] = False
    assert admin.post("/account/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    assert admin.post("/admin/pages/about", data={"body_en": "Fresh words", "body_sq": "Fjalë"}).status_code == 302
    fresh = visitor.get("/about")
    assert fresh.headers.get("X-Cache") is None and "Fresh words" in fresh.get_data(as_text=True)


def test_drafts_leave_the_cache_alone_and_unpublishing_empties_it(cached_app, make_user):
    editor = make_user(role=Role.EDITOR)
    client = cached_app.test_client()
    _publish(cached_app, "Vjosa Berisha")
    client.get("/")
    member = make_user()
    with cached_app.app_context(), transaction():  # a member's submission, as the profile form makes it
        create_profile(db.session.get(User, member.id), {"kind": "person", "name": "A Draft"},
                       {"is_nomination": False}, submit=True)
    assert client.get("/").headers.get("X-Cache") == "hit"
    with cached_app.app_context(), transaction():
        transition(db.session.scalars(select(Profile).where(Profile.slug == "vjosa-berisha")).one(), "unpublish",
                   db.session.get(User, editor.id), "Asked to be removed")
    fresh = client.get("/")
    assert fresh.headers.get("X-Cache") is None and "Vjosa Berisha" not in fresh.get_data(as_text=True)


def test_cache_is_per_language(cached_app):
    client = cached_app.test_client()
    client.get("/", headers={"Accept-Language": "en"})
    albanian = client.get("/", headers={"Accept-Language": "sq"})
    assert albanian.headers.get("X-Cache") is None
    assert '<html lang="sq">' in albanian.get_data(as_text=True)


def test_site_keeps_serving_when_redis_is_down(app, caplog):
    app.config.update(REDIS_URL="redis://127.0.0.1:1/0")
    response = app.test_client().get("/")
    assert response.status_code == 200
    assert "Page cache unavailable" in caplog.text


def test_language_link_for_visitors_sets_the_cookie(client):
    response = client.get("/language/sq?next=/account/login")
    assert response.headers["Location"] == "/account/login"
    assert client.get_cookie("kd_lang", domain="kd.test").value == "sq"
    assert client.get("/language/xx").status_code == 404
    assert client.get("/language/en?next=https://evil.example").headers["Location"] == "/"


@pytest.fixture
def worker_cache_app(app):
    """The embedded default: no Redis, pages kept in each worker's memory."""
    app.config.update(REDIS_URL=None, PAGE_CACHE_SECONDS=60)
    return app


def _another_worker(app):
    """A second app on the same database and instance folder: what another gunicorn worker is."""
    from kd import create_app

    keys = ("TESTING", "SECRET_KEY", "DATABASE_URL", "INSTANCE_DIR", "UPLOAD_DIR", "SEARCH_INDEX_DIR", "SERVER_NAME")
    other = create_app({key: app.config[key] for key in keys} | {"REDIS_URL": None})
    return other


def test_worker_memory_cache_serves_hits_and_sees_another_workers_change(worker_cache_app):
    visitor = worker_cache_app.test_client()
    assert visitor.get("/").headers.get("X-Cache") is None
    assert visitor.get("/").headers.get("X-Cache") is None  # rendered twice: kept now
    assert visitor.get("/").headers["X-Cache"] == "hit"
    _publish(_another_worker(worker_cache_app), "Drita Gashi")
    fresh = visitor.get("/")
    assert fresh.headers.get("X-Cache") is None and "Drita Gashi" in fresh.get_data(as_text=True)
    visitor.get("/")
    assert visitor.get("/").headers["X-Cache"] == "hit"


def test_worker_memory_cache_keeps_only_pages_asked_for_again(worker_cache_app):
    """A crawl asking each page once stores nothing and evicts nothing regular visitors read."""
    worker_cache_app.config.update(PAGE_CACHE_ENTRIES=3)
    visitor = worker_cache_app.test_client()
    for _ in range(2):
        visitor.get("/")
    assert visitor.get("/").headers["X-Cache"] == "hit"
    for number in range(1, 30):  # more pages than the cache holds, each asked once
        assert visitor.get(f"/about?crawl={number}").headers.get("X-Cache") is None
    assert visitor.get("/").headers["X-Cache"] == "hit"
    assert visitor.get("/about?crawl=29").headers.get("X-Cache") is None  # its second time: kept now
    assert visitor.get("/about?crawl=29").headers["X-Cache"] == "hit"


def test_the_doorkeeper_can_be_switched_off(worker_cache_app):
    worker_cache_app.config.update(PAGE_CACHE_ADMIT_AFTER=1)
    visitor = worker_cache_app.test_client()
    visitor.get("/about")
    assert visitor.get("/about").headers["X-Cache"] == "hit"


def test_a_page_rendered_before_a_change_is_never_served_after_it(tmp_path):
    from kd.ops.page_store import CachedPage, LocalPages

    stamp = tmp_path / "page-cache-generation"
    this_worker, other_worker = LocalPages(stamp, 10), LocalPages(stamp, 10)
    key, page = this_worker.get("en:/tags/music?")
    assert page is None
    other_worker.bump()  # content changes while this worker renders
    this_worker.put(key, CachedPage(200, [("Content-Type", "text/html")], b"old page"), 60)
    assert this_worker.get("en:/tags/music?")[1] is None


def test_worker_memory_cache_is_bounded_and_expires(tmp_path):
    from kd.ops.page_store import CachedPage, LocalPages

    pages = LocalPages(tmp_path / "stamp", 2, admit_after=1)
    for path in ("/a", "/b", "/c"):
        pages.put(pages.get(path)[0], CachedPage(200, [], path.encode()), 60)
    assert pages.get("/a")[1] is None and pages.get("/c")[1].body == b"/c"
    pages.put(pages.get("/d")[0], CachedPage(200, [], b"/d"), 0)
    assert pages.get("/d")[1] is None


def test_the_doorkeeper_forgets_the_oldest_names_it_was_asked(tmp_path):
    from kd.ops.page_store import CachedPage, LocalPages

    pages = LocalPages(tmp_path / "stamp", 1, admit_after=2)
    first = pages.get("/first")[0]
    pages.put(first, CachedPage(200, [], b"1"), 60)
    for number in range(LocalPages.ASKED_PER_PAGE):  # the doorkeeper's memory is full: /first is forgotten
        pages.put(pages.get(f"/{number}")[0], CachedPage(200, [], b"n"), 60)
    pages.put(first, CachedPage(200, [], b"1"), 60)
    assert pages.get("/first")[1] is None
    pages.put(first, CachedPage(200, [], b"1"), 60)
    assert pages.get("/first")[1].body == b"1"


def test_redis_entries_keep_status_headers_and_bytes():
    from kd.ops.page_store import CachedPage

    page = CachedPage(200, [("Content-Type", "text/html; charset=utf-8"), ("ETag", '"x"')], "Prishtinë\n".encode())
    assert CachedPage.decode(page.encode()) == page
