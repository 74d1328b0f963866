"""Readiness checks of the parts a request needs: database, search index, job queue."""
from __future__ import annotations

from flask import current_app
from sqlalchemy import text

from kd.db import session


def check_all() -> dict[str, str]:
    return {"database": _database(), "index": _index(), "queue": _queue()}


def _database() -> str:
    try:
        session.execute(text("SELECT 1"))
        return "ok"
    except Exception as error:  # noqa: BLE001 - reported, not raised
        session.rollback()
        return f"error: {type(error).__name__}"


def _index() -> str:
    from kd.search.service import disagreement

    status = current_app.extensions["kd.search"].status()
    if status.startswith("error"):
        return status
    problem = disagreement()
    return f"error: {problem}" if problem else status


def _queue() -> str:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return "inline"
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
        return "ok"
    except redis.RedisError as error:
        return f"error: {type(error).__name__}"
