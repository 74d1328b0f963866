from __future__ import annotations

from sqlalchemy import func, select

from kd.core.moderated import ModerationState
from kd.db import session
from kd.profiles.models import Profile
from kd.stories.models import Story


def waiting_counts() -> dict[str, int]:
    """How many submissions of each kind wait for an editor."""
    return {
        name: session.scalar(select(func.count()).select_from(model)
                             .where(model.state == ModerationState.SUBMITTED)) or 0
        for name, model in (("profiles", Profile), ("stories", Story))
    }
