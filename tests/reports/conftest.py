from tests.moderation.conftest import content_defaults, editor, member  # noqa: F401
