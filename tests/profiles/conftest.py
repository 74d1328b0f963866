"""Valid form data, and content that starts as a draft with an evidence source (tests/conftest.py)."""
from __future__ import annotations

import pytest

from kd import db
from kd.content.states import ModerationState


def profile_form(**overrides) -> dict:
    data = {"kind": "person", "about": "self", "name": "Drita Krasniqi", "headline": "Cardiologist in Zurich",
            "field": "medicine", "country_code": "CH", "city": "Zurich", "municipality": "prishtina",
            "bio": "She **leads** a team.", "links": "https://example.org/drita", "tags": "medicine, Zürich",
            "language": "en", "nominator_relation": "", "subject_email": "", "website": "", "action": "draft"}
    data.update(overrides)
    return data


def story_form(profile_ids=(), **overrides) -> dict:
    data = {"title": "A prize for heart research", "summary": "Drita won a prize.", "body": "It was *big*.",
            "achieved_on": "2024-05-31", "profile_ids": [str(pid) for pid in profile_ids], "field": "medicine",
            "country_code": "CH", "city": "Zurich", "municipality": "prishtina", "tags": "science",
            "language": "en", "website": "", "action": "draft",
            "sources-0-url": "https://news.example.org/prize", "sources-0-title": "The prize"}
    data.update(overrides)
    return data


@pytest.fixture
def content_defaults() -> dict:
    return {"state": ModerationState.DRAFT, "story_source": True}


def reload(model, row_id):
    db.session.expire_all()
    return db.session.get(model, row_id)
