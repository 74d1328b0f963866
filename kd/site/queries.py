from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import raiseload

from kd.content.states import ModerationState
from kd.db import session
from kd.media.models import Photo
from kd.profiles.models import Profile, ProfileKind
from kd.stories.models import Story

# Home cards show columns and photos only: none of the relationships the models load by default.
CARD_ONLY = raiseload("*")


def latest_stories(limit: int = 6) -> list[Story]:
    return list(session.scalars(select(Story).where(Story.state == ModerationState.APPROVED)
                                .order_by(Story.published_at.desc(), Story.id.desc()).limit(limit).options(CARD_ONLY)))


def featured_story() -> Story | None:
    """The home page's lead: the most recently published story with a photo visitors may see."""
    with_photo = select(Photo.story_id).where(Photo.story_id.is_not(None), Photo.pending_review.is_(False))
    return session.scalar(select(Story).where(Story.state == ModerationState.APPROVED, Story.id.in_(with_photo))
                          .order_by(Story.published_at.desc(), Story.id.desc()).limit(1).options(CARD_ONLY))


def latest_of_kinds(kinds: tuple[ProfileKind, ...], limit: int) -> list[Profile]:
    published = select(Profile).where(Profile.state == ModerationState.APPROVED, Profile.kind.in_(kinds))
    return list(session.scalars(published.order_by(Profile.published_at.desc(), Profile.id.desc()).limit(limit)
                                .options(CARD_ONLY)))
