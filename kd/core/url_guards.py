"""Malformed addresses end early: a NUL byte in the path, query or a form field is a 400 (PostgreSQL refuses NUL in
text), a slug that slugify() could never have made and an id beyond 64 bits are a 404, before any view runs a
query with them."""
from __future__ import annotations

import re

from flask import Flask, abort, request
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

from kd.core.text import MAX_DATABASE_ID

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,159}$")


class BoundedIntegerConverter(IntegerConverter):
    """Flask's <int:…>, but only ids a database column can hold: a bigger number matches no route (404)."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_DATABASE_ID, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def install_converters(app: Flask) -> None:
    """Before any blueprint is registered: its rules are compiled with the converters known then."""
    app.url_map.converters["int"] = BoundedIntegerConverter


def install(app: Flask) -> None:
    app.before_request(_refuse_nul_bytes)
    app.before_request(_refuse_nul_in_forms)
    app.url_value_preprocessor(_refuse_malformed_slugs)


def _refuse_nul_bytes() -> None:
    if "\x00" in request.path or "%00" in request.query_string.decode("latin-1"):
        abort(400)


def _refuse_nul_in_forms() -> None:
    """No form field may carry a NUL byte: refused with a readable 400 rather than stored or a database error."""
    if request.method == "POST" and any("\x00" in value for value in request.form.values()):
        refusal = BadRequest()
        refusal.user_message = _("The form contained a character that is not allowed (a NUL byte). "
                                 "Remove it and send the form again.")
        raise refusal


def _refuse_malformed_slugs(_endpoint, values) -> None:
    slug = (values or {}).get("slug")
    if slug is not None and not SLUG.match(slug):
        abort(404)
