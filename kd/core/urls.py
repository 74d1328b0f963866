"""Absolute addresses come from the configured site address (KD_SITE_URL), never from the request's Host header."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, has_request_context, request
from flask.globals import request_ctx


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
