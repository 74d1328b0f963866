"""With Redis unreachable the failed-jobs page and its buttons say so (flash, 503 page), never a 500."""
from __future__ import annotations

import pytest

from kd.accounts.models import Role

UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def app_overrides() -> dict:
    return {"REDIS_URL": UNREACHABLE, "RATELIMIT_STORAGE_URI": "memory://", "JOBS_INLINE": True}


@pytest.fixture
def admin(make_user, login):
    user = make_user(Role.ADMIN)
    login(user)
    return user


def test_failed_jobs_page_says_the_queue_is_unavailable(admin, client):
    response = client.get("/admin/jobs")
    assert response.status_code == 503
    assert "The job queue is unavailable" in response.get_data(as_text=True)


@pytest.mark.parametrize("action", ["requeue", "discard"])
def test_requeue_and_discard_without_redis_flash_a_message(admin, client, post, action):
    response = post(f"/admin/jobs/some-job-id/{action}")
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/jobs")
    assert "The job queue is unavailable" in client.get("/admin/jobs").get_data(as_text=True)
