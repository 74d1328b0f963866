from __future__ import annotations

from sqlalchemy import or_, select

from kd.actions.models import Action
from kd.collections.queries import visible_items
from kd.content.states import ModerationState
from kd.db import session
from kd.profiles.models import Profile
from kd.stories.models import Story
from kd.tags.models import Tag

FEED_SIZE = 30


PLACE_COLUMNS = {"country": Story.country_code, "field": Story.field, "municipality": Story.municipality}


def latest_stories(tag: Tag | None = None, profile: Profile | None = None, limit: int = FEED_SIZE,
                   **places: str) -> list[Story]:
    """Newest published stories, narrowed by a tag, a profile they name, or country=, field=, municipality=."""
    statement = select(Story).where(Story.state == ModerationState.APPROVED)
    if tag is not None:
        statement = statement.where(Story.tags.any(Tag.id == tag.id))
    if profile is not None:
        statement = statement.where(Story.profiles.any(Profile.id == profile.id))
    for name, value in places.items():
        statement = statement.where(PLACE_COLUMNS[name] == value)
    return list(session.scalars(statement.order_by(Story.published_at.desc(), Story.id.desc()).limit(limit)))


def tag_by_slug(slug: str) -> Tag | None:
    """A tag that names public content; one found only on drafts or withdrawn content does not exist for visitors."""
    approved = ModerationState.APPROVED
    return session.scalars(select(Tag).where(Tag.slug == slug, or_(
        select(Story.id).where(Story.tags.any(Tag.slug == slug), Story.state == approved).exists(),
        select(Profile.id).where(Profile.tags.any(Tag.slug == slug), Profile.state == approved).exists()))).first()


def all_public() -> tuple[list[Profile], list[Story]]:
    profiles = session.scalars(select(Profile).where(Profile.state == ModerationState.APPROVED)
                               .order_by(Profile.id)).all()
    stories = session.scalars(select(Story).where(Story.state == ModerationState.APPROVED).order_by(Story.id)).all()
    return list(profiles), list(stories)


def stories_in(collection, limit: int = FEED_SIZE) -> list[Story]:
    """The collection's published stories, newest first (a feed reader sorts by date anyway)."""
    stories = [item.subject for item in visible_items(collection) if item.kind == "story"]
    return sorted(stories, key=lambda story: (story.published_at, story.id), reverse=True)[:limit]


def latest_actions(limit: int | None = FEED_SIZE) -> list[Action]:
    statement = (select(Action).where(Action.state == ModerationState.APPROVED)
                 .order_by(Action.published_at.desc(), Action.id.desc()))
    return list(session.scalars(statement.limit(limit) if limit else statement))
