"""Factories for profiles and stories in any state, and valid form data."""
from __future__ import annotations

import itertools

import pytest

from kd import db
from kd.content.states import ModerationState
from kd.db import utcnow
from kd.profiles.models import Consent, Profile, ProfileKind
from kd.stories.models import Story, StorySource


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
def make_profile(app):
    counter = itertools.count(1)

    def make(submitter=None, state=ModerationState.DRAFT, name=None, **fields) -> Profile:
        number = next(counter)
        name = name or f"Person {number}"
        fields.setdefault("kind", ProfileKind.PERSON)
        fields.setdefault("consent", Consent.NOT_NEEDED)
        if state is ModerationState.APPROVED:
            fields.setdefault("published_at", utcnow())
        with app.app_context():
            profile = Profile(slug=f"person-{number}", name=name, state=state,
                              submitted_by_id=submitter.id if submitter else None, **fields)
            db.session.add(profile)
            db.session.commit()
            db.session.expunge(profile)
        return profile
    return make


@pytest.fixture
def make_story(app):
    counter = itertools.count(1)

    def make(submitter=None, state=ModerationState.DRAFT, profiles=(), **fields) -> Story:
        number = next(counter)
        fields.setdefault("title", f"Story {number}")
        if state is ModerationState.APPROVED:
            fields.setdefault("published_at", utcnow())
        with app.app_context():
            story = Story(slug=f"story-{number}", state=state, submitted_by_id=submitter.id if submitter else None,
                          **fields)
            story.profiles = [db.session.get(Profile, profile.id) for profile in profiles]
            story.sources = [StorySource(url="https://news.example.org/a", title="Press", position=0)]
            db.session.add(story)
            db.session.commit()
            db.session.expunge(story)
        return story
    return make


def reload(model, row_id):
    db.session.expire_all()
    return db.session.get(model, row_id)
