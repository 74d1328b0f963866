"""Tags are found or made from what a member types, normalised."""
from __future__ import annotations

from sqlalchemy import select

from kd.core.text import normalise_space, slugify
from kd.db import session
from kd.tags.models import Tag


def tag_for(name: str) -> Tag | None:
    """The tag with this name's slug ('Shkencë', 'shkence ' -> one tag), created if new; None if empty."""
    display = normalise_space(name)[:80]
    slug = slugify(display)
    if not slug:
        return None
    tag = session.scalars(select(Tag).where(Tag.slug == slug)).first()
    if tag is None:
        tag = Tag(slug=slug, name=display[:1].upper() + display[1:])
        session.add(tag)
        session.flush()
    return tag


def tags_for(names: list[str]) -> list[Tag]:
    found: dict[int, Tag] = {}
    for name in names:
        tag = tag_for(name)
        if tag is not None:
            found[tag.id] = tag
    return list(found.values())
