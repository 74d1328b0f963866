import logging

from kd.jobs import enqueue
from kd.jobs.queries import failed_jobs
from kd.jobs.queue import queue
from kd.jobs.worker import run
from kd.mail import send


def failing_job(marker: str) -> None:
    raise ValueError(f"boom {marker}")


def test_without_redis_mail_is_delivered_inline(app, outbox):
    app.config.update(REDIS_URL=None)
    with app.test_request_context():
        send("a@example.org", "Hello", "Text")
    assert [m["Subject"] for m in outbox()] == ["Hello"]


def test_with_redis_mail_waits_for_a_worker(redis_app, outbox):
    with redis_app.test_request_context():
        send("a@example.org", "Queued", "Text")
        assert queue().count == 1
    assert outbox() == []
    run(redis_app, burst=True)
    assert [m["Subject"] for m in outbox()] == ["Queued"]


def test_redis_down_falls_back_to_inline_with_a_warning(app, outbox, caplog):
    app.config.update(REDIS_URL="redis://127.0.0.1:1/0", JOBS_INLINE=False)
    with app.test_request_context(), caplog.at_level(logging.WARNING):
        send("a@example.org", "Fallback", "Text")
    assert [m["Subject"] for m in outbox()] == ["Fallback"]
    assert "running deliver inline" in caplog.text


def test_failed_jobs_are_listed_for_admins_and_can_be_discarded(redis_app, client, login, make_user, post):
    from kd.accounts.models import Role
    with redis_app.app_context():
        job = enqueue(failing_job, "x1")
        job.retries_left = 0
        job.save()
    run(redis_app, burst=True)
    with redis_app.app_context():
        assert [failed.id for failed in failed_jobs()] == [job.id]
    login(make_user(role=Role.ADMIN))
    page = client.get("/admin/jobs").get_data(as_text=True)
    assert "failing_job" in page and "boom x1" in page
    assert post(f"/admin/jobs/{job.id}/discard").status_code == 302
    with redis_app.app_context():
        assert failed_jobs() == []


def test_failed_jobs_page_is_admin_only(client, login, make_user):
    login(make_user())
    assert client.get("/admin/jobs").status_code == 403


def test_worker_refuses_without_redis(app, runner):
    app.config.update(REDIS_URL=None)
    result = runner.invoke(args=["kd", "worker", "--burst"])
    assert result.exit_code == 1 and "KD_REDIS_URL is not set" in result.output
