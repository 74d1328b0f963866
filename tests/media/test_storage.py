"""Files and rows stay consistent: nothing left behind by a failed transaction, nothing lost early."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from kd import db
from kd.accounts.models import User
from kd.media.models import Photo, PhotoPermission
from kd.media.services import PhotoDetails, add_photo, delete_photo
from kd.media.storage import FileSystemStorage
from kd.stories.models import Story
from tests.conftest import image_bytes
from tests.media.conftest import stored_files


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


def test_an_upload_disk_that_cannot_be_written_is_a_507_that_keeps_the_form(app, tmp_path, login, owner,
                                                                            make_story, upload, photos):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    app.config["UPLOAD_DIR"] = str(blocker / "uploads")  # every mkdir and open below it fails (ENOTDIR)
    story = make_story(submitted_by=owner)
    login(owner)
    response = upload(story, image_bytes(), caption="Kept caption")
    assert response.status_code == 507
    page = response.get_data(as_text=True)
    assert "The photo could not be stored right now; please try again later." in page
    assert 'value="Kept caption"' in page
    assert photos(story) == []


def test_sweep_uploads_removes_old_files_no_photo_refers_to(app, owner, make_story, runner):
    story = make_story(submitted_by=owner)
    with app.app_context(), db.transaction():
        photo = add_photo(db.session.get(Story, story.id), image_bytes(), "a.jpg", PhotoDetails(alt_text="Alt"),
                          db.session.get(User, owner.id))
    root = Path(app.config["UPLOAD_DIR"])
    for name in ("public/" + "f" * 64 + "-320.webp", "private/.upload-interrupted.tmp", "private/young.jpg"):
        (root / name).write_bytes(b"left behind")
    an_hour_ago = time.time() - 3700
    for path in stored_files(app):
        if path.name != "young.jpg":
            os.utime(path, (an_hour_ago, an_hour_ago))
    result = runner.invoke(args=["kd", "sweep-uploads"])
    assert result.exit_code == 0 and "Removed 2 unreferenced files." in result.output
    assert {path.relative_to(root).as_posix() for path in stored_files(app)} == {*photo.file_keys(),
                                                                                 "private/young.jpg"}
