from __future__ import annotations

import pytest

from kd import db
from kd.db import utcnow
from kd.newsletter.models import Subscriber


@pytest.fixture
def make_subscriber(app):
    """A subscriber row, confirmed unless told otherwise; returns its id."""
    def make(email: str, locale: str = "en", confirmed: bool = True) -> int:
        with app.app_context(), db.transaction():
            subscriber = Subscriber(email=email, locale=locale, confirmed_at=utcnow() if confirmed else None)
            db.session.add(subscriber)
            db.session.flush()
            return subscriber.id
    return make
