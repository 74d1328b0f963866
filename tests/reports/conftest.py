from tests.moderation.conftest import editor, make_profile, make_story, member  # noqa: F401
