"""Globals and filters the templates share."""
from __future__ import annotations

from flask import Flask, request

from kd.core.fields import field_label
from kd.core.i18n import LANGUAGE_NAMES, current_locale, show_date, show_datetime, show_month
from kd.core.places import country_name, municipality


def register(app: Flask) -> None:
    app.jinja_env.globals.update(
        current_locale=current_locale,
        language_names=LANGUAGE_NAMES,
        country_name=lambda code: country_name(code, current_locale()),
        municipality_name=_municipality_name,
        field_label=field_label,
        current_path=_current_path,
    )
    app.jinja_env.filters.update(date=show_date, datetime=show_datetime, month=show_month)


def _municipality_name(code: str | None) -> str:
    found = municipality(code)
    return found.name(current_locale()) if found else ""


def _current_path() -> str:
    return request.full_path.rstrip("?") if request else "/"
