"""The API tests use the search factories (they also index)."""
from tests.search.conftest import make_profile, make_story  # noqa: F401
