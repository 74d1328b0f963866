"""PostgreSQL restarted while the site serves: a clean 503 while it is down, and the same gunicorn workers
serve again as soon as it is back (pool_pre_ping replaces the dead pooled connections)."""
from __future__ import annotations

import pytest
import requests

from tests.faults.conftest import TIMEOUT, csrf_token, log_in
from tests.faults.processes import wait_for

pytestmark = pytest.mark.faults
PAGES = ("/", "/actions", "/search?q=kosovo")


def test_requests_fail_cleanly_while_postgres_is_down_and_recover_after(postgres, database_url, member_and_story,
                                                                        serve):
    site = serve({"KD_DATABASE_URL": database_url})
    member = log_in(site, "olta@example.org")
    visitor = requests.Session()
    login_token = csrf_token(visitor, f"{site.url}/account/login")
    for path in PAGES:
        assert visitor.get(site.url + path, timeout=TIMEOUT).status_code == 200, path
    assert member.get(f"{site.url}/account/settings", timeout=TIMEOUT).status_code == 200
    master, workers = site.master, site.workers()

    postgres.stop()
    for path in PAGES:
        _assert_unavailable(visitor.get(site.url + path, timeout=TIMEOUT))
    _assert_unavailable(member.get(f"{site.url}/account/settings", timeout=TIMEOUT))
    _assert_unavailable(visitor.post(f"{site.url}/account/login", timeout=TIMEOUT, allow_redirects=False,
                                     data={"csrf_token": login_token, "email": "olta@example.org",
                                           "password": "wrong"}))
    assert site.log().count("Database unavailable") >= len(PAGES) + 2

    postgres.start()
    wait_for(lambda: visitor.get(f"{site.url}/", timeout=TIMEOUT).status_code == 200, timeout=15,
             what="home page answering 200 after the restart")
    for _ in range(3):  # both workers, each with its pool of connections from before the restart
        for path in PAGES:
            assert visitor.get(site.url + path, timeout=TIMEOUT).status_code == 200, path
        assert member.get(f"{site.url}/account/settings", timeout=TIMEOUT).status_code == 200
    assert (site.master, site.workers()) == (master, workers), "the service recovered without a restart"


def _assert_unavailable(response: requests.Response) -> None:
    assert response.status_code == 503, response.text[:3000]
    assert int(response.headers["Retry-After"]) > 0
    assert "briefly unavailable" in response.text
    assert "Traceback" not in response.text and "OperationalError" not in response.text
    assert response.headers["Content-Type"].startswith("text/html")
