"""The desk's tests: an editor, a member, content that starts SUBMITTED, revisions, fresh copies of rows."""
from __future__ import annotations

import pytest

from kd import db
from kd.accounts.models import Role
from kd.content.kinds import kind_of
from kd.content.models import Revision
from kd.content.states import ModerationState
from tests.conftest import stored


@pytest.fixture
def editor(make_user):
    return make_user(role=Role.EDITOR, display_name="Editor Ema", locale="en")


@pytest.fixture
def member(make_user):
    return make_user(display_name="Member Mira", locale="sq")


@pytest.fixture
def content_defaults() -> dict:
    return {"state": ModerationState.SUBMITTED, "story_source": False}


@pytest.fixture
def make_revision(app):
    def make(subject, data, submitted_by=None, subject_type=None):
        return stored(app, lambda: Revision(subject_type=subject_type or kind_of(subject),
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
