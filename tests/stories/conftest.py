"""The story tests start from the profile tests' content defaults."""
from tests.profiles.conftest import content_defaults  # noqa: F401
