"""Search tests: the shared content factories make published, indexed rows here (content_defaults).

Every test in tests/search runs against every backend (the contract); a module pins one backend by
overriding `search_backend`. PostgreSQL is skipped only when the test database is SQLite.
"""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kd.content.states import ModerationState
from kd.search.backend import SearchQuery
from kd.search.service import backend

START = datetime(2024, 1, 1, tzinfo=UTC)
BACKENDS = ("whoosh", "tantivy", "postgres")


def require_backend(name: str, database_url: str) -> str:
    if name == "postgres" and not database_url.startswith("postgresql"):
        pytest.skip("the PostgreSQL backend needs a PostgreSQL test database (KD_TEST_DATABASE_URL)")
    return name


@pytest.fixture(params=BACKENDS)
def search_backend(request, database_url) -> str:
    return require_backend(request.param, database_url)


@pytest.fixture
def app_overrides(search_backend) -> dict:
    return {"SEARCH_BACKEND": search_backend}


@pytest.fixture
def content_defaults() -> dict:
    """Published content, announced on content_changed so the search backend indexes it as the workflow does."""
    return {"state": ModerationState.APPROVED, "story_source": False, "announce": True, "dated_from": START}


@pytest.fixture
def find(app):
    """Keys of what a search finds, e.g. find('Prishtina') -> ['stories:1']."""
    def search(text: str = "", **options):
        with app.test_request_context():
            results = backend().search(SearchQuery(text=text, **options))
        return results
    return search


def keys(results) -> set[str]:
    return {hit.key for hit in results.hits}
