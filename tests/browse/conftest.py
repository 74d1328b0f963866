# Published, indexed content, as the search tests make it (the factories themselves are in tests/conftest.py).
from tests.search.conftest import content_defaults, find  # noqa: F401
