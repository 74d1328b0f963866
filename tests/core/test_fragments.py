"""Rendered cards are reused across requests and listings, and never outlive what they show."""
from __future__ import annotations

import pytest
from sqlalchemy import update

from kd import db
from kd.content.states import ModerationState
from kd.core.fragments import EXTENSION, Fragments
from kd.stories.models import Story


@pytest.fixture
def content_defaults():
    return {"state": ModerationState.APPROVED, "story_source": False, "announce": False}


@pytest.fixture
def app_overrides():
    return {"PAGE_CACHE_SECONDS": 0}  # every request renders its page: only the card cache is under test


def cards_cached(app) -> int:
    return len(app.extensions[EXTENSION])


def test_a_hit_does_not_render_again():
    fragments, renders = Fragments(10), []

    def render():
        renders.append(1)
        return "<li>card</li>"

    assert fragments.fetch(("story", 1), render) == fragments.fetch(("story", 1), render) == "<li>card</li>"
    assert len(renders) == 1
    fragments.fetch(("story", 2), render)
    assert len(renders) == 2


def test_the_least_recently_used_card_leaves_first():
    fragments = Fragments(2)
    for key in ("a", "b", "a", "c"):
        fragments.fetch(key, lambda key=key: key)
    assert fragments.fetch("a", lambda: "rendered again") == "a"
    assert fragments.fetch("b", lambda: "rendered again") == "rendered again"


def test_listings_reuse_the_cards_of_earlier_requests(app, client, make_story):
    for number in range(3):
        make_story(title=f"Violinist number {number}", field="music")
    first = client.get("/stories").get_data(as_text=True)
    cached = cards_cached(app)
    assert cached >= 3
    assert client.get("/stories").get_data(as_text=True) == first
    assert cards_cached(app) == cached


def test_an_edit_shows_at_once(app, client, make_story):
    story = make_story(title="The first title", summary="Old summary")
    assert "The first title" in client.get("/stories").get_data(as_text=True)
    with app.app_context(), db.transaction():  # not through the ORM: the key is the shown values, not a stamp
        db.session.execute(update(Story).where(Story.id == story.id).values(title="A corrected title"))
    page = client.get("/stories").get_data(as_text=True)
    assert "A corrected title" in page and "The first title" not in page


def test_each_language_gets_its_own_card(client, make_story):
    make_story(title="Concert in Prishtina", field="music", country_code="DE")
    english = client.get("/stories?lang=en").get_data(as_text=True)
    albanian = client.get("/stories?lang=sq").get_data(as_text=True)
    assert "Music" in english and "Germany" in english
    assert "Muzikë" in albanian and "Gjermani" in albanian and "Germany" not in albanian


def test_a_new_photo_shows_on_the_card(app, client, make_story, attach_photo):
    story = make_story(title="Photographed later")
    assert "no-photo" in client.get("/stories").get_data(as_text=True)
    attach_photo(Story, story.slug)
    page = client.get("/stories").get_data(as_text=True)
    assert "no-photo" not in page and "Drita at the award ceremony" in page


@pytest.mark.parametrize("app_overrides", [{"PAGE_CACHE_SECONDS": 0, "CARD_CACHE_ENTRIES": 0}])
def test_the_cache_can_be_turned_off(app, client, make_story):
    make_story(title="Uncached card")
    assert "Uncached card" in client.get("/stories").get_data(as_text=True)
    assert cards_cached(app) == 0


def test_the_navigation_follows_the_language_and_the_script_root(client):
    assert ">Stories</a>" in client.get("/?lang=en").get_data(as_text=True)
    assert ">Historitë</a>" in client.get("/?lang=sq").get_data(as_text=True)
    mounted = client.get("/?lang=en", environ_overrides={"SCRIPT_NAME": "/kd"}).get_data(as_text=True)
    assert 'href="/kd/stories"' in mounted and 'href="/stories"' not in mounted
