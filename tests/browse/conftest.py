from tests.search.conftest import find, make_profile, make_story  # noqa: F401  (shared factories)
