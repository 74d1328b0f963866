from __future__ import annotations

import logging
from collections.abc import Callable

import redis
from flask import current_app
from rq import Queue, Retry

from kd.core.redis_clients import redis_client

log = logging.getLogger(__name__)
RETRY_INTERVALS = [10, 60, 300]
# A request enqueuing a job waits at most this long per Redis call before running the job inline.
ENQUEUE_TIMEOUT = 1


def connection(timeout: float = 5) -> redis.Redis | None:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    return redis_client(url, 1, timeout)


def queue_name() -> str:
    return current_app.config.get("JOBS_QUEUE", "kd")


def queue(timeout: float = 5) -> Queue | None:
    conn = connection(timeout)
    return Queue(queue_name(), connection=conn) if conn is not None else None


def enqueue(function: Callable, *args, optional: bool = False, **kwargs):
    """Queue the call for a worker; without a reachable Redis run it now, so nothing is lost.
    optional=True: work that can be done later anyway (a cache warm-up) is skipped instead of run inline."""
    jobs = queue(ENQUEUE_TIMEOUT)
    if jobs is not None and not current_app.config.get("JOBS_INLINE"):
        try:
            return jobs.enqueue(function, *args, **kwargs, retry=Retry(max=len(RETRY_INTERVALS),
                                                                       interval=RETRY_INTERVALS))
        except redis.RedisError as error:
            log.warning("Redis unavailable (%s); %s %s%s", error, "skipping" if optional else "running",
                        function.__name__, "" if optional else " inline")
    return None if optional else function(*args, **kwargs)


def enqueue_at(when, function: Callable, *args) -> object | None:
    """Queue the call for a worker at a time (a retry with back-off); without a reachable Redis nothing is
    queued and the CLI that runs the same work (from cron) picks it up."""
    jobs = queue(ENQUEUE_TIMEOUT)
    if jobs is None or current_app.config.get("JOBS_INLINE"):
        return None
    try:
        return jobs.enqueue_at(when, function, *args)
    except redis.RedisError as error:
        log.warning("Redis unavailable (%s); %s waits for the next run", error, function.__name__)
        return None
