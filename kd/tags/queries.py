"""Read-side helpers for tags."""
from __future__ import annotations

from sqlalchemy import select

from kd.db import session
from kd.tags.models import Tag


def tag_names(slugs: list[str]) -> dict[str, str]:
    """slug -> name, for the tags among slugs that exist (the search page's facet labels)."""
    return dict(session.execute(select(Tag.slug, Tag.name).where(Tag.slug.in_(slugs))).all())
