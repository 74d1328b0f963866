"""Redis killed while the site serves: pages, logins and mail keep working (page cache skipped, rate limits
counted in memory, jobs run inline, each with a logged warning), /healthz reports it, and all of it goes back
to Redis once Redis answers again, without restarting the site."""
from __future__ import annotations

import time

import pytest
import redis
import requests

from tests.faults.conftest import TIMEOUT, csrf_token, log_in
from tests.faults.processes import wait_for

pytestmark = pytest.mark.faults
LOGIN_LIMIT = 3
MEMBER = "olta@example.org"
# Without timeouts of its own (redis-py: 5 s a call) a password reset waited 15 s on a stalled Redis.
HUNG_REDIS_SECONDS = 5


@pytest.fixture
def site(redis_server, database_url, member_and_story, serve):
    return serve({"KD_DATABASE_URL": database_url, "KD_REDIS_URL": redis_server.url,
                  "KD_LOGIN_RATE_LIMIT": f"{LOGIN_LIMIT} per minute"})


def test_site_keeps_serving_without_redis_and_uses_it_again_when_it_is_back(redis_server, site):
    outbox = site.folder / "outbox"
    with redis.Redis.from_url(redis_server.url) as store:
        _assert_page_cached(site)
        log_in(site, MEMBER)
        assert any(b"LIMITER" in key for key in store.keys("*")), "rate limits counted in Redis"
        _ask_for_password_reset(site)
        assert store.llen("rq:queue:kd") == 1, "the mail waits in the job queue"
        assert not list(outbox.glob("*.eml"))

    redis_server.kill()
    for _ in range(4):  # on either worker
        page = requests.get(f"{site.url}/", timeout=TIMEOUT)
        assert page.status_code == 200 and "X-Cache" not in page.headers
    health = requests.get(f"{site.url}/healthz", timeout=TIMEOUT)
    assert health.status_code == 503 and health.json()["checks"]["queue"].startswith("error")
    log_in(site, MEMBER)
    _ask_for_password_reset(site)
    assert len(list(outbox.glob("*.eml"))) == 1, "the mail was sent inline"
    _assert_login_still_limited(site)
    log = site.log()
    assert "Rate limit storage unreachable - falling back to in-memory storage" in log
    assert "Redis unavailable" in log and "running deliver inline" in log
    assert "Page cache unavailable" in log
    assert "Traceback" not in log

    redis_server.start()
    wait_for(lambda: requests.get(f"{site.url}/healthz", timeout=TIMEOUT).status_code == 200, timeout=15,
             what="/healthz 200 once Redis is back")
    _assert_page_cached(site)
    _ask_for_password_reset(site)
    with redis.Redis.from_url(redis_server.url) as store:
        assert store.llen("rq:queue:kd") == 1, "mail is queued again"
    assert len(list(outbox.glob("*.eml"))) == 1
    wait_for(lambda: _limits_recovered(site), timeout=30, interval=0.5, what="rate limits back in Redis")


def _assert_page_cached(site) -> None:
    wait_for(lambda: requests.get(f"{site.url}/", timeout=TIMEOUT).headers.get("X-Cache") == "hit", timeout=10,
             what="home page served from the Redis page cache")


def _ask_for_password_reset(site) -> None:
    browser = requests.Session()
    token = csrf_token(browser, f"{site.url}/account/forgot")
    answer = browser.post(f"{site.url}/account/forgot", data={"csrf_token": token, "email": MEMBER},
                          allow_redirects=False, timeout=TIMEOUT)
    assert answer.status_code == 302, answer.text[:2000]


def _assert_login_still_limited(site) -> None:
    """Each worker counts in its own memory now: within two workers' worth of attempts one must refuse."""
    browser = requests.Session()
    token = csrf_token(browser, f"{site.url}/account/login")
    statuses = []
    for _ in range(2 * LOGIN_LIMIT + 1):
        answer = browser.post(f"{site.url}/account/login", timeout=TIMEOUT,
                              data={"csrf_token": token, "email": "nobody@example.org", "password": "wrong"})
        statuses.append(answer.status_code)
        if answer.status_code == 429:
            assert int(answer.headers["Retry-After"]) > 0
            return
    pytest.fail(f"no 429 from the in-memory rate limits: {statuses}")


def _limits_recovered(site) -> bool:
    requests.get(f"{site.url}/account/login", timeout=TIMEOUT)  # a request makes the limiter check its storage
    return "Rate limit storage recovered" in site.log()


def test_a_hung_redis_slows_requests_down_only_for_its_timeouts(redis_server, site):
    """Redis that accepts connections but never answers (stopped with SIGSTOP, like a stalled host): every
    Redis client the app uses has a short timeout, so requests still finish within a few seconds."""
    log_in(site, MEMBER)
    redis_server.pause()
    for path in ("/", "/account/login"):
        page = _within(HUNG_REDIS_SECONDS, requests.get, site.url + path, timeout=TIMEOUT)
        assert page.status_code == 200 and "X-Cache" not in page.headers
    _within(HUNG_REDIS_SECONDS, log_in, site, MEMBER)
    _within(HUNG_REDIS_SECONDS, _ask_for_password_reset, site)
    assert len(list((site.folder / "outbox").glob("*.eml"))) == 1, "the mail was sent inline"
    assert _within(HUNG_REDIS_SECONDS, requests.get, f"{site.url}/healthz", timeout=TIMEOUT).status_code == 503
    redis_server.resume()
    wait_for(lambda: requests.get(f"{site.url}/healthz", timeout=TIMEOUT).status_code == 200, timeout=15,
             what="/healthz 200 once Redis answers again")


def _within(seconds: float, call, *args, **kwargs):
    started = time.monotonic()
    result = call(*args, **kwargs)
    assert time.monotonic() - started < seconds, f"{call.__name__}{args} took over {seconds} s"
    return result
