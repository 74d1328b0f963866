"""An editor's claim on an item while deciding it: others see who holds it; it goes stale after a while."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app
from flask_babel import gettext as _

from kd.audit.services import record
from kd.core.errors import DomainError
from kd.core.i18n import show_datetime
from kd.db import session, utcnow


class ClaimConflict(DomainError):
    """Another editor is deciding this item right now."""

    status_code = 409


def as_aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def claim_minutes() -> int:
    return current_app.config["CLAIM_MINUTES"]


def claim_is_fresh(subject, minutes: int, now: datetime | None = None) -> bool:
    if subject.claimed_by_id is None or subject.claimed_at is None:
        return False
    return as_aware(subject.claimed_at) > (now or utcnow()) - timedelta(minutes=minutes)


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
    """Refuses while another editor holds a fresh claim (the holder is a user like the editor)."""
    if _held_by_other(subject, editor):
        holder = session.get(type(editor), subject.claimed_by_id)
        raise ClaimConflict(_("%(name)s started reviewing this at %(time)s; wait until they finish or the "
                              "claim expires.", name=holder.display_name if holder else "?",
                              time=show_datetime(subject.claimed_at)))
