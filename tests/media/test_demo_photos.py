"""seed-demo gives every profile a portrait and some stories pictures, through the same pipeline."""
from __future__ import annotations

from sqlalchemy import func, select

from kd import db
from kd.demo.services import seed
from kd.media.models import Photo
from kd.profiles.models import Profile
from tests.media.conftest import stored_files


def _photo_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Photo))


def test_seed_draws_portraits_and_story_photos_once(app):
    with app.app_context():
        seed()
        profiles = db.session.scalar(select(func.count()).select_from(Profile))
        portraits = db.session.scalar(select(func.count()).select_from(Photo).where(Photo.profile_id.is_not(None)))
        story_photos = _photo_count() - portraits
        assert portraits == profiles and story_photos >= 5
        files = stored_files(app)
        seed()
        assert _photo_count() == portraits + story_photos and stored_files(app) == files
        photo = db.session.scalars(select(Photo).where(Photo.profile_id.is_not(None))).first()
        assert photo.alt_text and photo.credit == "KD" and (photo.width, photo.height) == (600, 600)
