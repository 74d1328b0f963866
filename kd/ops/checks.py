"""Configuration problems that `flask kd check` reports."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask
from sqlalchemy import text

from kd.core.paths import ROOT


def configuration_problems(app: Flask) -> list[str]:
    checks = (_secret_key, _database, _folders, _translations, _smtp, _redis)
    return [problem for check in checks for problem in check(app)]


def _secret_key(app: Flask) -> list[str]:
    return [] if len(app.config["SECRET_KEY"]) >= 32 else ["KD_SECRET_KEY is shorter than 32 characters."]


def _database(app: Flask) -> list[str]:
    from kd.migrate import pending_heads

    engine = app.extensions["kd.engine"]
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        pending = pending_heads(engine)
    except Exception as error:  # noqa: BLE001 - any failure is the report
        return [f"Database {engine.url.render_as_string(hide_password=True)} is not reachable: {error}"]
    return [f"Database migrations not applied ({', '.join(sorted(pending))}): run `flask kd migrate`."] \
        if pending else []


def _folders(app: Flask) -> list[str]:
    problems = []
    for key in ("UPLOAD_DIR", "MAIL_OUTBOX_DIR", "SEARCH_INDEX_DIR"):
        folder = Path(app.config[key])
        parent = folder if folder.exists() else folder.parent
        if not os.access(parent, os.W_OK):
            problems.append(f"{key} ({folder}) is not writable.")
    return problems


def _translations(app: Flask) -> list[str]:
    catalogue = ROOT / "kd" / "translations" / "sq" / "LC_MESSAGES" / "messages.mo"
    return [] if catalogue.exists() else ["Albanian translations are not compiled: run `make translations`."]


def _smtp(app: Flask) -> list[str]:
    if app.config.get("SMTP_USER") and not app.config.get("SMTP_HOST"):
        return ["KD_SMTP_USER is set but KD_SMTP_HOST is not: mail goes to the outbox folder."]
    return []


def _redis(app: Flask) -> list[str]:
    url = app.config.get("REDIS_URL")
    if not url:
        return []
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        return [f"Redis at {url} is not reachable: {error}"]
    return []
