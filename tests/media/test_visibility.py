"""Who gets a photo file: visitors only while the content is approved; else owners and editors."""
from __future__ import annotations

import pytest
from flask import render_template_string

from kd import db
from kd.content.states import ModerationState
from kd.media.models import Photo, PhotoPermission
from kd.media.services import PhotoDetails, add_photo
from kd.profiles.models import Profile
from kd.stories.models import Story
from tests.conftest import image_bytes


def _photo_of(app, story, owner, **details) -> Photo:
    with app.app_context():
        with db.transaction():
            photo = add_photo(db.session.get(Story, story.id), image_bytes("JPEG", (900, 600)), "p.jpg",
                              PhotoDetails(alt_text="Alt words", **details), db.session.get(type(owner), owner.id))
        db.session.expunge(photo)
    return photo


@pytest.mark.parametrize("state", list(ModerationState))
@pytest.mark.parametrize("who", ["anonymous", "other", "owner", "editor"])
def test_photo_files_follow_the_content_state(app, client, login, make_user, owner, editor, make_story, state, who):
    story = make_story(submitted_by=owner, state=state)
    photo = _photo_of(app, story, editor)  # an editor's upload needs no review of its own
    if who != "anonymous":
        login({"other": make_user(), "owner": owner, "editor": editor}[who])
    response = client.get(f"/media/{photo.variants[0]['webp']}")
    if state is ModerationState.APPROVED:
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=3600, must-revalidate"
        assert response.mimetype == "image/webp"
        again = client.get(f"/media/{photo.variants[0]['webp']}", headers={"If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304
    elif who in ("owner", "editor"):
        assert response.status_code == 200
        assert response.headers["Cache-Control"].startswith("private")
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("state, anonymous_status", [(ModerationState.APPROVED, 200), (ModerationState.SUBMITTED, 404)])
def test_a_profile_portrait_follows_the_profile_state(app, client, login, owner, editor, make_profile, state,
                                                      anonymous_status):
    profile = make_profile(submitted_by=owner, state=state)
    with app.app_context():
        with db.transaction():
            photo = add_photo(db.session.get(Profile, profile.id), image_bytes("PNG", (300, 400)), "me.png",
                              PhotoDetails(alt_text="Portrait"), db.session.get(type(editor), editor.id))
        name = photo.variants[0]["jpeg"]
    assert client.get(f"/media/{name}").status_code == anonymous_status
    login(owner)
    assert client.get(f"/media/{name}").status_code == 200


def test_the_private_original_is_never_served(app, client, owner, make_story):
    story = make_story(submitted_by=owner, state=ModerationState.APPROVED)
    photo = _photo_of(app, story, owner)
    name = photo.original_path.removeprefix("private/")
    for path in (f"/media/{name}", f"/media/..%2Fprivate%2F{name}", "/media/../private/" + name,
                 f"/media/{photo.content_hash}-99.webp", "/media/nothing.webp"):
        assert client.get(path).status_code == 404, path


def test_an_approved_photo_is_answered_with_a_304_when_unchanged(app, client, owner, editor, make_story):
    story = make_story(submitted_by=owner, state=ModerationState.APPROVED)
    photo = _photo_of(app, story, editor)
    url = f"/media/{photo.variants[0]['jpeg']}"
    etag = client.get(url).headers["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_the_gallery_renders_responsive_pictures_with_captions(app, owner, editor, make_story):
    story = make_story(submitted_by=owner, state=ModerationState.APPROVED)
    _photo_of(app, story, editor, caption="On stage <script>", credit="Arta B.", permission=PhotoPermission.LICENCE,
              licence="CC BY 4.0")
    with app.test_request_context():
        html = render_template_string('{% include "media/_gallery.html" ignore missing %}',
                                      subject=db.session.get(Story, story.id))
    assert '<source type="image/webp" srcset="' in html and " 320w, " in html and " 900w" in html
    assert 'width="900" height="600" alt="Alt words"' in html
    assert "On stage &lt;script&gt;" in html and "Photo: Arta B. (CC BY 4.0)" in html
    assert 'sizes="(min-width: 60rem) 58rem, 100vw"' in html


def test_the_gallery_is_empty_without_photos(app, owner, make_story):
    story = make_story(submitted_by=owner)
    with app.test_request_context():
        html = render_template_string('{% include "media/_gallery.html" %}', subject=db.session.get(Story, story.id))
    assert html.strip() == ""
