"""The API tests use published, indexed content, as the search tests make it (factories: tests/conftest.py)."""
from tests.search.conftest import content_defaults  # noqa: F401
