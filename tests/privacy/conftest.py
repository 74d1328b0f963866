"""Factories for a member's content: profiles, stories and photos made through the real services and
storage, indexed for search the way the workflow does it."""
from __future__ import annotations

import io
import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from kd import db
from kd.accounts.models import User
from kd.content import changes
from kd.content.states import ModerationState
from kd.media.models import PhotoPermission
from kd.media.services import PhotoDetails, add_photo
from kd.media.storage import get_storage
from kd.profiles.models import Consent, Profile, ProfileKind
from kd.search.backend import SearchQuery
from kd.search.service import backend
from kd.stories.models import Story, StorySource
from kd.tags.services import tags_for

APPROVED = ModerationState.APPROVED


@dataclass(frozen=True)
class StoredPhoto:
    id: int
    original: bytes
    keys: tuple[str, ...]


def _publish_fields(state: ModerationState) -> dict:
    return {"published_at": db.utcnow()} if state is APPROVED else {}


def _tell_search(subject) -> None:
    if subject.state is APPROVED:
        changes.changed(subject)


@pytest.fixture
def make_profile(app):
    """about="self" (the member's own), "nomination" (about someone else) or "group"."""
    counter = itertools.count(1)

    def make(submitter: User, name: str = "", state: ModerationState = APPROVED, about: str = "self",
             **fields) -> Profile:
        number = next(counter)
        name = name or f"Person {number}"
        fields.setdefault("kind", ProfileKind.GROUP if about == "group" else ProfileKind.PERSON)
        if about == "nomination":
            fields.update(is_nomination=True, subject_email=f"nominee{number}@example.net",
                          consent=Consent.CONFIRMED, nominator_relation="colleague")
        else:
            fields.setdefault("owner_id", submitter.id)
        with app.app_context(), db.transaction():
            profile = Profile(slug=f"profile-{number}", name=name, state=state, submitted_by_id=submitter.id,
                              tags=tags_for(["medicine"]), **_publish_fields(state), **fields)
            db.session.add(profile)
            db.session.flush()
            _tell_search(profile)
        return profile
    return make


@pytest.fixture
def make_story(app):
    counter = itertools.count(1)

    def make(submitter: User, title: str = "", state: ModerationState = APPROVED, profiles=(), **fields) -> Story:
        number = next(counter)
        with app.app_context(), db.transaction():
            story = Story(slug=f"story-{number}", title=title or f"Story {number}", state=state,
                          submitted_by_id=submitter.id, tags=tags_for(["science"]), **_publish_fields(state),
                          sources=[StorySource(url=f"https://news.example.org/{number}", title="Press")],
                          profiles=[db.session.get(Profile, profile.id) for profile in profiles], **fields)
            db.session.add(story)
            db.session.flush()
            _tell_search(story)
        return story
    return make


def _jpeg(color: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), color).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def make_photo(app):
    """A photo through the real pipeline, uploaded by `by`; hands back its id, original bytes and file keys."""
    def make(subject, by: User, color: str = "#244aa5") -> StoredPhoto:
        with app.test_request_context(), db.transaction():
            row = db.session.get(type(subject), subject.id)
            photo = add_photo(row, _jpeg(color), "holiday.jpg", PhotoDetails(alt_text="A portrait",
                              permission=PhotoPermission.OWN), db.session.get(User, by.id))
            with get_storage().open(photo.original_path) as original:
                stored = StoredPhoto(photo.id, original.read(), tuple(photo.file_keys()))
        return stored
    return make


@pytest.fixture
def stored_keys(app):
    """Storage keys of every file under the upload folder."""
    def keys() -> set[str]:
        root = Path(app.config["UPLOAD_DIR"])
        return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}
    return keys


@pytest.fixture
def find(app):
    """Keys of what a search for the text finds, e.g. {"profiles:3"}."""
    def keys(text: str) -> set[str]:
        with app.test_request_context():
            return {hit.key for hit in backend().search(SearchQuery(text=text)).hits}
    return keys
