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
from kd.content.states import ModerationState
from kd.media.models import PhotoPermission
from kd.media.services import PhotoDetails, add_photo
from kd.media.storage import get_storage
from kd.profiles.models import Consent, Profile, ProfileKind
from kd.search.backend import SearchQuery
from kd.search.service import backend

APPROVED = ModerationState.APPROVED


@dataclass(frozen=True)
class StoredPhoto:
    id: int
    original: bytes
    keys: tuple[str, ...]


@pytest.fixture
def content_defaults() -> dict:
    """A member's published content, with evidence, indexed the way the workflow does it."""
    return {"state": APPROVED, "story_source": True, "announce": True}


@pytest.fixture
def make_profile(make_profile):
    """The shared factory, with who the profile is about: about="self" (the member's own, the default),
    "nomination" (someone else, who consented) or "group"."""
    counter = itertools.count(1)

    def make(submitter: User, about: str = "self", **fields) -> Profile:
        number = next(counter)
        fields.setdefault("kind", ProfileKind.GROUP if about == "group" else ProfileKind.PERSON)
        if about == "nomination":
            fields.update(is_nomination=True, subject_email=f"nominee{number}@example.net",
                          consent=Consent.CONFIRMED, nominator_relation="colleague")
        else:
            fields.setdefault("owner_id", submitter.id)
        return make_profile(submitter, tags=fields.pop("tags", ("medicine",)), **fields)
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
