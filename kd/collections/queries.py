"""Read side: published collections for visitors, every collection for editors."""
from __future__ import annotations

from sqlalchemy import select

from kd.collections.models import Collection, CollectionItem
from kd.collections.services import cover_choices, visible_items
from kd.db import session

__all__ = ["visible_items", "cover_of", "published", "featured", "by_slug", "published_by_slug", "all_for_editors",
           "collections_with"]


def published(limit: int | None = None) -> list[Collection]:
    statement = (select(Collection).where(Collection.published_at.is_not(None))
                 .order_by(Collection.published_at.desc(), Collection.id.desc()))
    return list(session.scalars(statement.limit(limit) if limit else statement))


def featured(limit: int = 3) -> list[Collection]:
    """Featured published collections that have something to show, newest first."""
    statement = (select(Collection).where(Collection.published_at.is_not(None), Collection.featured.is_(True))
                 .order_by(Collection.published_at.desc(), Collection.id.desc()).limit(limit * 2))
    return [collection for collection in session.scalars(statement) if visible_items(collection)][:limit]


def by_slug(slug: str) -> Collection | None:
    return session.scalars(select(Collection).where(Collection.slug == slug)).first()


def published_by_slug(slug: str) -> Collection | None:
    collection = by_slug(slug)
    return collection if collection is not None and collection.is_published else None


def all_for_editors() -> list[Collection]:
    return list(session.scalars(select(Collection).order_by(Collection.updated_at.desc(), Collection.id.desc())))


def cover_of(collection: Collection):
    """The chosen cover while its item is still public, else the first photo of a public item."""
    choices = cover_choices(collection)
    chosen = [photo for photo in choices if photo.id == collection.cover_photo_id]
    return (chosen or choices or [None])[0]


def collections_with(subject) -> list[Collection]:
    """Published collections that include a profile or story (for links from its page)."""
    column = CollectionItem.story_id if subject.__tablename__ == "stories" else CollectionItem.profile_id
    statement = (select(Collection).join(CollectionItem).where(column == subject.id,
                                                               Collection.published_at.is_not(None))
                 .order_by(Collection.published_at.desc()))
    return list(session.scalars(statement))
