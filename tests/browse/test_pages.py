"""Tag, country, field and municipality pages, the map and the home page: approved content only."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from kd import db
from kd.content import changes
from kd.content.states import ModerationState
from kd.profiles.models import Profile, profile_tags
from kd.stories.models import Story, story_tags


def test_tag_page_lists_approved_stories_newest_first_and_profiles(client, make_story, make_profile):
    make_story(title="Older jazz story", tags=("Jazz",))
    make_story(title="Newer jazz story", tags=("Jazz",))
    make_story(title="Pending jazz story", tags=("Jazz",), state=ModerationState.SUBMITTED)
    make_profile(name="Jazz Player", tags=("Jazz",))
    make_profile(name="Hidden Player", tags=("Jazz",), state=ModerationState.REJECTED)
    page = client.get("/tags/jazz").get_data(as_text=True)
    assert page.index("Newer jazz story") < page.index("Older jazz story")
    assert "Pending" not in page and "Hidden Player" not in page and "Jazz Player" in page
    assert "<title>Jazz: people and stories · KD</title>" in page
    assert 'name="description" content="Kosovo diaspora stories and profiles about Jazz."' in page


@pytest.mark.parametrize("model", [Story, Profile])
def test_tag_links_carry_the_publication_date_and_lose_it_when_unpublished(app, client, make_story, make_profile,
                                                                          model):
    made = (make_story if model is Story else make_profile)("Dated One", tags=("Film",))
    links = story_tags if model is Story else profile_tags
    with app.app_context():
        assert db.session.scalar(select(links.c.published_at)) is not None
        with db.transaction():
            row = db.session.get(model, made.id)
            row.state = ModerationState.UNPUBLISHED
            changes.removed(row)
        assert db.session.scalar(select(links.c.published_at)) is None
    assert "Dated One" not in client.get("/tags/film").get_data(as_text=True)


def test_tag_page_lists_profiles_newest_first_across_pages(app, client, make_profile):
    from kd.browse.queries import PER_PAGE

    for number in range(PER_PAGE + 2):
        make_profile(name=f"Player {number:02d}", tags=("Rock",))
    first, second = (client.get(f"/tags/rock?page={page}").get_data(as_text=True) for page in (1, 2))
    assert first.index(f"Player {PER_PAGE + 1:02d}") < first.index(f"Player {PER_PAGE:02d}")
    assert "Player 00" in second and "Player 01" in second and "Player 00" not in first


def test_unpublished_story_leaves_the_tag_page(app, client, make_story):
    story = make_story(title="Soon gone", tags=("Film",))
    with app.app_context(), db.transaction():
        row = db.session.get(Story, story.id)
        row.state = ModerationState.UNPUBLISHED
        changes.removed(row)
    assert "Soon gone" not in client.get("/tags/film").get_data(as_text=True)


def test_tag_pages_paginate(client, make_story):
    for number in range(15):
        make_story(title=f"Robotics story {number:02d}", tags=("Robotics",))
    first = client.get("/tags/robotics").get_data(as_text=True)
    second = client.get("/tags/robotics?page=2").get_data(as_text=True)
    assert "Robotics story 14" in first and "Robotics story 02" not in first
    assert "Robotics story 02" in second and "Page 2 of 2" in second
    assert client.get("/tags/robotics?page=3").status_code == 404
    assert client.get("/tags/robotics?page=x").status_code == 400


def test_tag_index_counts_approved_content(client, make_story, make_profile):
    make_story(title="One", tags=("Science",))
    make_profile(name="Two", tags=("Science",))
    make_story(title="Three", tags=("Science",), state=ModerationState.SUBMITTED)
    assert "Science <span class=\"count\">(2)</span>" in client.get("/tags").get_data(as_text=True)


def test_country_page_in_both_languages(client, make_profile, make_story):
    make_profile(name="Berlin Based", country_code="DE")
    make_profile(name="Pending Person", country_code="DE", state=ModerationState.SUBMITTED)
    make_story(title="A Munich story", country_code="DE")
    page = client.get("/diaspora/de").get_data(as_text=True)
    assert "<h1>Kosovars in Germany</h1>" in page and "Berlin Based" in page and "A Munich story" in page
    assert "Pending Person" not in page
    client.set_cookie("kd_lang", "sq", domain="kd.test")
    assert "Gjermani" in client.get("/diaspora/de").get_data(as_text=True)
    assert client.get("/diaspora/DE").status_code == 301


def test_field_and_municipality_pages(client, make_profile, make_story):
    make_profile(name="Doctor From Gjakova", field="medicine", municipality="gjakova")
    make_story(title="Other field", field="sport", municipality="peja")
    field_page = client.get("/fields/medicine").get_data(as_text=True)
    assert "Doctor From Gjakova" in field_page and "Other field" not in field_page
    place_page = client.get("/from/gjakova").get_data(as_text=True)
    assert "<h1>From Gjakova</h1>" in place_page and "Doctor From Gjakova" in place_page


@pytest.mark.parametrize("path", ["/tags/no-such-tag", "/tags/%C3%A7", "/diaspora/zz", "/diaspora/xx",
                                  "/fields/astrology", "/from/atlantis"])
def test_unknown_codes_are_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/tags/%00", "/diaspora/%00", "/from/%00", "/fields/%00", "/search?q=%00&tag=%00"])
def test_nul_bytes_are_refused_not_500(client, path):
    assert client.get(path).status_code in (400, 404)


def _map_file(client, page: str):
    address = re.search(r'(?:src)="(/diaspora/map\.svg\?[^"]+)"', page).group(1).replace("&amp;", "&")
    return client.get(address)


def test_diaspora_map_shades_and_links_countries_with_a_table(client, make_profile):
    for _ in range(3):
        make_profile(name="In Germany", country_code="DE")
    make_profile(name="In Kosovo", country_code="XK")
    make_profile(name="Not yet", country_code="FR", state=ModerationState.SUBMITTED)
    page = client.get("/diaspora").get_data(as_text=True)
    assert '<iframe class="map-frame" src="/diaspora/map.svg?' in page
    assert '<th scope="row"><a href="/diaspora/de">Germany</a></th><td>3</td>' in page
    svg = _map_file(client, page)
    assert svg.content_type.startswith("image/svg+xml")
    drawing = svg.get_data(as_text=True)
    assert 'href="/diaspora/de" target="_top" aria-label="Germany: 3 profiles"' in drawing
    assert 'class="s5"' in drawing and "/diaspora/fr" not in drawing


def test_europe_inset_shows_kosovo_as_a_link(client, make_profile):
    make_profile(name="In Kosovo", country_code="XK")
    drawing = _map_file(client, client.get("/diaspora").get_data(as_text=True)).get_data(as_text=True)
    inset = drawing[drawing.index('<g role="group" aria-labelledby="inset-title">'):]
    assert '<a href="/diaspora/xk" target="_top" aria-label="Kosovo: 1 profile"><use href="#c-XK">' in inset
    world = drawing[:drawing.index(inset)]
    assert 'id="c-XK"' in world and 'id="c-XK"' not in inset


def test_map_file_is_cached_and_its_address_follows_the_counts(client, make_profile):
    make_profile(name="In Sweden", country_code="SE")
    home = client.get("/").get_data(as_text=True)
    assert '<img class="map-image" src="/diaspora/map.svg?' in home and 'href="/diaspora/se"' in home
    first = _map_file(client, home)
    assert "max-age" in first.headers["Cache-Control"] and first.headers["ETag"]
    assert "script-src" not in first.headers["Content-Security-Policy"]
    make_profile(name="Also in Sweden", country_code="SE")
    assert _map_file(client, client.get("/").get_data(as_text=True)).request.url != first.request.url


def test_home_page_shows_latest_stories_map_and_top_tags(client, make_story, make_profile):
    make_story(title="Home story", tags=("Football",))
    make_profile(name="Home person", country_code="SE")
    page = client.get("/").get_data(as_text=True)
    assert "Home story" in page and "/tags/football" in page and 'href="/diaspora/se"' in page
