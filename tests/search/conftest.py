"""Factories for approved (or not) profiles and stories, indexed the way services do it.

Every test in tests/search runs against both backends (the contract); a module pins one backend by
overriding `search_backend`. PostgreSQL is skipped only when the test database is SQLite.
"""
from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from kd import db
from kd.content import changes
from kd.content.states import ModerationState
from kd.profiles.models import Profile, ProfileKind
from kd.search.backend import SearchQuery
from kd.search.service import backend
from kd.stories.models import Story
from kd.tags.services import tags_for

START = datetime(2024, 1, 1, tzinfo=UTC)
BACKENDS = ("whoosh", "postgres")


def require_backend(name: str, database_url: str) -> str:
    if name == "postgres" and not database_url.startswith("postgresql"):
        pytest.skip("the PostgreSQL backend needs a PostgreSQL test database (KD_TEST_DATABASE_URL)")
    return name


@pytest.fixture(params=BACKENDS)
def search_backend(request, database_url) -> str:
    return require_backend(request.param, database_url)


@pytest.fixture
def app_overrides(search_backend) -> dict:
    return {"SEARCH_BACKEND": search_backend}


@pytest.fixture
def make_profile(app):
    counter = itertools.count(1)

    def make(name: str = "", state: ModerationState = ModerationState.APPROVED, tags: tuple[str, ...] = (),
             **fields) -> Profile:
        number = next(counter)
        fields.setdefault("kind", ProfileKind.PERSON)
        fields.setdefault("published_at", START + timedelta(days=number))
        with app.app_context(), db.transaction():
            profile = Profile(name=name or f"Person {number}", name_folded=(name or "").casefold(),
                              slug=f"person-{number}", state=state, **fields)
            db.session.add(profile)
            db.session.flush()
            profile.tags = tags_for(list(tags))
            _tell_search(profile)
        return profile
    return make


@pytest.fixture
def make_story(app):
    counter = itertools.count(1)

    def make(title: str = "", state: ModerationState = ModerationState.APPROVED, tags: tuple[str, ...] = (),
             profiles: tuple[Profile, ...] = (), **fields) -> Story:
        number = next(counter)
        fields.setdefault("published_at", START + timedelta(days=number))
        with app.app_context(), db.transaction():
            story = Story(title=title or f"Story {number}", slug=f"story-{number}", state=state, **fields)
            db.session.add(story)
            db.session.flush()
            story.tags = tags_for(list(tags))
            story.profiles = [db.session.get(Profile, profile.id) for profile in profiles]
            _tell_search(story)
        return story
    return make


def _tell_search(subject) -> None:
    if subject.state is ModerationState.APPROVED:
        changes.changed(subject)
    else:
        changes.removed(subject)


@pytest.fixture
def find(app):
    """Keys of what a search finds, e.g. find('Prishtina') -> ['stories:1']."""
    def search(text: str = "", **options):
        with app.test_request_context():
            results = backend().search(SearchQuery(text=text, **options))
        return results
    return search


def keys(results) -> set[str]:
    return {hit.key for hit in results.hits}
