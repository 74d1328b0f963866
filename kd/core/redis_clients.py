"""One Redis client (and connection pool) per address and timeout, kept for the app's lifetime.

Building a client per request costs a new TCP connection and a parse of the package metadata; a kept
client reuses pooled connections (redis-py resets its pool in a forked worker by itself)."""
from __future__ import annotations

import redis
from flask import current_app


def redis_client(url: str, connect_timeout: float, timeout: float) -> redis.Redis:
    clients = current_app.extensions.setdefault("kd.redis_clients", {})
    key = (url, connect_timeout, timeout)
    if key not in clients:
        clients[key] = redis.Redis.from_url(url, socket_connect_timeout=connect_timeout, socket_timeout=timeout)
    return clients[key]
