"""Imports every model so that Base.metadata (Alembic, tests) knows all tables."""
from kd.accounts import models as _accounts  # noqa: F401
from kd.audit import models as _audit  # noqa: F401
from kd.moderation import models as _moderation  # noqa: F401
from kd.profiles import models as _profiles  # noqa: F401
from kd.stories import models as _stories  # noqa: F401
from kd.tags import models as _tags  # noqa: F401
