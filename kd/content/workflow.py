"""The moderation state machine: every allowed move, who may make it, and what it stamps.

Every change of a moderated row's state is one of these named moves, made through transition(): it checks
the move, stamps who and when, writes the audit log and announces the change (kd.content.changes). It
never commits. decide() is an editor's move, refused while another editor holds the item.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from kd.audit.services import record
from kd.content import changes
from kd.content.claims import ensure_free_for
from kd.content.states import ModerationState as S
from kd.core.auth import require_confirmed, require_editor
from kd.core.errors import DomainError, PermissionDenied
from kd.db import utcnow

STATE_LABELS = {
    S.DRAFT: _l("draft"), S.SUBMITTED: _l("waiting for review"), S.CHANGES_REQUESTED: _l("changes requested"),
    S.APPROVED: _l("published"), S.REJECTED: _l("rejected"), S.UNPUBLISHED: _l("unpublished"),
    S.WITHDRAWN: _l("withdrawn"),
}
EDITOR, OWNER, SUBJECT = "editor", "owner", "subject"  # SUBJECT: the person a profile is about, by their link
ALL_STATES = frozenset(S)


class TransitionError(DomainError):
    """A move the state machine does not allow."""


@dataclass(frozen=True)
class Move:
    name: str
    sources: frozenset
    target: S
    by: str
    needs_message: bool = False
    audit_as: str = ""  # the audit entry's name when it is not the move's

    @property
    def by_editor(self) -> bool:
        return self.by == EDITOR


MOVES = {move.name: move for move in (
    Move("submit", frozenset({S.DRAFT, S.CHANGES_REQUESTED, S.UNPUBLISHED, S.WITHDRAWN}), S.SUBMITTED, OWNER),
    Move("approve", frozenset({S.SUBMITTED}), S.APPROVED, EDITOR),
    Move("request_changes", frozenset({S.SUBMITTED}), S.CHANGES_REQUESTED, EDITOR, needs_message=True),
    Move("reject", frozenset({S.SUBMITTED}), S.REJECTED, EDITOR, needs_message=True),
    Move("unpublish", frozenset({S.APPROVED}), S.UNPUBLISHED, EDITOR, needs_message=True),
    Move("withdraw", frozenset({S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.APPROVED, S.UNPUBLISHED}),
         S.WITHDRAWN, OWNER),
    # An editor's own content (an action) goes to the public site at once.
    Move("publish", frozenset({S.DRAFT}), S.APPROVED, EDITOR, audit_as="created"),
    # A duplicate merged into another record leaves the site whatever its state.
    Move("merge_away", ALL_STATES, S.WITHDRAWN, EDITOR, audit_as="merged"),
    # The person a published profile is about declined through their consent link.
    Move("take_down", frozenset({S.APPROVED}), S.WITHDRAWN, SUBJECT, audit_as="withdraw"),
)}
# Moves a member or an editor chooses on a page (the others are made by services).
CHOSEN_MOVES = ("submit", "approve", "request_changes", "reject", "unpublish", "withdraw")


def state_label(state: S) -> str:
    return str(STATE_LABELS[state])


def state_labels() -> dict[S, str]:
    """Every state's label in the current language, for a page that names the states of many rows."""
    return {state: str(label) for state, label in STATE_LABELS.items()}


def is_owner(subject, user) -> bool:
    """The profile's owner once it has one (after a claim, the nominator no longer), else the submitter."""
    if user is None:
        return False
    owner_id = getattr(subject, "owner_id", None)
    return user.id == (owner_id if owner_id is not None else subject.submitted_by_id)


def allowed_moves(subject, user) -> list[str]:
    return [name for name in CHOSEN_MOVES if _refusal(MOVES[name], subject, user, "x") is None]


def transition(subject, move_name: str, actor, message: str = "", **details):
    """Apply a named move to a moderated row (anything with ModeratedMixin); details join the audit entry."""
    move = MOVES[move_name]
    _check(move, subject, actor, message)
    previous = subject.state
    _stamp(subject, move, actor, message.strip())
    record(actor, f"{subject.__tablename__}.{move.audit_as or move_name}", subject, **{
        "from": previous.value, "to": move.target.value, "message": message.strip(), **details})
    if previous is S.APPROVED or subject.is_public:  # a move between unpublished states shows visitors nothing
        changes.announce(subject)
    return subject


def decide(subject, move_name: str, editor, message: str = "", **details):
    """An editor's move, refused while another editor holds a fresh claim on the item."""
    ensure_free_for(subject, editor)
    return transition(subject, move_name, editor, message, **details)


REFUSALS = {  # _refusal()'s reasons with their error and message (%(state)s: the item's state)
    "owner": (PermissionDenied, _l("Only the member who submitted this can do this.")),
    "state": (TransitionError, _l("This cannot be done while the item is %(state)s.")),
    "own": (PermissionDenied, _l("Another editor has to approve your own submission.")),
    "message": (TransitionError, _l("Please write a message that says why.")),
}


def _refusal(move: Move, subject, actor, message: str) -> str | None:
    """Why the move is refused, or None; no message is built (a list page asks this of every row's moves)."""
    if move.by == EDITOR and not getattr(actor, "is_editor", False):
        return "editor"
    if move.by == OWNER and not is_owner(subject, actor):
        return "owner"
    if move.name == "submit" and not actor.email_confirmed:
        return "unconfirmed"
    if subject.state not in move.sources:
        return "state"
    if move.name == "approve" and subject.submitted_by_id == actor.id:
        return "own"
    if move.needs_message and not message.strip():
        return "message"
    return "blocked" if _publication_blocker(move, subject) else None


def _check(move: Move, subject, actor, message: str) -> None:
    reason = _refusal(move, subject, actor, message)
    if reason == "editor":
        require_editor(actor)
    if reason == "unconfirmed":
        require_confirmed(actor)
    if reason in REFUSALS:
        error, text = REFUSALS[reason]
        raise error(str(text) % {"state": state_label(subject.state)})
    if reason == "blocked":
        blocker = _publication_blocker(move, subject)
        raise TransitionError(str(BLOCKER_MESSAGES.get(blocker, _l("This cannot be published yet."))))


# Reasons a subject's publication_blocker() may name (e.g. a nominated person has not consented yet).
BLOCKER_MESSAGES = {
    "consent_missing": _l("The person this profile is about has not agreed to it yet. Record how consent was "
                          "obtained before you approve it."),
    "consent_declined": _l("The person this profile is about declined to be shown."),
}


def _publication_blocker(move: Move, subject) -> str | None:
    blocker = getattr(subject, "publication_blocker", None)
    return blocker() if move.target is S.APPROVED and blocker is not None else None


def _stamp(subject, move: Move, actor, message: str) -> None:
    now = utcnow()
    subject.state = move.target
    subject.claimed_by_id = subject.claimed_at = None
    if move.name in ("submit", "publish"):
        subject.submitted_at = now
    if move.by_editor:
        subject.reviewed_by_id, subject.reviewed_at = actor.id, now
        subject.moderation_message = message
    if move.target is S.APPROVED:
        subject.published_at = subject.published_at or now
