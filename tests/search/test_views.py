"""The /search page: query kept, counts, tabs, facets, snippets, pages, suggestions, and no 500s."""
from __future__ import annotations

import re

import pytest

from kd.profiles.models import ProfileKind


@pytest.fixture
def corpus(make_profile, make_story):
    make_profile(name="Shpresa Gashi", headline="Physician", country_code="DE", field="medicine", tags=("Health",))
    make_profile(name="Gashi Ensemble", kind=ProfileKind.GROUP, country_code="CH", field="music")
    make_story(title="Gashi opens a clinic", body="The physician Shpresa Gashi opened a clinic in Prishtinë.",
               country_code="DE", tags=("Health",))


def test_results_page_shows_count_tabs_facets_and_snippets(client, corpus):
    page = client.get("/search?q=gashi").get_data(as_text=True)
    assert 'value="gashi"' in page
    assert "3 results for “gashi”" in page
    assert "Stories <span class=\"count\">(1)</span>" in page
    assert "Germany</a> <span class=\"count\">(2)</span>" in page
    assert re.search(r'<mark class="match[^"]*">Gashi</mark>', page)
    assert 'href="/people/person-1"' in page and 'href="/stories/story-1"' in page


def test_type_tab_and_filters_are_query_parameters(client, corpus):
    page = client.get("/search?q=gashi&type=groups").get_data(as_text=True)
    assert "1 result for" in page and "Gashi Ensemble" in page and "Shpresa" not in page.split("results-list")[1]
    page = client.get("/search?q=gashi&country=DE&tag=health").get_data(as_text=True)
    assert "2 results for" in page and "Remove filter: Germany" in page


def test_synonyms_work_through_the_page(client, corpus):
    assert "1 result for" in client.get("/search?q=Pristina").get_data(as_text=True)


def test_empty_state_and_did_you_mean(client, corpus):
    page = client.get("/search?q=gashii").get_data(as_text=True)
    assert "Nothing found" in page
    assert "Did you mean" in page and "q=gashi" in page


def test_pagination_links_keep_the_query(client, make_profile):
    for number in range(25):
        make_profile(name=f"Dukagjini {number}")
    page = client.get("/search?q=dukagjini&sort=newest").get_data(as_text=True)
    assert "Page 1 of 2" in page and "page=2" in page and "sort=newest" in page
    second = client.get("/search?q=dukagjini&sort=newest&page=2").get_data(as_text=True)
    assert second.count('class="result"') == 5


def test_no_query_shows_a_prompt(client):
    response = client.get("/search")
    assert response.status_code == 200 and "for example" in response.get_data(as_text=True)


@pytest.mark.parametrize("query", ['"open quote', "AND", "x" * 5000, "a" * 300, "(((", "NOT", "*", "%00", "q:",
                                   "NOT AND AND"])
def test_malformed_queries_never_500(client, corpus, query):
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200


def test_long_queries_are_cut_with_a_note(client, corpus):
    page = client.get("/search", query_string={"q": "gashi " * 100}).get_data(as_text=True)
    assert "only its first 200 characters were used" in page


@pytest.mark.parametrize("args", ["type=aliens", "sort=random", "country=ZZ", "field=astrology",
                                  "municipality=atlantis", "tag=%3Cb%3E", "page=0", "page=abc",
                                  "page=%C2%B2"])
def test_bad_parameters_are_a_400_with_a_message(client, args):
    response = client.get(f"/search?q=gashi&{args}")
    assert response.status_code == 400


@pytest.mark.parametrize("args", [{"q": "Mjekësi çka", "country": "DE"}, {"q": "a&b=c/d?e", "tag": "për-ty"},
                                  {"q": "jazz", "page": "3", "sort": "newest"}, {}])
def test_links_to_itself_read_as_url_for_writes_them(app, args):
    from flask import url_for

    from kd.search.views import search_url

    with app.test_request_context("/search", query_string=args):
        for changes in ({}, {"page": 2}, {"country": None}, {"field": "music"}, {"q": "Drita Krasniqi"}):
            expected = {key: value for key, value in args.items() if key != "page" or "page" in changes}
            expected.update(changes)
            assert search_url(**changes) == url_for("search.results", **{
                key: value for key, value in expected.items() if value not in (None, "")})
