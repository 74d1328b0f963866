"""One house style for dates and times (issue 17): day, month in words, year; a 24-hour clock."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from flask_babel import force_locale

from kd.core.i18n import show_date, show_datetime

MOMENT = datetime(2026, 12, 2, 17, 5, tzinfo=UTC)


@pytest.mark.parametrize("locale, day, moment", [
    ("en", "2 December 2026", "2 December 2026, 17:05"),
    ("sq", "2 dhjetor 2026", "2 dhjetor 2026, 17:05"),
])
def test_house_format_in_each_language(app, locale, day, moment):
    with app.test_request_context(), force_locale(locale):
        assert show_date(date(2026, 12, 2)) == day
        assert show_date(MOMENT) == day
        assert show_datetime(MOMENT) == moment
        assert show_datetime(MOMENT.replace(tzinfo=None)) == moment  # SQLite hands back naive UTC
        assert show_date(None) == show_datetime(None) == ""


def test_no_template_picks_its_own_format():
    templates = Path(__file__).resolve().parents[2] / "templates"
    own_format = re.compile(r"\|\s*(date|datetime)\s*\(|strftime|format_(date|time|datetime)")
    offenders = [str(path) for path in templates.rglob("*.*") if own_format.search(path.read_text())]
    assert offenders == []

