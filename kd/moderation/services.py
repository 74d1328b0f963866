"""Editors' state changes: claims, decisions, bulk approval, revisions, verification, merging.

Every decision goes through workflow.transition() or writes the audit log itself. Nothing here commits.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, select, update

from kd import search
from kd.accounts.models import User
from kd.audit.services import record
from kd.core.errors import DomainError, PermissionDenied
from kd.core.i18n import show_datetime
from kd.core.moderated import ModerationState
from kd.core.text import slugify
from kd.db import session, unique_slug, utcnow
from kd.moderation.models import Revision, RevisionState, SlugRedirect
from kd.moderation.queries import QueueItem, claim_is_fresh, revision_kind, revision_subject
from kd.moderation.workflow import TransitionError, state_label, transition
from kd.media import services as media_services
from kd.profiles import services as profile_services
from kd.profiles.models import Profile
from kd.stories import services as story_services
from kd.stories.models import Story, story_profiles

# The members' side knows how a revision's data maps onto its rows (tags, linked profiles, sources).
REVISION_APPLIERS = {"profile": profile_services.apply_revision_data, "story": story_services.apply_revision_data}


class ClaimConflict(DomainError):
    """Another editor is deciding this item right now."""

    status_code = 409


@dataclass
class BulkResult:
    approved: list[QueueItem] = field(default_factory=list)
    refused: list[tuple[QueueItem, str]] = field(default_factory=list)


def claim_minutes() -> int:
    return current_app.config["CLAIM_MINUTES"]


def _held_by_other(subject, editor) -> bool:
    return subject.claimed_by_id not in (None, editor.id) and claim_is_fresh(subject, claim_minutes())


def claim(subject, editor) -> bool:
    """Take (or renew) the claim unless another editor holds a fresh one; True when the editor holds it."""
    if _held_by_other(subject, editor):
        return False
    if subject.claimed_by_id != editor.id:
        record(editor, f"{subject.__tablename__}.claimed", subject)
    subject.claimed_by_id, subject.claimed_at = editor.id, utcnow()
    return True


def start_review(subject, editor) -> None:
    """The editor's "Start reviewing": claim the item, refused while another editor holds a fresh claim."""
    ensure_free_for(subject, editor)
    claim(subject, editor)


def release(subject, editor) -> None:
    ensure_free_for(subject, editor)
    if subject.claimed_by_id is not None:
        record(editor, f"{subject.__tablename__}.released", subject)
    subject.claimed_by_id = subject.claimed_at = None


def ensure_free_for(subject, editor) -> None:
    if _held_by_other(subject, editor):
        holder = session.get(User, subject.claimed_by_id)
        raise ClaimConflict(_("%(name)s is reviewing this since %(time)s; wait until they finish or the claim "
                              "expires.", name=holder.display_name if holder else "?",
                              time=show_datetime(subject.claimed_at)))


def decide(subject, move: str, editor, message: str = ""):
    """An editor's move (approve, request_changes, reject, unpublish), refused while someone else holds it."""
    ensure_free_for(subject, editor)
    return transition(subject, move, editor, message)


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
    else:
        decide(item.record, "approve", editor)


def approve_revision(revision: Revision, editor, message: str = "") -> Revision:
    """The pending edit becomes the live version."""
    subject = _checked_revision_subject(revision, editor)
    if revision.submitted_by_id == editor.id:
        raise PermissionDenied(_("Another editor has to approve your own submission."))
    REVISION_APPLIERS[revision_kind(revision)](subject, dict(revision.data))
    _follow_rename(subject, revision_kind(revision))
    _close_revision(revision, RevisionState.APPROVED, editor, message)
    record(editor, f"{subject.__tablename__}.revision_approved", subject, revision=revision.id,
           fields=sorted(revision.data), message=message.strip())
    if subject.is_public:
        search.schedule_upsert(subject)
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
    if not getattr(editor, "is_editor", False):
        raise PermissionDenied(_("Only editors can do this."))
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
    if not getattr(editor, "is_editor", False):
        raise PermissionDenied(_("Only editors can do this."))
    story.verified_on = utcnow().date() if verified else None
    story.verified_by_id = editor.id if verified else None
    record(editor, "stories.verified" if verified else "stories.verification_cleared", story,
           verified_on=story.verified_on.isoformat() if verified else None)
    if story.is_public:
        search.schedule_upsert(story)
    return story


def merge_profiles(keep: Profile, duplicate: Profile, editor) -> Profile:
    """The duplicate's stories and tags move to keep; its address redirects there; it is withdrawn."""
    _check_merge(keep, duplicate, editor)
    moved = _relink_stories(keep, duplicate)
    keep.tags.extend(tag for tag in list(duplicate.tags) if tag not in keep.tags)
    if keep.owner_id is None:
        keep.owner_id = duplicate.owner_id
    old_slug, previous = duplicate.slug, duplicate.state
    _redirect_slug(duplicate, keep)
    duplicate.state = ModerationState.WITHDRAWN
    duplicate.claimed_by_id = duplicate.claimed_at = None
    duplicate.moderation_message = _("Merged into %(slug)s.", slug=keep.slug)
    record(editor, "profiles.merged", duplicate, **{"from": previous.value, "to": "withdrawn", "into": keep.id,
                                                    "into_slug": keep.slug, "old_slug": old_slug})
    record(editor, "profiles.merged_in", keep, duplicate=duplicate.id, old_slug=old_slug, stories=len(moved))
    _reindex_after_merge(keep, duplicate, moved)
    return keep


def _check_merge(keep: Profile, duplicate: Profile, editor) -> None:
    if not getattr(editor, "is_editor", False):
        raise PermissionDenied(_("Only editors can do this."))
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
    _require_editor(editor)
    media_services.mark_reviewed(photo, editor)


def reject_photo(photo, editor, message: str) -> None:
    """The photo is removed (its files after the commit); the message is kept in the audit log."""
    _require_editor(editor)
    if not message.strip():
        raise TransitionError(_("Please write a message that says why."))
    record(editor, "photo.rejected", photo, message=message.strip(), uploaded_by=photo.uploaded_by_id)
    media_services.delete_photo(photo, editor)


def _require_editor(user) -> None:
    if not getattr(user, "is_editor", False):
        raise PermissionDenied(_("Only editors can do this."))


def _follow_rename(subject, kind: str) -> None:
    """A renamed published record gets a slug from its new name; the old address redirects (301) to it."""
    wanted = slugify(subject.name) if kind == "profile" else slugify(subject.title, max_length=100)
    old_slug = subject.slug
    if old_slug == wanted or old_slug.startswith(f"{wanted}-"):
        return
    subject.slug = unique_slug(type(subject), wanted, exclude_id=subject.id)
    session.execute(delete(SlugRedirect).where(SlugRedirect.kind == kind, SlugRedirect.old_slug == subject.slug))
    session.add(SlugRedirect(kind=kind, old_slug=old_slug, target_id=subject.id))
    session.flush()


def _redirect_slug(duplicate: Profile, keep: Profile) -> None:
    old_slug = duplicate.slug
    suffix = f"-merged-{duplicate.id}"
    duplicate.slug = old_slug[:100 - len(suffix)] + suffix
    session.execute(update(SlugRedirect).where(SlugRedirect.kind == "profile",
                                               SlugRedirect.target_id == duplicate.id).values(target_id=keep.id))
    session.execute(delete(SlugRedirect).where(SlugRedirect.kind == "profile", SlugRedirect.old_slug == old_slug))
    session.add(SlugRedirect(kind="profile", old_slug=old_slug, target_id=keep.id))
    session.flush()


def _reindex_after_merge(keep: Profile, duplicate: Profile, moved: list[int]) -> None:
    search.schedule_delete(duplicate)
    if keep.is_public:
        search.schedule_upsert(keep)
    for story_id in moved:
        story = session.get(Story, story_id)
        if story.is_public:
            search.schedule_upsert(story)
