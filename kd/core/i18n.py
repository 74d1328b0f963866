"""Locale choice: the member's setting, then the language switch cookie, then Accept-Language."""
from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlsplit

from flask import current_app, has_request_context, request
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user

from kd.core.visitors import may_be_logged_in

LANGUAGE_NAMES = {"en": "English", "sq": "Shqip"}
# The house style for every date and time the site shows, in the reader's language and time zone:
# "3 December 2026" / "3 dhjetor 2026", and "3 December 2026, 17:36" (always the 24-hour clock).
DATE_FORMAT = "d MMMM y"
DATETIME_FORMAT = "d MMMM y, HH:mm"


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


def show_date(value: date | None) -> str:
    return format_date(value, DATE_FORMAT) if value else ""


def show_month(value: date | None) -> str:
    """A month in words, in the reader's language: "December 2026", "dhjetor 2026"."""
    return format_date(value, "LLLL y") if value else ""


def show_datetime(value: datetime | None) -> str:
    """Stored times are UTC, with or without a tzinfo (SQLite drops it); Flask-Babel reads naive ones as UTC."""
    return format_datetime(value, DATETIME_FORMAT) if value else ""


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
