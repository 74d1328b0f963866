"""The photo page: limits, the portrait replacement, editing, ordering, deleting, and who may do it."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from kd import db
from kd.audit.models import AuditEntry
from kd.content.states import ModerationState
from tests.conftest import image_bytes
from tests.media.conftest import stored_files


def _colour(number: int) -> str:
    return f"#{number * 30:02x}{255 - number * 30:02x}80"


def test_a_story_takes_at_most_six_photos(app, login, owner, make_story, upload, photos):
    story = make_story(submitted_by=owner)
    login(owner)
    for number in range(6):
        assert upload(story, image_bytes("JPEG", (200, 100), _colour(number))).status_code == 302
    response = upload(story, image_bytes("JPEG", (200, 100), "#ffffff"), caption="The seventh")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "at most 6 photos" in page and 'value="The seventh"' in page
    assert [photo.position for photo in photos(story)] == [0, 1, 2, 3, 4, 5]


def test_a_second_portrait_replaces_the_first_only_when_asked(app, login, owner, make_profile, upload, photos):
    profile = make_profile(submitted_by=owner)
    login(owner)
    assert upload(profile, image_bytes("JPEG", (300, 300), "#244aa5")).status_code == 302
    [first] = photos(profile)
    refused = upload(profile, image_bytes("JPEG", (300, 300), "#d0a650"))
    assert refused.status_code == 400 and "already has a portrait" in refused.get_data(as_text=True)
    assert upload(profile, image_bytes("JPEG", (300, 300), "#d0a650"), replace="y").status_code == 302
    [second] = photos(profile)
    assert second.content_hash != first.content_hash
    assert not any(path.name.startswith(first.content_hash) for path in stored_files(app))


def test_required_fields_come_back_with_errors_and_typed_values(login, owner, make_story, upload, photos):
    story = make_story(submitted_by=owner)
    login(owner)
    response = upload(story, image_bytes(), alt_text="", caption="Typed caption <b>bold</b>", permission="licence",
                      credit="", licence="")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This field is required." in page and "Name the licence" in page
    assert "Name the photographer" in page
    assert 'value="Typed caption &lt;b&gt;bold&lt;/b&gt;"' in page
    assert 'aria-describedby="alt_text-hint alt_text-error"' in page
    assert photos(story) == []


def test_a_missing_file_or_an_unknown_permission_is_a_400(login, owner, make_story, post, upload):
    story = make_story(submitted_by=owner)
    login(owner)
    response = post(f"/photos/story/{story.id}", {"alt_text": "x", "permission": "own"},
                    content_type="multipart/form-data")
    assert response.status_code == 400 and "Choose a photo to upload." in response.get_data(as_text=True)
    response = upload(story, image_bytes(), permission="stolen")
    assert response.status_code == 400 and "Choose one of the options." in response.get_data(as_text=True)


def test_details_are_edited_and_audited(app, login, owner, make_story, upload, photos, post):
    story = make_story(submitted_by=owner)
    login(owner)
    upload(story, image_bytes())
    [photo] = photos(story)
    prefix = f"photo{photo.id}-"
    response = post(f"/photos/{photo.id}/edit", {prefix + "alt_text": "", prefix + "caption": "Kept",
                                                  prefix + "permission": "own"})
    assert response.status_code == 400 and 'value="Kept"' in response.get_data(as_text=True)
    response = post(f"/photos/{photo.id}/edit", {prefix + "alt_text": "New alt", prefix + "caption": "New caption",
                                                  prefix + "credit": "Studio X", prefix + "permission": "licence",
                                                  prefix + "licence": "CC BY 4.0"})
    assert response.status_code == 302
    [edited] = photos(story)
    assert (edited.alt_text, edited.caption, edited.licence, edited.permission.value) == (
        "New alt", "New caption", "CC BY 4.0", "licence")
    with app.app_context():
        actions = list(db.session.scalars(select(AuditEntry.action).where(AuditEntry.subject_type == "photos")))
    assert actions == ["photo.added", "photo.updated"]


def test_photos_are_reordered_and_deleted(app, login, owner, make_story, upload, photos, post):
    story = make_story(submitted_by=owner)
    login(owner)
    for number in range(3):
        upload(story, image_bytes("JPEG", (120, 80), _colour(number)), alt_text=f"Photo {number}")
    first, second, third = photos(story)
    assert post(f"/photos/{third.id}/move", {"direction": "up"}).status_code == 302
    assert [photo.alt_text for photo in photos(story)] == ["Photo 0", "Photo 2", "Photo 1"]
    assert post(f"/photos/{first.id}/move", {"direction": "up"}).status_code == 302
    assert post(f"/photos/{first.id}/move", {"direction": "sideways"}).status_code == 400
    assert post(f"/photos/{first.id}/delete").status_code == 302
    assert [(photo.alt_text, photo.position) for photo in photos(story)] == [("Photo 2", 0), ("Photo 1", 1)]
    assert not any(path.name.startswith(first.content_hash) for path in stored_files(app))


def test_the_same_image_twice_shares_files_until_the_last_is_deleted(app, login, owner, make_story, upload,
                                                                      photos, post):
    story = make_story(submitted_by=owner)
    login(owner)
    upload(story, image_bytes())
    upload(story, image_bytes())
    first, second = photos(story)
    assert first.content_hash == second.content_hash
    post(f"/photos/{first.id}/delete")
    assert len(stored_files(app)) == 1 + 2 * len(second.variants)
    post(f"/photos/{second.id}/delete")
    assert stored_files(app) == []


@pytest.mark.parametrize("who", ["other", "anonymous"])
def test_only_owners_and_editors_reach_the_photo_page(client, login, owner, make_user, make_profile, editor, who):
    profile = make_profile(submitted_by=owner, state=ModerationState.APPROVED)
    if who == "other":
        login(make_user())
    response = client.get(f"/photos/profile/{profile.id}")
    assert response.status_code == (404 if who == "other" else 302)
    assert client.get("/photos/profile/999999").status_code in (302, 404)


def test_the_claimed_owner_and_editors_manage_a_profile_portrait(client, login, owner, make_user, make_profile,
                                                                  editor):
    claimant = make_user()
    profile = make_profile(submitted_by=owner, owner_id=claimant.id)
    login(claimant)
    page = client.get(f"/photos/profile/{profile.id}")
    assert page.status_code == 200 and "Upload a portrait" in page.get_data(as_text=True)
    login(editor)
    assert client.get(f"/photos/profile/{profile.id}").status_code == 200


def test_the_manage_page_lists_photos_with_their_forms(client, login, owner, make_story, upload):
    story = make_story(submitted_by=owner)
    login(owner)
    upload(story, image_bytes(), alt_text="A clear description")
    page = client.get(f"/photos/story/{story.id}").get_data(as_text=True)
    assert 'alt="A clear description"' in page and "Move earlier" not in page and "Delete this photo" in page
    assert '<script src="/static/js/photo-preview.js" defer>' in page and "<script>" not in page
    assert re.search(r'<input checked id="photo\d+-permission-0" name="photo\d+-permission"', page)
