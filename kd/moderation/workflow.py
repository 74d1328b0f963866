"""The moderation state machine: every allowed transition, who may make it, and its side effects.

Features call transition(); it checks the move, stamps who/when, writes the audit log and tells
the search sink. It never commits.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kd import search
from kd.audit.services import record
from kd.core.errors import DomainError, PermissionDenied
from kd.core.moderated import ModerationState as S
from kd.db import utcnow

STATE_LABELS = {
    S.DRAFT: _l("draft"), S.SUBMITTED: _l("waiting for review"), S.CHANGES_REQUESTED: _l("changes requested"),
    S.APPROVED: _l("published"), S.REJECTED: _l("rejected"), S.UNPUBLISHED: _l("unpublished"),
    S.WITHDRAWN: _l("withdrawn"),
}


class TransitionError(DomainError):
    """A move the state machine does not allow."""


@dataclass(frozen=True)
class Move:
    name: str
    sources: frozenset
    target: S
    by_editor: bool
    needs_message: bool = False


MOVES = {move.name: move for move in (
    Move("submit", frozenset({S.DRAFT, S.CHANGES_REQUESTED, S.UNPUBLISHED, S.WITHDRAWN}), S.SUBMITTED, False),
    Move("approve", frozenset({S.SUBMITTED}), S.APPROVED, True),
    Move("request_changes", frozenset({S.SUBMITTED}), S.CHANGES_REQUESTED, True, needs_message=True),
    Move("reject", frozenset({S.SUBMITTED}), S.REJECTED, True, needs_message=True),
    Move("unpublish", frozenset({S.APPROVED}), S.UNPUBLISHED, True, needs_message=True),
    Move("withdraw", frozenset({S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.APPROVED, S.UNPUBLISHED}),
         S.WITHDRAWN, False),
)}


def state_label(state: S) -> str:
    return str(STATE_LABELS[state])


def is_owner(subject, user) -> bool:
    """The profile's owner once it has one (after a claim, the nominator no longer), else the submitter."""
    if user is None:
        return False
    owner_id = getattr(subject, "owner_id", None)
    return user.id == (owner_id if owner_id is not None else subject.submitted_by_id)


def allowed_moves(subject, user) -> list[str]:
    return [name for name in MOVES if _refusal(MOVES[name], subject, user, "x") is None]


def transition(subject, move_name: str, actor, message: str = ""):
    """Apply a named move to a Profile or Story (anything with ModeratedMixin)."""
    move = MOVES[move_name]
    refusal = _refusal(move, subject, actor, message)
    if refusal is not None:
        raise refusal
    previous = subject.state
    _stamp(subject, move, actor, message.strip())
    record(actor, f"{subject.__tablename__}.{move_name}", subject, **{
        "from": previous.value, "to": move.target.value, "message": message.strip()})
    _tell_search(subject)
    return subject


def _refusal(move: Move, subject, actor, message: str) -> DomainError | None:
    if move.by_editor and not getattr(actor, "is_editor", False):
        return PermissionDenied(_("Only editors can do this."))
    if not move.by_editor and not is_owner(subject, actor):
        return PermissionDenied(_("Only the member who submitted this can do this."))
    if move.name == "submit" and not actor.email_confirmed:
        return PermissionDenied(_("Please confirm your email address before you submit."))
    if subject.state not in move.sources:
        return TransitionError(_("This cannot be done while the item is %(state)s.",
                                 state=state_label(subject.state)))
    if move.by_editor and move.name == "approve" and subject.submitted_by_id == actor.id:
        return PermissionDenied(_("Another editor has to approve your own submission."))
    if move.needs_message and not message.strip():
        return TransitionError(_("Please write a message that says why."))
    return _publication_refusal(move, subject)


# Reasons a subject's publication_blocker() may name (e.g. a nominated person has not consented yet).
BLOCKER_MESSAGES = {
    "consent_missing": _l("The person this profile is about has not agreed to it yet. Record how consent was "
                          "obtained before you approve it."),
    "consent_declined": _l("The person this profile is about declined to be shown."),
}


def _publication_refusal(move: Move, subject) -> DomainError | None:
    blocker = getattr(subject, "publication_blocker", None)
    reason = blocker() if move.name == "approve" and blocker is not None else None
    if reason is None:
        return None
    return TransitionError(str(BLOCKER_MESSAGES.get(reason, _l("This cannot be published yet."))))


def _stamp(subject, move: Move, actor, message: str) -> None:
    now = utcnow()
    subject.state = move.target
    subject.claimed_by_id = subject.claimed_at = None
    if move.name == "submit":
        subject.submitted_at = now
    if move.by_editor:
        subject.reviewed_by_id, subject.reviewed_at = actor.id, now
        subject.moderation_message = message
    if move.name == "approve":
        subject.published_at = subject.published_at or now


def _tell_search(subject) -> None:
    if subject.state is S.APPROVED:
        search.schedule_upsert(subject)
    else:
        search.schedule_delete(subject)
