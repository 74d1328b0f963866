"""Photos a member adds to published content wait for an editor; drafts' photos are reviewed with them."""
from __future__ import annotations

from sqlalchemy import select

from kd import db
from kd.audit.models import AuditEntry
from kd.content.states import ModerationState
from kd.media.models import Photo
from tests.conftest import image_bytes


def test_a_members_photo_on_a_published_story_waits_for_an_editor(app, client, login, post, owner, editor,
                                                                    make_story, upload, photos):
    story = make_story(submitted_by=owner, state=ModerationState.APPROVED)
    login(owner)
    assert upload(story, image_bytes()).status_code == 302
    [photo] = photos(story)
    assert photo.pending_review
    page = client.get(f"/stories/{story.slug}").get_data(as_text=True)
    assert "Waiting for an editor's review" in page  # the owner sees it, labelled
    assert client.get(f"/media/{photo.variants[0]['jpeg']}").status_code == 200
    post("/account/logout")
    assert client.get(f"/media/{photo.variants[0]['jpeg']}").status_code == 404
    assert photo.variants[0]["jpeg"] not in client.get(f"/stories/{story.slug}").get_data(as_text=True)
    login(editor)
    queue = client.get("/editor/photos").get_data(as_text=True)
    assert story.title in queue and f"/editor/photos/{photo.id}/approve" in queue
    assert "1</strong> photo on published content" in client.get("/editor/").get_data(as_text=True)
    assert post(f"/editor/photos/{photo.id}/approve").status_code == 302
    post("/account/logout")
    assert client.get(f"/media/{photo.variants[0]['jpeg']}").status_code == 200
    assert photo.variants[0]["jpeg"] in client.get(f"/stories/{story.slug}").get_data(as_text=True)


def test_removing_needs_a_reason_and_deletes_the_photo(app, client, login, post, owner, editor, make_story,
                                                         upload, photos):
    story = make_story(submitted_by=owner, state=ModerationState.APPROVED)
    login(owner)
    upload(story, image_bytes())
    [photo] = photos(story)
    login(editor)
    refused = post(f"/editor/photos/{photo.id}/reject", {"message": "  "})
    assert refused.status_code == 400 and "Please write a message" in refused.get_data(as_text=True)
    assert post(f"/editor/photos/{photo.id}/reject", {"message": "Not the right person"}).status_code == 302
    assert photos(story) == []
    with app.app_context():
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "photo.rejected")).one()
        assert entry.details["message"] == "Not the right person"
    assert post(f"/editor/photos/{photo.id}/approve").status_code == 404


def test_changed_descriptions_on_published_content_wait_too(app, login, post, owner, make_story, upload, photos):
    story = make_story(submitted_by=owner, state=ModerationState.DRAFT)
    login(owner)
    upload(story, image_bytes())
    [photo] = photos(story)
    assert not photo.pending_review  # reviewed together with the story
    with app.app_context(), db.transaction():
        published = db.session.get(type(story), story.id)
        published.state, published.published_at = ModerationState.APPROVED, db.utcnow()
    prefix = f"photo{photo.id}-"
    response = post(f"/photos/{photo.id}/edit", {prefix + "alt_text": "New words", prefix + "caption": "A new caption",
                                                 prefix + "credit": "", prefix + "permission": "own",
                                                 prefix + "licence": ""})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Photo, photo.id).pending_review


def test_editors_photos_and_members_need_no_review(client, login, make_user, post, editor, make_story, upload,
                                                    photos, owner):
    story = make_story(submitted_by=owner, state=ModerationState.APPROVED)
    login(editor)
    upload(story, image_bytes())
    assert [photo.pending_review for photo in photos(story)] == [False]
    login(make_user())
    assert client.get("/editor/photos").status_code == 403


def test_my_submissions_links_to_the_photo_pages(client, login, owner, make_story, make_profile):
    story = make_story(submitted_by=owner)
    profile = make_profile(submitted_by=owner)
    login(owner)
    page = client.get("/my/submissions").get_data(as_text=True)
    assert f"/photos/story/{story.id}" in page and f"/photos/profile/{profile.id}" in page
