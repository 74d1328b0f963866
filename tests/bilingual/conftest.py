"""Translations' tests: an editor, a translator, a member, published content, the translation form."""
from __future__ import annotations

import pytest

from kd.accounts.models import Role
from kd.bilingual.models import GrantState, TranslatorGrant
from kd.content.states import ModerationState
from tests.conftest import stored


@pytest.fixture
def content_defaults() -> dict:
    return {"state": ModerationState.APPROVED, "story_source": False, "announce": True}


@pytest.fixture
def editor(make_user):
    return make_user(role=Role.EDITOR, display_name="Editor Ema", locale="en")


@pytest.fixture
def member(make_user):
    return make_user(display_name="Member Mira", locale="en")


@pytest.fixture
def translator(app, make_user):
    user = make_user(display_name="Teuta Translator", locale="en")
    stored(app, lambda: TranslatorGrant(user_id=user.id, state=GrantState.GRANTED))
    return user


@pytest.fixture
def albanian_story(make_story, member):
    return make_story(submitted_by=member, language="sq", title="Mjekja nga Gjakova", summary="Një çmim i madh.",
                      body="Ajo fitoi çmimin për kërkime në zemër.", field="medicine")


@pytest.fixture
def translate(post):
    """Send a translation of a story into English through the form."""
    def send(story, data=None, action="submit", language="en", kind="story"):
        fields = data if data is not None else {"title": "The doctor from Gjakova", "summary": "A great prize.",
                                                "body": "She won the prize for research on the heart."}
        return post(f"/translate/{kind}/{story.id}/{language}", {**fields, "action": action})
    return send
