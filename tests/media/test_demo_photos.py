"""seed-demo gives most profiles a portrait or logo and some stories pictures, through the same pipeline."""
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
        assert 0.8 * profiles <= portraits <= profiles and story_photos >= 20
        files = stored_files(app)
        seed()
        assert _photo_count() == portraits + story_photos and stored_files(app) == files
        photo = db.session.scalars(select(Photo).where(Photo.profile_id.is_not(None))).first()
        assert photo.alt_text and photo.credit.startswith("KD") and (photo.width, photo.height) == (480, 480)
        assert not photo.pending_review
