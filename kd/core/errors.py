"""Domain errors users can fix, and the one place that turns errors into pages."""
from __future__ import annotations

import logging
import math

from flask import Flask, current_app, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)
DATABASE_RETRY_SECONDS = 30


class DomainError(Exception):
    """A refusal with a translated message that the user can act on."""

    status_code = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PermissionDenied(DomainError):
    status_code = 403


def retry_wait_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext("Too many attempts. Please try again in %(num)d minute.",
                    "Too many attempts. Please try again in %(num)d minutes.", minutes)


def _retry_after_seconds(error: HTTPException) -> int:
    limit = getattr(error, "limit", None)
    if limit is not None and getattr(limit, "limit", None) is not None:
        return int(limit.limit.get_expiry())
    return 60


def register_error_pages(app: Flask) -> None:
    for code in (400, 403, 404, 405, 413, 500):
        app.register_error_handler(code, _render_error)
    app.register_error_handler(429, _too_many_requests)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(DomainError, _domain_error)
    app.register_error_handler(DBAPIError, _database_error)


def _render_error(error: HTTPException | Exception):
    code = getattr(error, "code", 500) or 500
    if code >= 500:
        log.exception("Unhandled error on %s %s", request.method, request.path)
    message = getattr(error, "user_message", None)  # a refusal that says why (kd.core.url_guards)
    return render_template("errors/error.html", code=code, message=message), code


def _too_many_requests(error: HTTPException):
    seconds = _retry_after_seconds(error)
    response = render_template("errors/error.html", code=429, message=retry_wait_message(seconds))
    return response, 429, {"Retry-After": str(seconds)}


def _csrf_error(error: CSRFError):
    message = _("The form had expired or was sent from elsewhere. Please go back, reload the page and try again.")
    return render_template("errors/error.html", code=400, message=message), 400


def _domain_error(error: DomainError):
    return render_template("errors/error.html", code=error.status_code, message=error.message), error.status_code


def _database_error(error: DBAPIError):
    """A lost or refused database connection (a restart, a failover) is a short outage, not a bug: 503."""
    if not (isinstance(error, OperationalError) or error.connection_invalidated):
        raise error  # any other database error stays a bug: the 500 page, or raised in tests
    log.error("Database unavailable on %s %s: %s", request.method, request.path, error.orig or error)
    # The page is drawn as for a visitor: loading the logged-in member would need the database.
    current_app.login_manager._update_request_context_with_user()
    response = render_template("errors/error.html", code=503)
    return response, 503, {"Retry-After": str(DATABASE_RETRY_SECONDS)}
