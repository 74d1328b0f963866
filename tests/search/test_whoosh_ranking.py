"""The one-pass ranking gives the same pages, counts and order as Whoosh's own two passes."""
from __future__ import annotations

import random
from datetime import timedelta

import pytest

from kd.search.backend import IndexDocument, SearchQuery
from kd.search.whoosh_backend import WhooshBackend
from kd.search.whoosh_ranking import KEPT
from tests.search.conftest import START

WORDS = ["violin", "prize", "football", "surgeon", "festival", "poet", "village", "diaspora"]


def _document(number: int, rng: random.Random) -> IndexDocument:
    body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 40)))
    return IndexDocument(kind=rng.choice(("person", "group", "story")), id=number, slug=f"d{number}",
                         name=f"Name {rng.choice(WORDS)}", title="", summary="", body=body,
                         country=rng.choice(("DE", "CH", "XK")), field="", municipality="", tag_slugs=(),
                         tag_names=(), published_at=START + timedelta(hours=rng.randint(0, 10_000)),
                         updated_at=START)


@pytest.fixture(scope="module")
def whoosh(tmp_path_factory) -> WhooshBackend:
    rng = random.Random(5)
    backend = WhooshBackend(str(tmp_path_factory.mktemp("ranking")), lambda keys: {})
    for first in range(0, 600, 200):  # several segments
        backend.write([_document(number, rng) for number in range(first, first + 200)], [])
    return backend


def _whoosh_own(backend: WhooshBackend, text: str, kind: str, newest: bool) -> tuple[list[str], int]:
    from whoosh.query import And, Term

    searcher = backend._current_searcher()
    query = backend.parse(text)
    query = And([query, Term("kind", kind)]) if kind else query
    sort = {"sortedby": "published", "reverse": True} if newest else {}
    page = searcher.search(query, limit=None, **sort)
    return [hit["key"] for hit in page], len(list(searcher.docs_for_query(query)))


@pytest.mark.parametrize("text", ["violin", "prize festival", '"poet village"', "name"])
@pytest.mark.parametrize("kind", ["", "story"])
@pytest.mark.parametrize("sort", ["relevance", "newest"])
def test_pages_follow_whoosh_order_and_counts(whoosh, text, kind, sort):
    expected, count = _whoosh_own(whoosh, text, kind, sort == "newest")
    assert count > 0
    hits = []
    for page in range(1, count // 50 + 2):
        results = whoosh.search(SearchQuery(text, kind=kind, sort=sort, page=page, per_page=50, highlight=False))
        assert results.total == count
        hits.extend(results.hits)
    shown = [hit.key for hit in hits]
    if sort == "newest":  # equal times may come in either order
        times = [hit.published_at for hit in hits]
        assert times == sorted(times, reverse=True) and sorted(shown) == sorted(expected)
    else:
        assert shown == expected


def test_pages_past_the_kept_positions_rank_again(whoosh):
    everything = whoosh.search(SearchQuery("name", per_page=KEPT, highlight=False))
    assert everything.total > KEPT + 20
    far = whoosh.search(SearchQuery("name", page=KEPT // 20 + 2, per_page=20, highlight=False))
    expected, _count = _whoosh_own(whoosh, "name", "", False)
    assert [hit.key for hit in far.hits] == expected[KEPT + 20:KEPT + 40]
