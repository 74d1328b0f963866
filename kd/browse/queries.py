"""Read side of browsing: approved profiles and stories by tag, country, field and municipality.

Lists are newest first and paginated by index-friendly queries: a tag page sorts on the link rows' own
published_at (ix_story_tags_tag_published, ix_profile_tags_tag_published), never through a join.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from flask import current_app, has_app_context
from sqlalchemy import and_ as sa_and
from sqlalchemy import func, or_, select, true
from sqlalchemy.orm import raiseload

from kd.content.states import ModerationState
from kd.db import session
from kd.profiles.models import Profile, profile_tags
from kd.stories.models import Story, story_tags
from kd.tags.models import Tag

PER_PAGE = 12
CACHE_SECONDS = 60
_CACHE_KEY = "kd.browse.cache"


@dataclass(frozen=True)
class Listing:
    """One page of stories and one of profiles; the page count is the longer list's."""

    stories: list[Story]
    story_total: int
    profiles: list[Profile]
    profile_total: int

    @property
    def total(self) -> int:
        return max(self.story_total, self.profile_total)


def _approved(model):
    return model.state == ModerationState.APPROVED


def _light(model) -> list:
    """Cards show columns only: skip the relationships the models load eagerly by default."""
    if model is Story:
        return [raiseload(Story.sources), raiseload(Story.profiles), raiseload(Story.tags)]
    return [raiseload(Profile.tags)]


def _count(statement) -> int:
    return session.scalar(select(func.count()).select_from(statement.subquery()))


def _page_of(model, condition, page: int) -> tuple[list, int]:
    statement = select(model).where(_approved(model), condition)
    rows = session.scalars(statement.order_by(model.published_at.desc(), model.id.desc())
                           .limit(PER_PAGE).offset((page - 1) * PER_PAGE).options(*_light(model)))
    return list(rows), _count(select(model.id).where(_approved(model), condition))


def listing(column_name: str, value: str, page: int) -> Listing:
    """Approved stories and profiles whose country_code, field or municipality is value."""
    stories, story_total = _page_of(Story, getattr(Story, column_name) == value, page)
    profiles, profile_total = _page_of(Profile, getattr(Profile, column_name) == value, page)
    return Listing(stories, story_total, profiles, profile_total)


def tag_by_slug(slug: str) -> Tag | None:
    """A tag that names public content; one found only on drafts or withdrawn content does not exist for visitors.
    Asked of the link rows' published_at (set only while public), so the index on (tag_id, published_at) answers."""
    return session.scalars(select(Tag).where(Tag.slug == slug, or_(*(
        select(links.c.tag_id).where(links.c.tag_id == Tag.id, links.c.published_at.is_not(None)).exists()
        for links in (story_tags, profile_tags))))).first()


def tag_listing(tag: Tag, page: int) -> Listing:
    stories, story_total = _linked_page(Story, story_tags, story_tags.c.story_id, tag, page)
    profiles, profile_total = _linked_page(Profile, profile_tags, profile_tags.c.profile_id, tag, page)
    return Listing(stories, story_total, profiles, profile_total)


def _linked_page(model, links, owner, tag: Tag, page: int) -> tuple[list, int]:
    """One page of a tag's public stories or profiles, newest first, ordered on the link rows' own
    published_at (kept by kd/browse/services.py) so the database never sorts the whole tag."""
    public = select(owner).where(links.c.tag_id == tag.id, links.c.published_at.is_not(None))
    ids = list(session.scalars(public.order_by(links.c.published_at.desc(), owner.desc())
                               .limit(PER_PAGE).offset((page - 1) * PER_PAGE)))
    found = {row.id: row for row in session.scalars(
        select(model).where(model.id.in_(ids), _approved(model)).options(*_light(model)))}
    return [found[i] for i in ids if i in found], _count(public)


# --- counts (cached briefly per process; cleared when this process commits content changes) ---------

def _cached(name: str, compute):
    cache = current_app.extensions.setdefault(_CACHE_KEY, {})
    stamp, value = cache.get(name, (0.0, None))
    if time.monotonic() - stamp > CACHE_SECONDS:
        value = compute()
        cache[name] = (time.monotonic(), value)
    return value


def forget_cached(_sender=None, changes=None) -> None:
    """Receives content_changed: this process's counts are stale."""
    if has_app_context():
        current_app.extensions.pop(_CACHE_KEY, None)


def profiles_per_country() -> dict[str, int]:
    return _cached("countries", lambda: dict(session.execute(
        select(Profile.country_code, func.count()).where(_approved(Profile), Profile.country_code.is_not(None))
        .group_by(Profile.country_code)).all()))


@dataclass(frozen=True)
class TagCount:
    slug: str
    name: str
    count: int


def tag_counts() -> list[TagCount]:
    """Every tag with approved content, with how many approved stories and profiles carry it."""
    return _cached("tags", _tag_counts)


def _tag_counts() -> list[TagCount]:
    counts: dict[int, int] = {}
    story_counts = select(story_tags.c.tag_id, func.count()).where(story_tags.c.published_at.is_not(None))
    profile_counts = (select(profile_tags.c.tag_id, func.count()).join(Profile, Profile.id == profile_tags.c.profile_id)
                      .where(_approved(Profile)))
    for statement in (story_counts, profile_counts):
        for tag_id, count in session.execute(statement.group_by(statement.selected_columns[0])):
            counts[tag_id] = counts.get(tag_id, 0) + count
    tags = session.execute(select(Tag.id, Tag.slug, Tag.name).where(Tag.id.in_(list(counts))))
    return [TagCount(slug, name, counts[tag_id]) for tag_id, slug, name in tags]


def top_tags(limit: int = 20) -> list[TagCount]:
    return sorted(tag_counts(), key=lambda tag: (-tag.count, tag.slug))[:limit]


def column_counts(column_name: str) -> dict[str, int]:
    """How many approved stories and profiles have each value of a column (field or municipality)."""
    return _cached(f"counts:{column_name}", lambda: _column_counts(column_name))


def _column_counts(column_name: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for model in (Story, Profile):
        column = getattr(model, column_name)
        rows = session.execute(select(column, func.count()).where(_approved(model), column.is_not(None))
                               .group_by(column))
        for value, count in rows:
            counts[value] = counts.get(value, 0) + count
    return counts


def filtered_page(model, filters: dict[str, str], page: int) -> tuple[list, int]:
    """One page of approved stories or profiles, newest first, narrowed by column filters and a tag slug."""
    conditions = [getattr(model, name) == value for name, value in filters.items() if name != "tag" and value]
    if filters.get("tag"):
        links, owner = ((story_tags, story_tags.c.story_id) if model is Story
                        else (profile_tags, profile_tags.c.profile_id))
        conditions.append(model.id.in_(select(owner).join(Tag, Tag.id == links.c.tag_id)
                                       .where(Tag.slug == filters["tag"])))
    return _page_of(model, sa_and(true(), *conditions), page)
