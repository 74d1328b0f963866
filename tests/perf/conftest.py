"""Performance guards: query plans and query counts of the public pages, on SQLite and PostgreSQL.

Content here is published (content_defaults) and pages are rendered every time (no page cache), so what a
test measures is the work one uncached request does."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import event

from kd.content.states import ModerationState

START = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.fixture
def app_overrides() -> dict:
    return {"PAGE_CACHE_SECONDS": 0, "SEARCH_BACKEND": "whoosh"}


@pytest.fixture
def content_defaults() -> dict:
    return {"state": ModerationState.APPROVED, "story_source": True, "announce": True, "dated_from": START}


@contextmanager
def statements_of(app):
    """Every (sql, parameters) the app's engine sends while the block runs."""
    sent: list[tuple[str, object]] = []

    def record(_connection, _cursor, statement, parameters, _context, _executemany):
        sent.append((statement, parameters))

    engine = app.extensions["kd.engine"]
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)
