"""The logged-in side of `make bench`: a member and an editor with real passwords, WAITING submitted
stories for the editors' desk (MEMBER_ITEMS of them the member's own), session cookies got by logging in
over HTTP as a browser does, and the desk's decisions timed one by one (each a real POST with its CSRF token)."""
from __future__ import annotations

import http.client
import re
import time
from urllib.parse import urlencode

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Engine

from bench import corpus
from kd.accounts.models import Role, User
from kd.core.passwords import hash_password
from kd.stories.models import Story

PASSWORD = "bench-password-long-enough"
MEMBER, EDITOR = "member@bench.example.org", "editor@bench.example.org"  # .test fails address validation
WAITING, MEMBER_ITEMS = 1000, 200
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def seed(engine: Engine) -> None:
    """Idempotent: tops the queue up to WAITING submitted stories (decisions of an earlier run took some)."""
    with engine.begin() as connection:
        connection.execute(update(User.__table__).where(User.email.in_((EDITOR, "editor@bench.test")))
                           .values(email=EDITOR, password_hash=hash_password(PASSWORD)))
        member_id = connection.scalar(select(User.id).where(User.email == MEMBER))
        if member_id is None:
            member_id = connection.execute(insert(User.__table__).values(
                email=MEMBER, display_name="Member", password_hash=hash_password(PASSWORD), role=Role.MEMBER.value,
                email_confirmed=True, login_token="m")).inserted_primary_key[0]
        waiting = connection.scalar(select(func.count()).select_from(Story.__table__)
                                    .where(Story.state == "submitted")) or 0
        first = (connection.scalar(select(func.max(Story.id))) or 0) + 1
        rows = [_submitted(number, member_id if waiting + offset < MEMBER_ITEMS else None)
                for offset, number in enumerate(range(first, first + max(0, WAITING - waiting)))]
        if rows:
            connection.execute(insert(Story.__table__), rows)


def _submitted(number: int, member_id: int | None) -> dict:
    row = corpus._story(corpus.random.Random(number), number, number)
    now = corpus.datetime.now(corpus.UTC)
    return {**row, "slug": f"waiting-{number}", "state": "submitted", "published_at": None, "submitted_at": now,
            "submitted_by_id": member_id, "created_at": now, "updated_at": now}


def waiting_ids(engine: Engine, count: int) -> list[int]:
    with engine.connect() as connection:
        return list(connection.scalars(select(Story.id).where(Story.state == "submitted",
                                                              Story.submitted_by_id.is_(None))
                                       .order_by(Story.id).limit(count)))


def log_in(port: int, email: str) -> str:
    """The session cookie ("name=value") of a fresh login through the login form."""
    cookie, token = _form_token(port, "/account/login", "")
    status, headers, _body = _request(port, "POST", "/account/login", cookie,
                                      {"csrf_token": token, "email": email, "password": PASSWORD})
    if status != 302:
        raise SystemExit(f"bench login as {email} failed with {status}")
    return _cookie(headers) or cookie


def decision_latencies(port: int, cookie: str, ids: list[int], decision: str) -> list[float]:
    """Seconds per decision POST (the review page that gives the token is not timed)."""
    samples = []
    for story_id in ids:
        _same, token = _form_token(port, f"/editor/review/story/{story_id}", cookie)
        form = {"csrf_token": token, "decision": decision, "message": "Please add a source for the award."}
        started = time.perf_counter()
        status, _headers, _body = _request(port, "POST", f"/editor/review/story/{story_id}/decide", cookie, form)
        samples.append(time.perf_counter() - started)
        if status != 302:
            raise SystemExit(f"bench decision {decision} on story {story_id} answered {status}")
    return samples


def _form_token(port: int, path: str, cookie: str) -> tuple[str, str]:
    status, headers, body = _request(port, "GET", path, cookie)
    found = CSRF.search(body)
    if status != 200 or not found:
        raise SystemExit(f"bench: no form at {path} ({status})")
    return _cookie(headers) or cookie, found.group(1)


def _request(port: int, method: str, path: str, cookie: str, form: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": cookie} if cookie else {}
    body = None
    if form is not None:
        body = urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, response.getheaders(), text


def _cookie(headers) -> str:
    """The session cookie a response sets, as a Cookie header value."""
    for name, value in headers:
        if name.lower() == "set-cookie" and value.startswith("session="):
            return value.split(";", 1)[0]
    return ""
