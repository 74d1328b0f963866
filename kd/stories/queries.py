"""Read-side helpers for stories and for the member's list of submissions."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import load_only, raiseload

from kd.content.feedback import EditorMessage, latest_editor_message
from kd.content.models import Revision
from kd.content.revisions import pending_among, pending_revision, revisions_by_subject
from kd.content.states import ModerationState
from kd.content.workflow import allowed_moves, is_owner
from kd.db import session
from kd.profiles.queries import EDITABLE, can_edit, can_view, profiles_of
from kd.stories.models import Story, story_profiles, story_tags


def story_by_slug(slug: str) -> Story | None:
    return session.scalars(select(Story).where(Story.slug == slug)).first()


def related_stories(story: Story, limit: int = 4) -> list[Story]:
    """Published stories about the same people or with a tag in common, newest first."""
    tag_ids = [tag.id for tag in story.tags]
    profile_ids = [profile.id for profile in story.profiles]
    if not tag_ids and not profile_ids:
        return []
    same_tag = select(story_tags.c.story_id).where(story_tags.c.tag_id.in_(tag_ids))
    same_people = select(story_profiles.c.story_id).where(story_profiles.c.profile_id.in_(profile_ids))
    statement = (select(Story).where(Story.state == ModerationState.APPROVED, Story.id != story.id,
                                     or_(Story.id.in_(same_tag), Story.id.in_(same_people)))
                 .order_by(Story.published_at.desc(), Story.id.desc()).limit(limit))
    return list(session.scalars(statement.options(raiseload("*"))))  # cards: title and summary only


def row_data(story: Story) -> dict:
    """The live values in the shape a Revision stores."""
    return {
        "title": story.title, "summary": story.summary, "body": story.body,
        "achieved_on": story.achieved_on.isoformat() if story.achieved_on else None,
        "profile_ids": [profile.id for profile in story.profiles], "field": story.field,
        "country_code": story.country_code, "city": story.city, "municipality": story.municipality,
        "tags": [tag.name for tag in story.tags], "language": story.language,
        "sources": [{"url": source.url, "title": source.title} for source in story.sources],
    }


def editable_data(story: Story) -> dict:
    """What the edit form starts from: the member's pending revision if any, else the live row."""
    revision = pending_revision(story)
    return dict(revision.data) if revision is not None else row_data(story)


LISTED_COLUMNS = (Story.slug, Story.title, Story.state, Story.submitted_by_id, Story.moderation_message,
                  Story.reviewed_at)


def stories_of(user) -> list[Story]:
    """The member's stories as their list shows them (hundreds for a volunteer): what a line needs, no more."""
    return list(session.scalars(select(Story).where(Story.submitted_by_id == user.id)
                                .order_by(Story.updated_at.desc(), Story.id.desc())
                                .options(load_only(*LISTED_COLUMNS, raiseload=True), raiseload("*"))))


def visible_profiles_of(story: Story, user) -> list:
    return [profile for profile in story.profiles if can_view(profile, user)]


@dataclass(frozen=True)
class Submission:
    """One line of "My submissions"."""

    kind: str  # "profile" or "story"
    subject: object
    pending_revision: Revision | None
    moves: tuple[str, ...]
    editable: bool
    editor_message: EditorMessage | None


def submissions_of(user) -> list[Submission]:
    subjects = [("profile", profile) for profile in profiles_of(user)] + \
        [("story", story) for story in stories_of(user)]
    revisions = revisions_by_subject(subject for _kind, subject in subjects)
    return [_submission(kind, subject, user, revisions[(kind, subject.id)]) for kind, subject in subjects]


def _submission(kind: str, subject, user, revisions: list[Revision]) -> Submission:
    return Submission(kind, subject, pending_among(revisions), tuple(allowed_moves(subject, user)),
                      _editable_by(kind, subject, user), latest_editor_message(subject, revisions))


def _editable_by(kind: str, subject, user) -> bool:
    may_edit = can_edit(subject, user) if kind == "profile" else is_owner(subject, user)
    return may_edit and subject.state in EDITABLE
