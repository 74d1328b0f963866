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
    """The home page's lead: the most recently published story with a photo visitors may see. Walks the
    newest stories and probes each one's photos (stops at the first with one); with no story photo at all it
    would walk them all, so that is asked first."""
    if session.scalar(select(Photo.id).where(Photo.story_id.is_not(None)).limit(1)) is None:
        return None
    with_photo = select(Photo.id).where(Photo.story_id == Story.id, Photo.pending_review.is_(False)).exists()
    return session.scalar(select(Story).where(Story.state == ModerationState.APPROVED, with_photo)
                          .order_by(Story.published_at.desc(), Story.id.desc()).limit(1).options(CARD_ONLY))


def latest_of_kinds(kinds: tuple[ProfileKind, ...], limit: int) -> list[Profile]:
    """One indexed query per kind (state, kind, published_at): a single `kind IN (…)` query would walk every
    approved profile newest first, skipping the other kinds, when these kinds are rare."""
    found = [profile for kind in kinds for profile in session.scalars(
        select(Profile).where(Profile.state == ModerationState.APPROVED, Profile.kind == kind)
        .order_by(Profile.published_at.desc(), Profile.id.desc()).limit(limit).options(CARD_ONLY))]
    return sorted(found, key=lambda profile: (profile.published_at, profile.id), reverse=True)[:limit]
