"""Photos where members write: a portrait on the profile form, photos on the story form, through kd.media."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import select

from kd import db
from kd.media.models import Photo, PhotoPermission
from kd.media.storage import get_storage
from kd.profiles.models import Profile
from kd.stories.models import Story
from tests.conftest import image_bytes
from tests.media.conftest import stored_files
from tests.profiles.conftest import profile_form, story_form


@pytest.fixture
def member(make_user, login):
    user = make_user()
    login(user)
    return user


def _jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010E] = "secret description"  # ImageDescription
    return image_bytes("JPEG", (500, 400), exif=exif.tobytes())


def _with_portrait(data: bytes, filename: str = "drita.jpg", **fields) -> dict:
    form = {"portrait-alt_text": "Drita in her laboratory", "portrait-credit": "", "portrait-permission": "y",
            **fields}
    return {**profile_form(**{k: v for k, v in form.items() if not k.startswith("portrait-")}),
            **{k: v for k, v in form.items() if k.startswith("portrait-")},
            "portrait-photo": (io.BytesIO(data), filename)}


def _photos(app, model):
    with app.app_context():
        return list(db.session.scalars(select(Photo).where(
            (Photo.profile_id if model is Profile else Photo.story_id).is_not(None)).order_by(Photo.position)))


def test_a_new_profile_brings_its_portrait_through_the_pipeline(app, member, post):
    response = post("/my/profiles/new", _with_portrait(_jpeg_with_exif(), **{"portrait-credit": "Arta Berisha"}),
                    content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    [photo] = _photos(app, Profile)
    assert (photo.alt_text, photo.credit, photo.permission) == ("Drita in her laboratory", "Arta Berisha",
                                                               PhotoPermission.PERMISSION)
    assert [variant["width"] for variant in photo.variants] == [320, 500]
    with app.app_context(), get_storage().open(photo.original_path) as stream:
        assert not Image.open(stream).getexif()


def test_a_chosen_file_with_missing_details_is_named_and_must_be_chosen_again(app, member, post):
    data = _with_portrait(image_bytes(), "my photo.jpg", **{"portrait-alt_text": "", "portrait-permission": ""})
    response = post("/my/profiles/new", data, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="portrait-alt_text-error"' in page and 'id="portrait-permission-error"' in page
    assert "You chose “my photo.jpg”" in page and "please choose it again" in page
    assert 'aria-describedby="portrait-photo-hint portrait-photo-again"' in page
    assert 'value="Drita Krasniqi"' in page and 'enctype="multipart/form-data"' in page
    with app.app_context():
        assert db.session.scalars(select(Profile)).all() == []


def test_a_file_that_is_no_photo_is_refused_next_to_its_field_and_nothing_is_kept(app, member, post):
    response = post("/my/profiles/new", _with_portrait(b"%PDF-1.4 not an image", "cv.pdf"),
                    content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="portrait-photo-error"' in page and "not a photo we can use" in page
    assert "You chose “cv.pdf”" in page and 'value="Cardiologist in Zurich"' in page
    with app.app_context():
        assert db.session.scalars(select(Profile)).all() == []
    assert stored_files(app) == []


def test_a_profile_with_a_portrait_offers_to_replace_it(app, member, post, client):
    post("/my/profiles/new", _with_portrait(image_bytes(color="#ff0000")), content_type="multipart/form-data")
    with app.app_context():
        profile_id = db.session.scalars(select(Profile.id)).one()
    form = client.get(f"/my/profiles/{profile_id}/edit").get_data(as_text=True)
    assert '<label for="portrait-photo">Replace portrait</label>' in form and "Portrait (optional)" not in form
    assert "Replace portrait" in client.get("/my/submissions").get_data(as_text=True)
    manage = client.get(f"/photos/profile/{profile_id}").get_data(as_text=True)
    assert 'name="replace" value="y"' in manage and "Upload a portrait" not in manage
    [first] = _photos(app, Profile)
    response = post(f"/my/profiles/{profile_id}/edit", _with_portrait(image_bytes(color="#00ff00")),
                    content_type="multipart/form-data")
    assert response.status_code == 302
    [second] = _photos(app, Profile)
    assert second.content_hash != first.content_hash


def test_a_profile_without_a_portrait_offers_to_add_one(member, make_profile, client):
    profile = make_profile(member)
    form = client.get(f"/my/profiles/{profile.id}/edit").get_data(as_text=True)
    assert "Portrait (optional)" in form and "Replace portrait" not in form
    assert "Add a portrait" in client.get("/my/submissions").get_data(as_text=True)


def _story_photos(own_profile_id: int, *files, **fields) -> dict:
    data = story_form([own_profile_id], **fields)
    for slot, (content, name, alt) in enumerate(files):
        data.update({f"photos-{slot}-photo": (io.BytesIO(content), name), f"photos-{slot}-alt_text": alt,
                     f"photos-{slot}-permission": "y"})
    return data


def test_a_story_brings_two_photos_in_order(app, member, make_profile, post):
    own = make_profile(member)
    response = post("/my/stories/new", _story_photos(own.id, (image_bytes(color="#111111"), "a.jpg", "First"),
                                                     (image_bytes(color="#222222"), "b.png", "Second")),
                    content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    assert [photo.alt_text for photo in _photos(app, Story)] == ["First", "Second"]


def test_a_bad_story_photo_is_named_in_its_own_slot(app, member, make_profile, post):
    own = make_profile(member)
    response = post("/my/stories/new", _story_photos(own.id, (image_bytes(), "a.jpg", "Fine"),
                                                     (b"GIF89a broken", "b.gif", "Broken")),
                    content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="photos-1-photo-error"' in page and 'id="photos-0-photo-error"' not in page
    assert "You chose “a.jpg”" in page and "You chose “b.gif”" in page
    assert 'value="A prize for heart research"' in page
    with app.app_context():
        assert db.session.scalars(select(Story)).all() == []


def test_a_full_story_offers_no_more_photo_fields(app, member, make_profile, make_story, client, attach_photo):
    story = make_story(member, profiles=[make_profile(member)])
    for color in ("#100000", "#200000", "#300000", "#400000", "#500000", "#600000"):
        attach_photo(Story, story.slug, color=color)
    page = client.get(f"/my/stories/{story.id}/edit").get_data(as_text=True)
    assert 'name="photos-0-photo"' not in page and "as many photos as it can have" in page
