"""Photo tests: owners, profiles and stories made directly, images made with Pillow, an upload helper."""
from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest

from kd import db
from kd.accounts.models import Role
from kd.content.states import ModerationState
from kd.profiles.models import Profile, ProfileKind
from kd.stories.models import Story

GOOD_DETAILS = {"alt_text": "Drita on stage in Zurich", "caption": "At the award ceremony",
                "credit": "Arta Berisha", "permission": "own", "licence": ""}


def stored_files(app) -> list[Path]:
    root = Path(app.config["UPLOAD_DIR"])
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


@pytest.fixture
def owner(make_user):
    return make_user(display_name="Owner Olta")


@pytest.fixture
def editor(make_user):
    return make_user(role=Role.EDITOR, display_name="Editor Ema")


def _store(app, row):
    with app.app_context():
        db.session.add(row)
        db.session.commit()
        db.session.refresh(row)
        db.session.expunge(row)
    return row


@pytest.fixture
def make_profile(app):
    counter = itertools.count(1)

    def make(submitted_by=None, state=ModerationState.DRAFT, **fields) -> Profile:
        number = next(counter)
        if state is ModerationState.APPROVED:
            fields.setdefault("published_at", db.utcnow())
        return _store(app, Profile(kind=ProfileKind.PERSON, slug=f"person-{number}", name=f"Person {number}",
                                   name_folded=f"person {number}", state=state,
                                   submitted_by_id=getattr(submitted_by, "id", None), **fields))
    return make


@pytest.fixture
def make_story(app):
    counter = itertools.count(1)

    def make(submitted_by=None, state=ModerationState.DRAFT, **fields) -> Story:
        number = next(counter)
        if state is ModerationState.APPROVED:
            fields.setdefault("published_at", db.utcnow())
        return _store(app, Story(slug=f"story-{number}", title=f"Story {number}", state=state,
                                 submitted_by_id=getattr(submitted_by, "id", None), **fields))
    return make


@pytest.fixture
def upload(post):
    """POST a photo to a subject's photo page, as the browser's multipart form would."""
    def send(subject, data: bytes, filename: str = "photo.jpg", **fields):
        kind = "profile" if isinstance(subject, Profile) else "story"
        form = {**GOOD_DETAILS, **fields, "photo": (io.BytesIO(data), filename)}
        return post(f"/photos/{kind}/{subject.id}", form, content_type="multipart/form-data")
    return send


@pytest.fixture
def photos(app):
    """The subject's photos as stored, in order."""
    from kd.media.queries import photos_of

    def of(subject):
        with app.app_context():
            found = photos_of(db.session.get(type(subject), subject.id))
            for photo in found:
                db.session.expunge(photo)
            return found
    return of
