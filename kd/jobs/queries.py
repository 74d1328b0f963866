"""Failed jobs, for the admins' view."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rq.job import Job
from rq.registry import FailedJobRegistry

from kd.jobs.queue import queue


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
    registry = FailedJobRegistry(queue=jobs_queue)
    found = Job.fetch_many(registry.get_job_ids(0, limit - 1), connection=jobs_queue.connection)
    return [FailedJob(job.id, job.func_name, job.ended_at, (job.latest_result().exc_string if job.latest_result()
                                                              else "")[-2000:]) for job in found if job]


def requeue(job_id: str) -> None:
    FailedJobRegistry(queue=queue()).requeue(job_id)


def discard(job_id: str) -> None:
    FailedJobRegistry(queue=queue()).remove(job_id, delete_job=True)
