"""Keeps the tag link rows' published_at (the tag pages' sort key) equal to their story's or profile's,
or empty while it is not public."""
from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kd.content.states import ModerationState
from kd.profiles.models import Profile, profile_tags
from kd.stories.models import Story, story_tags

LINKS = {Story: (story_tags, story_tags.c.story_id), Profile: (profile_tags, profile_tags.c.profile_id)}


def sync_tag_dates(session: Session, row: Story | Profile) -> None:
    links, owner = LINKS[type(row)]
    published = row.published_at if row.state is ModerationState.APPROVED else None
    session.execute(update(links).where(owner == row.id).values(published_at=published))


def sync_pending_tag_dates(session: Session, changes: list[tuple[str, str, int]]) -> None:
    """Receives content_changing: same transaction as the approval or unpublishing."""
    models = {model.__tablename__: model for model in LINKS}
    for _operation, table, row_id in changes:
        row = session.get(models[table], row_id) if table in models else None
        if row is not None:
            sync_tag_dates(session, row)


def resync_all_tag_dates(session: Session) -> None:
    """Repair every link row (run by `flask kd reindex`)."""
    for model, (links, owner) in LINKS.items():
        published = (select(model.published_at).where(model.id == owner, model.state == ModerationState.APPROVED)
                     .scalar_subquery())
        session.execute(update(links).values(published_at=published))
