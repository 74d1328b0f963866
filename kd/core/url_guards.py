"""Malformed addresses end early: a NUL byte in the path or query is a 400 (PostgreSQL refuses NUL in text), and a
slug that slugify() could never have made is a 404, before any view runs a query with it."""
from __future__ import annotations

import re

from flask import Flask, abort, request

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,159}$")


def install(app: Flask) -> None:
    app.before_request(_refuse_nul_bytes)
    app.url_value_preprocessor(_refuse_malformed_slugs)


def _refuse_nul_bytes() -> None:
    if "\x00" in request.path or "%00" in request.query_string.decode("latin-1"):
        abort(400)


def _refuse_malformed_slugs(_endpoint, values) -> None:
    slug = (values or {}).get("slug")
    if slug is not None and not SLUG.match(slug):
        abort(404)
