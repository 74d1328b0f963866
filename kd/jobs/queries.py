"""Failed jobs, for the admins' view."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import redis
from flask_babel import gettext as _
from rq.job import Job
from rq.registry import FailedJobRegistry

from kd.jobs.queue import queue


class QueueUnavailable(Exception):
    """Redis is not configured or cannot be reached; str() is a translated message for the admins."""

    def __init__(self) -> None:
        super().__init__(_("The job queue is unavailable (Redis cannot be reached). Try again later."))


@dataclass(frozen=True)
class FailedJob:
    id: str
    function: str
    failed_at: datetime | None
    error: str


def failed_jobs(limit: int = 100) -> list[FailedJob]:
    jobs_queue = queue()
    if jobs_queue is None:
        return []
    try:
        registry = FailedJobRegistry(queue=jobs_queue)
        found = Job.fetch_many(registry.get_job_ids(0, limit - 1), connection=jobs_queue.connection)
    except redis.RedisError as error:
        raise QueueUnavailable() from error
    return [FailedJob(job.id, job.func_name, job.ended_at, (job.latest_result().exc_string if job.latest_result()
                                                              else "")[-2000:]) for job in found if job]


def requeue(job_id: str) -> None:
    _on_failed_registry(lambda registry: registry.requeue(job_id))


def discard(job_id: str) -> None:
    _on_failed_registry(lambda registry: registry.remove(job_id, delete_job=True))


def _on_failed_registry(change) -> None:
    jobs_queue = queue()
    if jobs_queue is None:
        raise QueueUnavailable()
    try:
        change(FailedJobRegistry(queue=jobs_queue))
    except redis.RedisError as error:
        raise QueueUnavailable() from error
