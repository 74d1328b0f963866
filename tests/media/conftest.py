"""Photo tests: owners and editors, stored files, an upload helper (content from tests/conftest.py)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from kd import db
from kd.accounts.models import Role
from kd.profiles.models import Profile

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
