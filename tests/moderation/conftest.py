"""Small factories for editors' tests: Profile, Story and Revision rows made directly."""
from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from kd import db
from kd.accounts.models import Role
from kd.content.kinds import kind_of
from kd.content.models import Revision
from kd.content.states import ModerationState
from kd.core.text import fold
from kd.profiles.models import Profile, ProfileKind
from kd.stories.models import Story
from kd.tags.services import tags_for


def _store(app, build):
    """build() makes the row inside an app context; it is committed and handed back detached."""
    with app.app_context():
        row = build()
        db.session.add(row)
        db.session.commit()
        db.session.refresh(row)
        db.session.expunge(row)
    return row


@pytest.fixture
def editor(make_user):
    return make_user(role=Role.EDITOR, display_name="Editor Ema", locale="en")


@pytest.fixture
def member(make_user):
    return make_user(display_name="Member Mira", locale="sq")


@pytest.fixture
def make_profile(app):
    counter = itertools.count(1)

    def make(submitted_by=None, state=ModerationState.SUBMITTED, name=None, tags=(), age_minutes=0, **fields):
        number = next(counter)
        name = name or f"Person {number}"
        if state is ModerationState.APPROVED:
            fields.setdefault("published_at", db.utcnow())

        def build():
            return Profile(kind=ProfileKind.PERSON, slug=f"person-{number}", name=name, name_folded=fold(name),
                           state=state, submitted_by_id=getattr(submitted_by, "id", None),
                           submitted_at=db.utcnow() - timedelta(minutes=age_minutes), tags=tags_for(list(tags)),
                           **fields)
        return _store(app, build)
    return make


@pytest.fixture
def make_story(app):
    counter = itertools.count(1)

    def make(submitted_by=None, state=ModerationState.SUBMITTED, profiles=(), tags=(), age_minutes=0, **fields):
        number = next(counter)
        fields.setdefault("title", f"Story {number}")
        if state is ModerationState.APPROVED:
            fields.setdefault("published_at", db.utcnow())

        def build():
            return Story(slug=f"story-{number}", state=state, submitted_by_id=getattr(submitted_by, "id", None),
                         submitted_at=db.utcnow() - timedelta(minutes=age_minutes), tags=tags_for(list(tags)),
                         profiles=[db.session.get(Profile, profile.id) for profile in profiles], **fields)
        return _store(app, build)
    return make


@pytest.fixture
def make_revision(app):
    def make(subject, data, submitted_by=None, subject_type=None):
        return _store(app, lambda: Revision(subject_type=subject_type or kind_of(subject),
                                            subject_id=subject.id, data=data,
                                            submitted_by_id=getattr(submitted_by, "id", None)))
    return make


@pytest.fixture
def fetch(app):
    """A fresh copy of a row from the database."""
    def get(model, row_id):
        with app.app_context():
            db.session.remove()
            found = db.session.get(model, row_id)
            if found is not None:
                db.session.expunge(found)
            return found
    return get
