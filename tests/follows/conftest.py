from __future__ import annotations

import pytest

from kd import db
from kd.accounts.models import User
from kd.collections.models import Collection, CollectionItem
from kd.db import utcnow
from kd.follows import services
from kd.follows.models import FollowKind, Frequency
from kd.stories.models import Story


@pytest.fixture
def make_collection(app):
    """A collection holding the story with the given slug; published unless told otherwise."""
    def make(slug: str, story_slug: str, published: bool = True, title_sq: str = "") -> None:
        with app.app_context(), db.transaction():
            story = db.session.scalars(db.select(Story).where(Story.slug == story_slug)).one()
            db.session.add(Collection(slug=slug, title_en=slug.replace("-", " ").title(), title_sq=title_sq,
                                      published_at=utcnow() if published else None,
                                      items=[CollectionItem(position=0, story=story)]))
    return make


@pytest.fixture
def follow(app):
    """follow(user, kind, key): the member follows the target through the service, as the button would."""
    def make(user, kind: str, key: str) -> None:
        with app.app_context(), db.transaction():
            services.follow(db.session.get(User, user.id), FollowKind(kind), key)
    return make


@pytest.fixture
def choose_frequency(app):
    def choose(user, frequency: str) -> None:
        with app.app_context(), db.transaction():
            services.set_frequency(db.session.get(User, user.id), Frequency(frequency))
    return choose
