"""Every state has a next step: the editor's message on the edit form, what a rejected item can still do."""
from __future__ import annotations

from datetime import timedelta

import pytest

from kd import db
from kd.content.models import Revision, RevisionState
from kd.content.states import ModerationState as S
from kd.db import utcnow

MESSAGE = "Please add a source for the prize <script>alert(1)</script>"


@pytest.fixture
def member(make_user, login):
    user = make_user()
    login(user)
    return user


def _rejected_revision(app, profile, message: str, minutes_ago: int = 0) -> None:
    with app.app_context(), db.transaction():
        db.session.add(Revision(subject_type="profile", subject_id=profile.id, data={"name": "Other"},
                                submitted_by_id=profile.submitted_by_id, state=RevisionState.REJECTED,
                                message=message, reviewed_at=utcnow() - timedelta(minutes=minutes_ago)))


@pytest.mark.parametrize("kind", ["profile", "story"])
def test_the_edit_form_shows_the_editors_request_escaped(member, make_profile, make_story, client, kind):
    profile = make_profile(member, state=S.CHANGES_REQUESTED, moderation_message=MESSAGE, reviewed_at=utcnow())
    subject = profile if kind == "profile" else make_story(member, state=S.CHANGES_REQUESTED, profiles=[profile],
                                                          moderation_message=MESSAGE, reviewed_at=utcnow())
    folder = "profiles" if kind == "profile" else "stories"
    page = client.get(f"/my/{folder}/{subject.id}/edit").get_data(as_text=True)
    assert "The editor&#39;s latest message" in page or "The editor's latest message" in page
    assert "Please add a source for the prize &lt;script&gt;" in page and "<script>alert(1)" not in page
    assert "submit it for review again" in page


def test_a_draft_without_a_message_shows_no_editor_box(member, make_profile, client):
    profile = make_profile(member)
    assert "editor-note" not in client.get(f"/my/profiles/{profile.id}/edit").get_data(as_text=True)


def test_rejected_changes_of_a_published_profile_can_be_revised(app, member, make_profile, client):
    profile = make_profile(member, state=S.APPROVED, moderation_message="", reviewed_at=utcnow())
    _rejected_revision(app, profile, "An old note", minutes_ago=60)
    _rejected_revision(app, profile, "The new photo caption is wrong")
    form = client.get(f"/my/profiles/{profile.id}/edit").get_data(as_text=True)
    assert "The new photo caption is wrong" in form and "An old note" not in form
    assert "Your proposed changes were not accepted" in form
    listing = client.get("/my/submissions").get_data(as_text=True)
    assert "Editor&#39;s message about your changes:" in listing or "Editor's message about your changes:" in listing
    assert f'href="/my/profiles/{profile.id}/edit">Revise {profile.name}' in listing


def test_a_rejected_profile_says_it_cannot_be_revised_and_where_to_turn(member, make_profile, client):
    profile = make_profile(member, state=S.REJECTED, moderation_message="Not about the diaspora.",
                           reviewed_at=utcnow())
    listing = client.get("/my/submissions").get_data(as_text=True)
    assert "Not about the diaspora." in listing
    assert "Rejected items cannot be revised or submitted again." in listing and 'href="/contact"' in listing
    assert f"/my/profiles/{profile.id}/edit" not in listing
    refused = client.get(f"/my/profiles/{profile.id}/edit")
    assert refused.status_code == 400
    assert "cannot be changed or submitted again" in refused.get_data(as_text=True)


def test_a_story_sent_back_offers_its_revision_on_my_submissions(member, make_profile, make_story, client):
    story = make_story(member, state=S.CHANGES_REQUESTED, profiles=[make_profile(member)],
                       moderation_message="Which year?", reviewed_at=utcnow())
    listing = client.get("/my/submissions").get_data(as_text=True)
    assert "Which year?" in listing and "You can revise it and submit it again." in listing
    assert f'href="/my/stories/{story.id}/edit">Revise {story.title}' in listing


def test_a_rejected_story_cannot_be_opened_for_editing(member, make_profile, make_story, client):
    story = make_story(member, state=S.REJECTED, profiles=[make_profile(member)], moderation_message="No.")
    response = client.get(f"/my/stories/{story.id}/edit")
    assert response.status_code == 400 and "An editor rejected this story" in response.get_data(as_text=True)
