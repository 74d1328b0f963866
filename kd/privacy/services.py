"""Deleting an account: content about the member goes, published content about others goes to the editors
if the member chooses, the audit log keeps the events without personal data. Never commits; photo files
and search entries go only once the caller's transaction has committed."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import delete, select, update

from kd.accounts.services import AccountError, guard_last_admin
from kd.audit.models import AuditEntry
from kd.audit.services import record
from kd.content import changes
from kd.content.kinds import kind_of
from kd.content.models import Revision
from kd.content.redirects import forget_redirects_to
from kd.core.passwords import verify_password
from kd.db import session
from kd.media.queries import photos_of
from kd.media.services import delete_photos_of
from kd.privacy.queries import deletion_plan, subject_key
from kd.profiles.models import Profile
from kd.stories.models import Story


class WrongPassword(AccountError):
    """The password typed to confirm the deletion is not the account's."""


@dataclass(frozen=True)
class DeletedAccount:
    """What the confirmation mail needs once the row is gone."""

    email: str
    display_name: str
    locale: str
    removed: int
    handed_over: int


def delete_account(user, password: str, hand_over: Iterable[str] = ()) -> DeletedAccount:
    """hand_over: keys ("profile:12", "story:7") of published items about others the editors keep."""
    if not verify_password(user.password_hash, password):
        raise WrongPassword(_("Your password is not right."))
    guard_last_admin(user)
    plan = deletion_plan(user)
    chosen = set(hand_over)
    handed = [subject for subject in plan.handable if subject_key(subject) in chosen]
    removed = plan.removed + [subject for subject in plan.handable if subject not in handed]
    for subject in handed:
        _hand_to_editors(subject, user)
    _reindex_stories_naming(removed)
    _scrub_audit_details(_remove_all(removed, user))
    deleted = DeletedAccount(user.email, user.display_name, user.locale or "en", len(removed), len(handed))
    record(None, "user.deleted", user, removed=len(removed), handed_over=len(handed))
    session.delete(user)
    session.flush()
    return deleted


def _hand_to_editors(subject, user) -> None:
    subject.submitted_by_id = None
    if getattr(subject, "owner_id", None) == user.id:
        subject.owner_id = None
    record(user, f"{subject.__tablename__}.handed_to_editors", subject)


def _remove_all(subjects: list, user) -> dict[str, list[int]]:
    """Delete the subjects with their photos, revisions and old addresses; the ids, by table, of what went."""
    gone: dict[str, list[int]] = {"users": [user.id], "profiles": [], "stories": [], "photos": []}
    for subject in subjects:
        gone["photos"].extend(photo.id for photo in photos_of(subject))
        gone[subject.__tablename__].append(subject.id)
        _remove(subject, user)
    return gone


def _remove(subject, user) -> None:
    record(user, f"{subject.__tablename__}.removed_with_account", subject)
    changes.removed(subject)
    delete_photos_of(subject, user)
    session.execute(delete(Revision).where(Revision.subject_type == kind_of(subject),
                                           Revision.subject_id == subject.id))
    forget_redirects_to(subject)
    session.delete(subject)


def _reindex_stories_naming(removed: list) -> None:
    """Published stories that stay lose their link to a removed profile: their search entry changes."""
    profile_ids = [subject.id for subject in removed if isinstance(subject, Profile)]
    removed_ids = {subject.id for subject in removed if isinstance(subject, Story)}
    for story in session.scalars(select(Story).where(Story.profiles.any(Profile.id.in_(profile_ids)))):
        if story.id not in removed_ids and story.is_public:
            changes.changed(story)


def _scrub_audit_details(gone: dict[str, list[int]]) -> None:
    """The events stay (what, when, on which record); their details about the member or their content go."""
    session.flush()
    for table, ids in gone.items():
        if ids:
            session.execute(update(AuditEntry).where(AuditEntry.subject_type == table, AuditEntry.subject_id.in_(ids))
                            .values(details={}))

