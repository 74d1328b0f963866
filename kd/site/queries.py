from __future__ import annotations

from sqlalchemy import select

from kd.content.states import ModerationState
from kd.db import session
from kd.profiles.models import Profile
from kd.stories.models import Story


def latest_stories(limit: int = 6) -> list[Story]:
    return list(session.scalars(select(Story).where(Story.state == ModerationState.APPROVED)
                                .order_by(Story.published_at.desc(), Story.id.desc()).limit(limit)))


def latest_profiles(limit: int = 8) -> list[Profile]:
    return list(session.scalars(select(Profile).where(Profile.state == ModerationState.APPROVED)
                                .order_by(Profile.published_at.desc(), Profile.id.desc()).limit(limit)))
