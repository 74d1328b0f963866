"""The search query parser on hostile input: the backend answers or the input is refused, never a crash."""
from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest

from kd.search import service
from kd.search.backend import Results
from kd.search.params import MAX_INPUT, SearchInputError, read_query
from tests.fuzz.conftest import any_text, fuzz, hostile_text

SYNTAX = ['"', "'", "AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", " AND ", " OR ", " NOT ", "*", "?", "(", ")", "[", "]",
          "{", "}", " TO ", "^", "^9999", "~", "~99", ":", "name:", "body:", "key:", "published:", "\\", "-", "+",
          "/", "<", ">", "=", "\x01", "\x1f", "\x7f", "\u200b", "\u202e", " ", "\t", "gashi", "Prishtinë", "pristina",
          "klinik", "ë", "ç", "*a*", "a*", "?x", "ab~2", "#", "%", "&", ";", "<mark>", "%00", "a" * 50]
LONG = st.sampled_from(["x" * MAX_INPUT, "gashi " * 1000, '"' * MAX_INPUT, "(" * MAX_INPUT, "a* " * 2000,
                        "AND " * 1500, "x~2 " * 1500, "ë" * MAX_INPUT])
QUERIES = st.one_of(any_text, hostile_text(SYNTAX), LONG)
NO_NUL = QUERIES.map(lambda text: text.replace("\x00", ""))  # a NUL never gets past the URL guard
PARAMETERS = {"type": st.sampled_from(["", "people", "groups", "stories", "aliens"]) | any_text,
              "sort": st.sampled_from(["relevance", "newest", "random"]) | any_text,
              "country": st.sampled_from(["DE", "xk", "ZZ", ""]) | any_text,
              "field": st.sampled_from(["medicine", "astrology"]) | any_text,
              "municipality": st.sampled_from(["gjakova", "atlantis"]) | any_text,
              "tag": st.sampled_from(["mjekesi", "<b>", "-x"]) | any_text,
              "page": st.sampled_from(["1", "2", "0", "-1", "abc", "99999999999999999999", "١", "²", "５"]) | any_text}
EXTRA_PARAMETERS = st.fixed_dictionaries({}, optional=PARAMETERS)


def _search(app, args: dict) -> Results | Exception:
    with app.test_request_context("/search", query_string=args):
        try:
            query = read_query(MultiDict(args))
        except (SearchInputError, BadRequest) as refusal:
            return refusal
        return service.search(query)


@fuzz
@given(NO_NUL)
@example('"unbalanced')
@example("AND")
@example("OR NOT")
@example("*")
@example("name:")
@example("[a TO")
@example("gashi~99999")
@example("NOT AND AND")
@example("x" * 5000)
def test_any_query_text_gets_results_from_the_real_index(app, indexed_content, text):
    found = _search(app, {"q": text})
    assert isinstance(found, Results), found
    assert found.total >= len(found.hits)
    assert all(hit.slug != "hidden-draft" for hit in found.hits)


@fuzz
@given(NO_NUL, EXTRA_PARAMETERS)
def test_any_parameters_are_answered_or_refused_with_the_modules_own_error(app, indexed_content, text, extra):
    found = _search(app, {"q": text, **extra})
    assert isinstance(found, (Results, SearchInputError, BadRequest)), found
    if isinstance(found, BadRequest):
        assert "page" in extra, "only a bad page number is refused outside the search module"


def test_a_known_query_finds_what_was_indexed(app, indexed_content):
    """Guards the properties above: the index they search is not empty."""
    found = _search(app, {"q": "gashi"})
    assert {hit.slug for hit in found.hits} == {"shpresa-gashi", "gashi-ensemble", "gashi-clinic"}


@fuzz
@given(QUERIES, EXTRA_PARAMETERS)
@example("\x00", {})
@example('"', {"page": "0"})
@example("gashi", {"type": "aliens"})
@example("NOT AND OR", {})
def test_the_search_page_answers_200_or_400(client, indexed_content, text, extra):
    response = client.get("/search", query_string={"q": text, **extra})
    assert response.status_code in (200, 400), response.status_code
