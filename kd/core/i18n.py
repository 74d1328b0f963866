"""Locale choice: the member's setting, then the language switch cookie, then Accept-Language."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user

from kd.core.visitors import may_be_logged_in

LANGUAGE_NAMES = {"en": "English", "sq": "Shqip"}


def supported(locale: str | None) -> bool:
    return locale in current_app.config["LANGUAGES"]


def select_locale() -> str:
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if supported(request.args.get("lang")):
        return request.args["lang"]  # an explicit language version (hreflang alternates)
    user_locale = getattr(current_user, "locale", None) if may_be_logged_in() else None
    if supported(user_locale):
        return user_locale
    cookie = request.cookies.get(current_app.config["LANGUAGE_COOKIE"])
    if supported(cookie):
        return cookie
    return request.accept_languages.best_match(current_app.config["LANGUAGES"]) or "en"


def current_locale() -> str:
    return str(get_locale() or "en")


def safe_next(target: str | None, fallback: str = "/") -> str:
    """Only same-site relative paths: never an open redirect."""
    if not target:
        return fallback
    try:
        parts = urlsplit(target)
    except ValueError:
        return fallback
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    return target
