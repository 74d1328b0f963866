"""Absolute addresses come from the configured site address (KD_SITE_URL), never from the request's Host header."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Flask, current_app, has_request_context, request
from flask.globals import request_ctx
from flask_babel import gettext as _
from wtforms.validators import ValidationError

HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$", re.IGNORECASE)


def site_origin() -> str:
    """Scheme and host of KD_SITE_URL, e.g. https://kd.example (no trailing slash)."""
    parts = urlsplit(current_app.config["SITE_URL"])
    return f"{parts.scheme}://{parts.netloc}"


def site_host() -> str:
    return urlsplit(current_app.config["SITE_URL"]).netloc


def absolute_url(path: str) -> str:
    """The site's address of a path on it ("/stories/x" -> "https://kd.example/stories/x")."""
    return site_origin() + "/" + path.lstrip("/")


def current_url(with_query: bool = True) -> str:
    """This request's address on the configured site (what request.url would be without a forged Host)."""
    path = request.script_root + request.path
    query = request.query_string.decode("latin-1") if with_query else ""
    return absolute_url(path) + (f"?{query}" if query else "")


class SiteFlask(Flask):
    """url_for(..., _external=True) builds on KD_SITE_URL, in a request as in a job or the CLI.

    A request refused for its Host has no URL adapter: its error page builds links as the site would."""

    def process_response(self, response):
        """Runs after the session is saved: an answer that sets a cookie is never for shared caches."""
        response = super().process_response(response)
        if "Set-Cookie" in response.headers:
            response.headers["Cache-Control"] = "private, no-store"
        return response

    def url_for(self, /, endpoint: str, *, _anchor=None, _method=None, _scheme=None, _external=None, **values):
        external = _external if _external is not None else not has_request_context()
        if has_request_context() and request_ctx.url_adapter is not None:
            path = super().url_for(endpoint, _anchor=_anchor, _method=_method, _external=False, **values)
        else:
            with self.test_request_context("/", base_url=self.config["SITE_URL"]):
                path = super().url_for(endpoint, _anchor=_anchor, _method=_method, _external=False, **values)
        if not external:
            return path
        url = absolute_url(path)
        return _scheme + url[url.index(":"):] if _scheme else url


MAX_URL_LENGTH = 500
WEB_SCHEMES = ("http", "https")


class InvalidURL(ValueError):
    """A web address a visitor typed that the site cannot use; str() is a translated, readable message."""


def parse_public_url(text: str | None, max_length: int = MAX_URL_LENGTH) -> str:
    """The address cleaned of surrounding space if it is a usable http(s) address with a host, else InvalidURL.

    The one check for every address users give: urlsplit() alone raises on `https://[::1` or a bad port."""
    value = (text or "").strip()
    if len(value) > max_length:
        raise InvalidURL(_("A web address can have at most %(max)d characters.", max=max_length))
    if not value or not _well_formed(value):
        raise InvalidURL(_("Enter a web address that starts with https:// or http://."))
    return value


def _well_formed(value: str) -> bool:
    if any(char.isspace() or not char.isprintable() for char in value):
        return False
    try:
        parts = urlsplit(value)
        host, _port = parts.hostname, parts.port
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(host) and _valid_host(host)


def _valid_host(host: str) -> bool:
    if ":" in host:
        return True  # a bracketed IPv6 address, already checked by urlsplit
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.rstrip(".").split(".")
    return len(labels) >= 2 and all(HOST_LABEL.match(label) for label in labels)


def url_path(text: str | None) -> str | None:
    """The path of an address or bare path a visitor gave, or None when it cannot be read as one."""
    try:
        return urlsplit((text or "").strip()).path
    except ValueError:
        return None


def web_address(max_length: int = MAX_URL_LENGTH):
    """The WTForms validator for every address field: parse_public_url's message becomes the field's error."""
    def check(_form, field) -> None:
        if (field.data or "").strip():
            try:
                parse_public_url(field.data, max_length)
            except InvalidURL as error:
                raise ValidationError(str(error)) from error
    return check
