"""The index pages (/from, /fields), the /stories and /people listings and the header on every page."""
from __future__ import annotations

import re

from kd.content.states import ModerationState
from kd.core.places import MUNICIPALITIES
from kd.profiles.models import ProfileKind


def test_places_index_lists_all_municipalities_with_counts_in_both_languages(client, make_profile, make_story):
    make_profile(name="Doctor From Gjakova", municipality="gjakova")
    make_story(title="A Gjakova story", municipality="gjakova")
    make_story(title="Pending Gjakova story", municipality="gjakova", state=ModerationState.SUBMITTED)
    page = client.get("/from").get_data(as_text=True)
    assert len(MUNICIPALITIES) == 38
    assert all(f'href="/from/{m.code}"' in page for m in MUNICIPALITIES)
    assert re.search(r'href="/from/gjakova">Gjakova</a> <span class="count">\(2\)</span>', page)
    client.set_cookie("kd_lang", "sq", domain="kd.test")
    assert "Gjakovë" in client.get("/from").get_data(as_text=True)


def test_fields_index_lists_every_field_with_counts(client, make_profile):
    make_profile(name="Doctor", field="medicine")
    page = client.get("/fields").get_data(as_text=True)
    assert 'href="/fields/sport"' in page
    assert re.search(r'href="/fields/medicine">Medicine and health</a> <span class="count">\(1\)</span>', page)


def test_stories_listing_is_newest_first_approved_only_and_filters(client, make_story):
    make_story(title="Older story", field="sport")
    make_story(title="Newer story", field="music")
    make_story(title="Pending story", state=ModerationState.SUBMITTED)
    page = client.get("/stories").get_data(as_text=True)
    assert page.index("Newer story") < page.index("Older story") and "Pending story" not in page
    filtered = client.get("/stories?field=sport").get_data(as_text=True)
    assert "Older story" in filtered and "Newer story" not in filtered
    assert client.get("/stories?field=astrology").status_code == 404


def test_stories_listing_paginates(client, make_story):
    for number in range(13):
        make_story(title=f"Story number {number}")
    first = client.get("/stories").get_data(as_text=True)
    assert "Page 1 of 2" in first and 'href="/stories?page=2"' in first
    assert client.get("/stories?page=3").status_code == 404


def test_people_listing_includes_organisations_and_filters_by_kind_and_tag(client, make_profile):
    make_profile(name="A Person", tags=("Jazz",))
    make_profile(name="An Organisation", kind=ProfileKind.ORGANISATION)
    make_profile(name="Hidden Person", state=ModerationState.REJECTED)
    page = client.get("/people").get_data(as_text=True)
    assert "A Person" in page and "An Organisation" in page and "Hidden Person" not in page
    organisations = client.get("/people?kind=organisation").get_data(as_text=True)
    assert "An Organisation" in organisations and "A Person" not in organisations
    tagged = client.get("/people?tag=jazz").get_data(as_text=True)
    assert "A Person" in tagged and "An Organisation" not in tagged


def test_every_page_has_search_box_nav_links_and_site_feed(client):
    page = client.get("/about").get_data(as_text=True)
    assert re.search(r'<form class="header-search" role="search" method="get" action="/search">', page)
    assert '<label for="header-q"' in page and 'name="q"' in page
    for href in ("/stories", "/people", "/tags", "/from", "/actions"):
        assert f'href="{href}"' in page
    assert 'rel="alternate" type="application/atom+xml"' in page and 'href="/feeds/stories.atom"' in page


def test_tag_and_country_pages_link_their_own_feed(client, make_story):
    make_story(title="Jazz story", tags=("Jazz",), country_code="DE")
    assert 'href="/feeds/tags/jazz.atom"' in client.get("/tags/jazz").get_data(as_text=True)
    assert 'href="/feeds/countries/de.atom"' in client.get("/diaspora/de").get_data(as_text=True)


def test_header_is_translated_to_albanian(client):
    client.set_cookie("kd_lang", "sq", domain="kd.test")
    page = client.get("/about").get_data(as_text=True)
    assert ">People and organisations<" not in page and ">Places<" not in page
