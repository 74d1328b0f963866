"""Rendered fragments (item cards, the site's navigation and footer), kept in each worker's memory and reused
by every page that shows them.

A fragment is keyed by everything it shows (the caller passes those values) plus the reader's locale, time
zone and the site's script root, so an edit, a new photo or another language makes a new key: nothing is ever
invalidated, stale keys simply fall out of the least-recently-used end. KD_CARD_CACHE_ENTRIES=0 turns it off.
Never for anything that differs per visitor (a CSRF token, a name).
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Hashable

from cachetools import LRUCache
from flask import Flask, current_app, has_request_context, request
from flask_babel import get_timezone
from markupsafe import Markup

from kd.core.i18n import current_locale

EXTENSION = "kd.fragments"


class Fragments:
    def __init__(self, capacity: int):
        self._store: LRUCache | None = LRUCache(maxsize=capacity) if capacity > 0 else None
        self._lock = threading.Lock()  # LRUCache reorders itself on every read

    def fetch(self, key: Hashable, render: Callable[[], str]) -> Markup:
        if self._store is None:
            return Markup(render())
        with self._lock:
            html = self._store.get(key)
        if html is None:
            html = Markup(render())
            with self._lock:
                self._store[key] = html
        return html

    def __len__(self) -> int:
        return len(self._store) if self._store is not None else 0


def cached_fragment(shown: tuple, caller: Callable[[], str]) -> Markup:
    """For a template's {% call cached_fragment((…what it shows…)) %}…{% endcall %}: renders on a miss."""
    key = (shown, current_locale(), str(get_timezone()), request.script_root if has_request_context() else None)
    return current_app.extensions[EXTENSION].fetch(key, caller)


def register(app: Flask) -> None:
    app.extensions[EXTENSION] = Fragments(app.config["CARD_CACHE_ENTRIES"])
    app.jinja_env.globals["cached_fragment"] = cached_fragment
