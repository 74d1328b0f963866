"""Background jobs: RQ on Redis when KD_REDIS_URL is set, inline otherwise (or when Redis is down).

    enqueue(function, *args)   run function(*args) in a worker with an app context; retried on failure

Job functions are plain module-level functions taking ids and plain values, never ORM objects.
"""
from __future__ import annotations

from kd.jobs.queue import enqueue

__all__ = ["enqueue"]
