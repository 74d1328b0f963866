"""Nothing that visitors cannot see is findable or suggested: not the name of a draft or withdrawn profile linked
to an approved story, not the words of a withdrawn story, not a tag found only on unapproved content."""
from __future__ import annotations

from kd import db
from kd.content import changes
from kd.content.states import ModerationState as S
from kd.profiles.models import Profile
from kd.stories.models import Story
from tests.search.conftest import keys


def _withdraw(app, profile) -> None:
    with app.app_context(), db.transaction():
        row = db.session.get(Profile, profile.id)
        row.state = S.WITHDRAWN
        changes.removed(row)


def test_a_draft_profile_linked_to_an_approved_story_is_neither_found_nor_suggested(make_profile, make_story, find):
    draft = make_profile(name="Zorbavelli Hidden", state=S.DRAFT)
    make_story(title="A public story", profiles=(draft,))
    assert not keys(find("Zorbavelli"))
    assert find("Zorbaveli").suggestion is None


def test_withdrawing_a_profile_takes_its_name_off_the_stories_that_name_it(app, make_profile, make_story, find):
    profile = make_profile(name="Quintarelo Public")
    story = make_story(title="A story naming someone", profiles=(profile,))
    assert keys(find("Quintarelo")) == {f"profiles:{profile.id}", f"stories:{story.id}"}
    _withdraw(app, profile)
    assert not keys(find("Quintarelo"))
    assert find("Quintarello").suggestion is None


def test_words_of_a_story_withdrawn_after_publication_are_not_suggested(app, make_story, find):
    story = make_story(title="Grumbeshtiva")
    with app.app_context(), db.transaction():
        row = db.session.get(Story, story.id)
        row.state = S.WITHDRAWN
        changes.removed(row)
    assert not keys(find("Grumbeshtiva"))
    assert find("Grumbeshtiwa").suggestion is None


def test_a_tag_only_on_unapproved_content_has_no_page_or_feed(client, make_profile, make_story):
    make_story(title="Draft with a tag", state=S.SUBMITTED, tags=("Sekretiqo",))
    make_profile(name="Draft person", state=S.DRAFT, tags=("Sekretiqo",))
    make_story(title="Public with a tag", tags=("Hapurtiqo",))
    assert client.get("/tags/sekretiqo").status_code == 404
    assert client.get("/feeds/tags/sekretiqo.atom").status_code == 404
    assert client.get("/tags/hapurtiqo").status_code == 200
    assert client.get("/feeds/tags/hapurtiqo.atom").status_code == 200
