"""Anonymous pages: conditional answers (ETag, 304), Cache-Control for proxies, and a page cache (in Redis
when the site has one, else in each worker's memory: kd.ops.page_store).

A page is cacheable when the request carries no cookies of ours, it is a GET of a public blueprint,
and the answer is a 200 that sets no cookie. The cache key includes a generation number that every
content change announced on content_changed (kd.content.changes) bumps after its commit, so visitors never
see a page older than the change.
"""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from flask import Flask, current_app, g, has_app_context, request, session

from kd.core.redis_clients import redis_client
from kd.core.urls import site_host
from kd.core.visitors import may_be_logged_in
from kd.ops.page_store import CachedPage, LocalPages, RedisPages, StoreUnavailable

log = logging.getLogger(__name__)


def install(app: Flask) -> None:
    app.before_request(_serve_from_cache)
    app.after_request(_finish)


def forget_pages(_session=None, changes=None) -> None:
    """Receives content_changed (after the commit): every cached page may show what changed."""
    if has_app_context():
        invalidate()


def invalidate() -> None:
    """Every cached page becomes stale (call after content that visitors see has changed)."""
    store = _store()
    if store is None:
        return
    try:
        store.bump()
    except StoreUnavailable as error:
        log.warning("Page cache not invalidated, store unavailable: %s", error)


def _cacheable_request() -> bool:
    """Anonymous GETs of public pages, asked for by the site's own address (never a page for another host)."""
    return (request.method == "GET" and request.blueprint in current_app.config["PAGE_CACHE_BLUEPRINTS"]
            and request.host == site_host() and not may_be_logged_in())


def _store() -> RedisPages | LocalPages | None:
    """Redis when the site has one, else this worker's memory; None when caching is switched off."""
    config = current_app.config
    if not config.get("PAGE_CACHE_SECONDS"):
        return None
    stores = current_app.extensions.setdefault("kd.page_stores", {})
    where = (config.get("REDIS_URL"), config["CACHE_PREFIX"], config["INSTANCE_DIR"])
    if where not in stores:
        stores[where] = _new_store(config)
    return stores[where]


def _new_store(config) -> RedisPages | LocalPages:
    if config.get("REDIS_URL"):
        return RedisPages(redis_client(config["REDIS_URL"], 0.2, 0.2), config["CACHE_PREFIX"])
    return LocalPages(Path(config["INSTANCE_DIR"]) / "page-cache-generation", config["PAGE_CACHE_ENTRIES"],
                      config["PAGE_CACHE_ADMIT_AFTER"])


def _serve_from_cache():
    g.page_cache_key = None
    store = _store() if _cacheable_request() else None
    if store is None:
        return None
    from kd.core.i18n import current_locale

    try:
        g.page_cache_key, page = store.get(f"{current_locale()}:{request.full_path}")
    except StoreUnavailable as error:
        log.warning("Page cache unavailable: %s", error)
        return None
    if page is None:
        return None
    response = current_app.response_class(page.body, status=page.status, headers=page.headers)
    response.headers["X-Cache"] = "hit"
    g.page_cache_key = None
    return response


def _finish(response):
    if not (_cacheable_request() and response.status_code == 200 and "Set-Cookie" not in response.headers):
        return response
    if session.modified:  # the page put something of this visitor's in the session (a CSRF token): theirs alone
        return response
    seconds = current_app.config["PAGE_CACHE_SECONDS"]
    response.headers["Cache-Control"] = f"public, max-age={seconds}"
    response.vary.update(("Cookie", "Accept-Language"))
    if not response.direct_passthrough and response.headers.get("ETag") is None:
        response.set_etag(hashlib.sha256(response.get_data()).hexdigest()[:32])
    _save(response)
    return response.make_conditional(request)


def _save(response) -> None:
    key, store = getattr(g, "page_cache_key", None), _store()
    if not key or store is None:
        return
    headers = [(k, v) for k, v in response.headers.items() if k not in ("Set-Cookie", "X-Request-ID")]
    try:
        store.put(key, CachedPage(response.status_code, headers, response.get_data()),
                  current_app.config["PAGE_CACHE_SECONDS"])
    except StoreUnavailable as error:
        log.warning("Page not cached, store unavailable: %s", error)
