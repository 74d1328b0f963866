"""Files and rows stay consistent: nothing left behind by a failed transaction, nothing lost early."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from kd import db
from kd.accounts.models import User
from kd.media.models import Photo, PhotoPermission
from kd.media.services import PhotoDetails, add_photo, delete_photo
from kd.media.storage import FileSystemStorage
from kd.stories.models import Story
from tests.media.conftest import image_bytes, stored_files


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_failing_transaction_leaves_no_file_and_no_row(app, owner, make_story):
    story = make_story(submitted_by=owner)
    with app.app_context():
        with pytest.raises(RuntimeError), db.transaction():
            add_photo(db.session.get(Story, story.id), image_bytes(), "a.jpg", PhotoDetails(alt_text="Alt"),
                      db.session.get(User, owner.id))
            assert stored_files(app), "files are written inside the transaction"
            raise RuntimeError("the request failed after the upload")
        assert stored_files(app) == [] and _count(Photo) == 0


def test_a_deletion_that_rolls_back_keeps_the_files(app, owner, make_story):
    story = make_story(submitted_by=owner)
    with app.app_context():
        with db.transaction():
            photo = add_photo(db.session.get(Story, story.id), image_bytes(), "a.jpg", PhotoDetails(alt_text="Alt"),
                              db.session.get(User, owner.id))
        files = stored_files(app)
        with pytest.raises(RuntimeError), db.transaction():
            delete_photo(photo, db.session.get(User, owner.id))
            raise RuntimeError("rolled back")
        assert stored_files(app) == files and _count(Photo) == 1


def test_a_photo_belongs_to_exactly_one_subject(app, owner, make_story, make_profile):
    story, profile = make_story(submitted_by=owner), make_profile(submitted_by=owner)
    for profile_id, story_id in ((profile.id, story.id), (None, None)):
        with app.app_context():
            db.session.add(Photo(profile_id=profile_id, story_id=story_id, content_hash="0" * 64, width=1, height=1,
                                 original_path="private/x.jpg", variants=[], alt_text="x",
                                 permission=PhotoPermission.OWN))
            with pytest.raises(IntegrityError):
                db.session.commit()
            db.session.rollback()


def test_photos_go_with_their_story(app, owner, make_story):
    story = make_story(submitted_by=owner)
    with app.app_context():
        with db.transaction():
            add_photo(db.session.get(Story, story.id), image_bytes(), "a.jpg", PhotoDetails(alt_text="Alt"),
                      db.session.get(User, owner.id))
        with db.transaction():
            db.session.delete(db.session.get(Story, story.id))
        assert _count(Photo) == 0


def test_storage_writes_atomically_and_stays_in_its_folder(tmp_path):
    storage = FileSystemStorage(tmp_path)
    storage.store("public/a.webp", b"data")
    with storage.open("public/a.webp") as stream:
        assert stream.read() == b"data"
    assert [path.name for path in (tmp_path / "public").iterdir()] == ["a.webp"]
    with pytest.raises(ValueError):
        storage.store("../outside.txt", b"x")
    storage.delete("public/a.webp")
    assert not storage.exists("public/a.webp")
