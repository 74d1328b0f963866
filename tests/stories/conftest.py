"""The story tests use the profile factories."""
from tests.profiles.conftest import make_profile, make_story  # noqa: F401
