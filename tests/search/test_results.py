"""Facets, type counts, sorting and pagination from the backend, plus malformed queries."""
from __future__ import annotations

from datetime import timedelta

import pytest

from kd.profiles.models import ProfileKind
from tests.search.conftest import START, keys


@pytest.fixture
def corpus(make_profile, make_story):
    make_profile(name="Ilir Music", country_code="DE", field="music", municipality="peja", tags=("Jazz",))
    make_profile(name="Ilir Band", kind=ProfileKind.GROUP, country_code="DE", field="music", tags=("Jazz", "Rock"))
    make_profile(name="Ilir Foundation", kind=ProfileKind.ORGANISATION, country_code="CH", field="education")
    make_story(title="Ilir plays Montreux", country_code="CH", field="music", municipality="peja", tags=("Jazz",),
               published_at=START + timedelta(days=10))
    make_story(title="Unrelated", country_code="CH", field="sport", tags=("Jazz",),
               published_at=START + timedelta(days=20))


def test_facets_count_the_whole_result_set(corpus, find):
    results = find("ilir", per_page=1)
    assert results.total == 4 and len(results.hits) == 1
    assert results.kind_counts == {"person": 1, "group": 1, "organisation": 1, "story": 1}
    assert dict(results.facets["country"]) == {"DE": 2, "CH": 2}
    assert dict(results.facets["field"]) == {"music": 3, "education": 1}
    assert dict(results.facets["tag"]) == {"jazz": 3, "rock": 1}
    assert dict(results.facets["municipality"]) == {"peja": 2}


def test_filters_and_type_narrow_results_and_their_facets(corpus, find):
    results = find("ilir", filters={"country": "DE", "tag": "jazz"})
    assert keys(results) == {"profiles:1", "profiles:2"}
    assert dict(results.facets["tag"]) == {"jazz": 2, "rock": 1}
    stories = find("ilir", kind="story")
    assert keys(stories) == {"stories:1"} and stories.total == 1
    assert stories.kind_counts["person"] == 1  # tabs keep counting the other types
    assert dict(stories.facets["country"]) == {"CH": 1}


def test_newest_first_and_pages(corpus, find):
    newest = find("ilir", sort="newest", per_page=2)
    assert [hit.key for hit in newest.hits] == ["stories:1", "profiles:3"]
    second = find("ilir", sort="newest", per_page=2, page=2)
    assert [hit.key for hit in second.hits] == ["profiles:2", "profiles:1"]
    assert find("ilir", per_page=2, page=3).hits == []


def test_filters_without_words_list_everything_newest_first(corpus, find):
    results = find("", filters={"country": "CH"})
    assert [hit.key for hit in results.hits] == ["stories:2", "stories:1", "profiles:3"]


@pytest.mark.parametrize("text", ['"unbalanced quote', "AND", "OR NOT", "ilir AND", "(ilir", "ilir)", "*", "?x",
                                  "x" * 5000, "ilir " * 1000, 'title:"x', "key:stories:1", "[a TO", "ilir^", "~",
                                  "<script>", "\x00", "🙂"])
def test_malformed_queries_give_results_or_nothing_never_an_error(corpus, find, text):
    results = find(text)
    assert results.total >= 0


def test_snippets_escape_the_text_and_mark_matches(make_story, find):
    make_story(title="Escaping", body="<script>alert(1)</script> a violinist from Prizren")
    snippet = str(find("violinist").hits[0].snippet)
    assert "<script>" not in snippet and "</script>" not in snippet and "&lt;/script&gt;" in snippet
    assert "<mark" in snippet and "violinist</mark>" in snippet


def test_stop_words_in_the_query_do_not_hide_a_title(make_story, find):
    make_story(title="Students from Berlin had a festival", body="Music and dance.")
    assert [hit.title for hit in find("students from berlin had a festival").hits] == [
        "Students from Berlin had a festival"]
    assert find("the festival and music").total == 1
