"""Where cached pages live, behind one small interface.

- RedisPages (KD_REDIS_URL set): shared by every worker on every machine; one round trip per lookup.
- LocalPages (the embedded default): each worker's own memory, checked on every lookup against a stamp
  file in the instance folder that every worker on this machine reads, so a change committed by one
  worker makes the pages of all of them stale at once. It stores a page only once it has been asked for
  admit_after times (a doorkeeper): a crawl that asks each of thousands of pages once stores nothing,
  evicts nothing the regular visitors read, and costs what no cache would.

Both key a page by a generation that invalidation replaces, read before the page is rendered: a page
rendered before a change is stored under the old generation and never served after it.
"""
from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import redis


@dataclass(frozen=True)
class CachedPage:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def encode(self) -> bytes:
        return json.dumps([self.status, self.headers]).encode() + b"\n" + self.body

    @classmethod
    def decode(cls, raw: bytes) -> CachedPage:
        head, _, body = raw.partition(b"\n")
        status, headers = json.loads(head)
        return cls(status, [tuple(pair) for pair in headers], body)


class StoreUnavailable(Exception):
    """The store could not be asked; the page is rendered as if it were not cached."""


class RedisPages:
    # Reads the generation and the page under it in one round trip.
    LOOKUP = """
    local generation = redis.call('GET', KEYS[1]) or '0'
    local key = ARGV[1] .. generation .. ':' .. ARGV[2]
    return {key, redis.call('GET', key)}
    """

    def __init__(self, client: redis.Redis, prefix: str):
        self.client, self.prefix = client, prefix
        self.generation_key = f"{prefix}:pagecache:generation"
        self._lookup = client.register_script(self.LOOKUP)

    def get(self, name: str) -> tuple[str, CachedPage | None]:
        try:
            key, raw = self._lookup(keys=[self.generation_key], args=[f"{self.prefix}:page:", name])
        except redis.RedisError as error:
            raise StoreUnavailable(str(error)) from error
        return key.decode(), CachedPage.decode(raw) if raw else None

    def put(self, key: str, page: CachedPage, seconds: int) -> None:
        try:
            self.client.set(key, page.encode(), ex=seconds)
        except redis.RedisError as error:
            raise StoreUnavailable(str(error)) from error

    def bump(self) -> None:
        try:
            self.client.incr(self.generation_key)
        except redis.RedisError as error:
            raise StoreUnavailable(str(error)) from error


class LocalPages:
    ASKED_PER_PAGE = 4  # the doorkeeper remembers this many names per page it can hold

    def __init__(self, stamp: Path, capacity: int, admit_after: int = 2):
        self.stamp, self.capacity, self.admit_after = stamp, capacity, max(1, admit_after)
        self._pages: OrderedDict[str, tuple[float, CachedPage]] = OrderedDict()
        self._asked: OrderedDict[str, int] = OrderedDict()  # key -> times rendered, not stored yet
        self._lock = threading.Lock()

    def get(self, name: str) -> tuple[str, CachedPage | None]:
        key = f"{self._generation()}:{name}"
        with self._lock:
            expires_at, page = self._pages.get(key, (0.0, None))
            if page is None or expires_at < time.monotonic():
                return key, None
            self._pages.move_to_end(key)
            return key, page

    def put(self, key: str, page: CachedPage, seconds: int) -> None:
        if not key.startswith(f"{self._generation()}:"):
            return  # content changed while this page was rendered
        with self._lock:
            if not self._admitted(key):
                return
            stale = [old for old in self._pages if not old.startswith(key.split(":", 1)[0] + ":")]
            for old in stale:
                del self._pages[old]
            self._pages[key] = (time.monotonic() + seconds, page)
            while len(self._pages) > self.capacity:
                self._pages.popitem(last=False)

    def _admitted(self, key: str) -> bool:
        """True the admit_after-th time this page is rendered (under the lock)."""
        asked = self._asked.pop(key, 0) + 1
        if asked >= self.admit_after:
            return True
        self._asked[key] = asked
        while len(self._asked) > self.capacity * self.ASKED_PER_PAGE:
            self._asked.popitem(last=False)
        return False

    def bump(self) -> None:
        with self._lock:
            self._pages.clear()
            self._asked.clear()
        scratch = self.stamp.with_name(f"{self.stamp.name}.{uuid.uuid4().hex}")
        try:
            self.stamp.parent.mkdir(parents=True, exist_ok=True)
            scratch.write_text(uuid.uuid4().hex)
            os.replace(scratch, self.stamp)  # atomic: another worker reads the old stamp or the new one
        except OSError as error:
            scratch.unlink(missing_ok=True)  # no half-written scratch file left beside the stamp
            raise StoreUnavailable(str(error)) from error

    def _generation(self) -> str:
        try:
            return self.stamp.read_text() or "0"
        except FileNotFoundError:
            return "0"
        except OSError as error:
            raise StoreUnavailable(str(error)) from error
