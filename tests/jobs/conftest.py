import uuid

import pytest
import redis

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_app(app):
    """The app with a real Redis queue of its own (a unique queue name per test)."""
    name = f"kd-test-{uuid.uuid4().hex[:10]}"
    app.config.update(REDIS_URL=REDIS_URL, JOBS_QUEUE=name, JOBS_INLINE=False)
    yield app
    connection = redis.Redis.from_url(REDIS_URL)
    for key in connection.scan_iter(f"rq:*{name}*"):
        connection.delete(key)
