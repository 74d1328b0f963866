"""Read-side helpers for tags."""
from __future__ import annotations

from sqlalchemy import Column, select

from kd.db import session
from kd.tags.models import Tag


def tag_names(slugs: list[str]) -> dict[str, str]:
    """slug -> name, for the tags among slugs that exist (the search page's facet labels)."""
    return dict(session.execute(select(Tag.slug, Tag.name).where(Tag.slug.in_(slugs))).all())


def tags_by_owner(db_session, owner_id: Column, tag_id: Column, owner_ids: list[int]) -> dict[int, list[tuple]]:
    """owner id -> (slug, name) of its tags by name, as the models' relationships order them, from a link
    table's columns (story_tags.c.story_id, story_tags.c.tag_id): a batch of search documents in one query."""
    rows = db_session.execute(select(owner_id, Tag.slug, Tag.name).join(Tag, Tag.id == tag_id)
                              .where(owner_id.in_(owner_ids)).order_by(Tag.name, Tag.id))
    found: dict[int, list[tuple]] = {}
    for owner, slug, name in rows:
        found.setdefault(owner, []).append((slug, name))
    return found
