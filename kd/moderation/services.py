"""Editors' state changes: claims, decisions, bulk approval, revisions, verification, merging.

Every decision goes through workflow.transition() or writes the audit log itself. Nothing here commits.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import delete, select, update

from kd.audit.services import record
from kd.bilingual import services as translation_services
from kd.content import changes
from kd.content.claims import ensure_free_for
from kd.content.kinds import kind_of
from kd.content.models import Revision, RevisionState
from kd.content.redirects import follow_rename, redirect_merged
from kd.content.revisions import revision_subject
from kd.content.states import ModerationState
from kd.content.workflow import TransitionError, decide, state_label
from kd.core.auth import require_editor
from kd.core.errors import DomainError, PermissionDenied
from kd.db import session, utcnow
from kd.media import services as media_services
from kd.moderation.diff import seen_version
from kd.moderation.queries import QueueItem
from kd.profiles import services as profile_services
from kd.profiles.models import Profile
from kd.stories import services as story_services
from kd.stories.models import Story, story_profiles

# The members' side knows how a revision's data maps onto its rows (tags, linked profiles, sources).
REVISION_APPLIERS = {"profile": profile_services.apply_revision_data, "story": story_services.apply_revision_data}


@dataclass
class BulkResult:
    approved: list[QueueItem] = field(default_factory=list)
    refused: list[tuple[QueueItem, str]] = field(default_factory=list)


def approve_many(items: list[QueueItem], editor) -> BulkResult:
    """Approve each item that can be; the others are reported with the reason."""
    result = BulkResult()
    for item in items:
        try:
            _approve_item(item, editor)
        except DomainError as error:
            result.refused.append((item, error.message))
        else:
            result.approved.append(item)
    return result


def _approve_item(item: QueueItem, editor) -> None:
    if item.kind == "revision":
        approve_revision(item.record, editor)
    elif item.kind == "translation":
        translation_services.decide_translation(item.record, "approve", editor)
    else:
        decide_submission(item.record, "approve", editor)


def decide_submission(subject, move: str, editor, message: str = ""):
    """An editor's decision on a profile or story; the version decided on is kept, so that a resubmission
    can show what changed since."""
    decide(subject, move, editor, message)
    subject.seen_version = seen_version(subject)
    return subject


def approve_revision(revision: Revision, editor, message: str = "") -> Revision:
    """The pending edit becomes the live version."""
    subject = _checked_revision_subject(revision, editor)
    if revision.submitted_by_id == editor.id:
        raise PermissionDenied(_("Another editor has to approve your own submission."))
    REVISION_APPLIERS[kind_of(subject)](subject, dict(revision.data))
    follow_rename(subject)
    translation_services.mark_stale(subject)
    _close_revision(revision, RevisionState.APPROVED, editor, message)
    record(editor, f"{subject.__tablename__}.revision_approved", subject, revision=revision.id,
           fields=sorted(revision.data), message=message.strip())
    if subject.is_public:
        changes.changed(subject)
    return revision


def reject_revision(revision: Revision, editor, message: str) -> Revision:
    """The live version stays as it is."""
    subject = _checked_revision_subject(revision, editor)
    if not message.strip():
        raise TransitionError(_("Please write a message that says why."))
    _close_revision(revision, RevisionState.REJECTED, editor, message)
    record(editor, f"{subject.__tablename__}.revision_rejected", subject, revision=revision.id,
           message=message.strip())
    return revision


def _checked_revision_subject(revision: Revision, editor):
    require_editor(editor)
    if revision.state is not RevisionState.PENDING:
        raise TransitionError(_("This revision has been decided already."))
    subject = revision_subject(revision)
    if subject is None:
        raise TransitionError(_("The record this revision belongs to no longer exists."))
    ensure_free_for(subject, editor)
    return subject


def _close_revision(revision: Revision, state: RevisionState, editor, message: str) -> None:
    revision.state, revision.message = state, message.strip()
    revision.reviewed_by_id, revision.reviewed_at = editor.id, utcnow()


def set_verified(story: Story, editor, verified: bool) -> Story:
    """An editor checked (or un-checks) the story's evidence."""
    require_editor(editor)
    story.verified_on = utcnow().date() if verified else None
    story.verified_by_id = editor.id if verified else None
    record(editor, "stories.verified" if verified else "stories.verification_cleared", story,
           verified_on=story.verified_on.isoformat() if verified else None)
    if story.is_public:
        changes.changed(story)
    return story


def merge_profiles(keep: Profile, duplicate: Profile, editor) -> Profile:
    """The duplicate's stories and tags move to keep; its address redirects there; it is withdrawn."""
    _check_merge(keep, duplicate, editor)
    moved = _relink_stories(keep, duplicate)
    keep.tags.extend(tag for tag in list(duplicate.tags) if tag not in keep.tags)
    if keep.owner_id is None:
        keep.owner_id = duplicate.owner_id
    old_slug = duplicate.slug
    redirect_merged(duplicate, keep)
    decide(duplicate, "merge_away", editor, _("Merged into %(slug)s.", slug=keep.slug), into=keep.id,
           into_slug=keep.slug, old_slug=old_slug)
    record(editor, "profiles.merged_in", keep, duplicate=duplicate.id, old_slug=old_slug, stories=len(moved))
    _reindex_after_merge(keep, moved)
    return keep


def _check_merge(keep: Profile, duplicate: Profile, editor) -> None:
    require_editor(editor)
    if keep.id == duplicate.id:
        raise DomainError(_("Choose two different profiles."))
    if keep.state in (ModerationState.WITHDRAWN, ModerationState.REJECTED):
        raise DomainError(_("The profile to keep is %(state)s; choose a live one.", state=state_label(keep.state)))
    ensure_free_for(keep, editor)
    ensure_free_for(duplicate, editor)


def _relink_stories(keep: Profile, duplicate: Profile) -> list[int]:
    links = story_profiles.c
    moved = list(session.scalars(select(links.story_id).where(links.profile_id == duplicate.id)))
    already = select(links.story_id).where(links.profile_id == keep.id).scalar_subquery()
    session.execute(delete(story_profiles).where(links.profile_id == duplicate.id, links.story_id.in_(already)))
    session.execute(update(story_profiles).where(links.profile_id == duplicate.id).values(profile_id=keep.id))
    for story_id in moved:
        story = session.get(Story, story_id)
        session.expire(story, ["profiles"])
    return moved


def approve_photo(photo, editor) -> None:
    """A photo a member added to published content is shown with it from now on."""
    require_editor(editor)
    media_services.mark_reviewed(photo, editor)


def reject_photo(photo, editor, message: str) -> None:
    """The photo is removed (its files after the commit); the message is kept in the audit log."""
    require_editor(editor)
    if not message.strip():
        raise TransitionError(_("Please write a message that says why."))
    record(editor, "photo.rejected", photo, message=message.strip(), uploaded_by=photo.uploaded_by_id)
    media_services.delete_photo(photo, editor)


def _reindex_after_merge(keep: Profile, moved: list[int]) -> None:
    if keep.is_public:
        changes.changed(keep)
    for story_id in moved:
        story = session.get(Story, story_id)
        if story.is_public:
            changes.changed(story)
