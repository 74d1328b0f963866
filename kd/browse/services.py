"""Keeps story_tags.published_at (the tag pages' sort key) equal to the story's, or empty if not public."""
from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kd.core.moderated import ModerationState
from kd.stories.models import Story, story_tags


def sync_tag_dates(session: Session, story: Story) -> None:
    published = story.published_at if story.state is ModerationState.APPROVED else None
    session.execute(update(story_tags).where(story_tags.c.story_id == story.id).values(published_at=published))


def sync_pending_tag_dates(session: Session, changes: list[tuple[str, str, int]]) -> None:
    """The search hooks' before-commit step: same transaction as the approval or unpublishing."""
    for _operation, table, row_id in changes:
        story = session.get(Story, row_id) if table == Story.__tablename__ else None
        if story is not None:
            sync_tag_dates(session, story)


def resync_all_tag_dates(session: Session) -> None:
    """Repair every link row (run by `flask kd reindex`)."""
    published = (select(Story.published_at).where(Story.id == story_tags.c.story_id,
                                                  Story.state == ModerationState.APPROVED).scalar_subquery())
    session.execute(update(story_tags).values(published_at=published))
