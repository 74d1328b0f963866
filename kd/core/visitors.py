"""Telling an anonymous visitor from a member without loading the member: only a request carrying the
session or remember-me cookie can belong to one (the page cache and per-request hooks ask this first)."""
from __future__ import annotations

from flask import current_app, request


def may_be_logged_in() -> bool:
    config = current_app.config
    names = (config.get("SESSION_COOKIE_NAME", "session"), config.get("REMEMBER_COOKIE_NAME", "remember_token"))
    return any(name in request.cookies for name in names)
