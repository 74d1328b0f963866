from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import raiseload

from kd.content.states import ModerationState
from kd.db import session
from kd.profiles.models import Profile
from kd.stories.models import Story

# Home cards show columns and photos only: none of the relationships the models load by default.
CARD_ONLY = raiseload("*")


def latest_stories(limit: int = 6) -> list[Story]:
    return list(session.scalars(select(Story).where(Story.state == ModerationState.APPROVED)
                                .order_by(Story.published_at.desc(), Story.id.desc()).limit(limit).options(CARD_ONLY)))


def latest_profiles(limit: int = 8) -> list[Profile]:
    return list(session.scalars(select(Profile).where(Profile.state == ModerationState.APPROVED)
                                .order_by(Profile.published_at.desc(), Profile.id.desc()).limit(limit)
                                .options(CARD_ONLY)))
