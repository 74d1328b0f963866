"""What an editor last said to the member about a submission: on the item itself (changes requested,
rejected, unpublished) or on a proposed edit of it (a revision approved or rejected with a note)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from kd.content.kinds import kind_of
from kd.content.models import Revision, RevisionState
from kd.content.states import ModerationState
from kd.db import session


@dataclass(frozen=True)
class EditorMessage:
    text: str
    at: datetime | None
    on_revision: bool  # about the member's proposed changes of a published item, not the item itself
    rejected: bool

    @property
    def final(self) -> bool:
        """A rejected item cannot be revised; rejected changes of a published item can be proposed again."""
        return self.rejected and not self.on_revision


DECIDED = (RevisionState.APPROVED, RevisionState.REJECTED)


def _subject_message(subject) -> EditorMessage | None:
    text = (subject.moderation_message or "").strip()
    if not text:
        return None
    return EditorMessage(text, subject.reviewed_at, on_revision=False,
                         rejected=subject.state is ModerationState.REJECTED)


def _revision_message(subject, revisions: list[Revision] | None) -> EditorMessage | None:
    if revisions is None:
        latest = session.scalars(select(Revision).where(
            Revision.subject_type == kind_of(subject), Revision.subject_id == subject.id,
            Revision.state.in_(DECIDED)).order_by(Revision.reviewed_at.desc(), Revision.id.desc())).first()
    else:
        decided = [revision for revision in revisions if revision.state in DECIDED and revision.reviewed_at]
        latest = max(decided, key=lambda revision: (revision.reviewed_at, revision.id), default=None)
    if latest is None or not (latest.message or "").strip():
        return None
    return EditorMessage(latest.message.strip(), latest.reviewed_at, on_revision=True,
                         rejected=latest.state is RevisionState.REJECTED)


def latest_editor_message(subject, revisions: list[Revision] | None = None) -> EditorMessage | None:
    """The newest of the two, or None when the editors said nothing the member still needs to read.
    revisions: the subject's revisions when the caller has loaded them (kd.content.revisions)."""
    if subject is None or getattr(subject, "id", None) is None:
        return None
    found = [message for message in (_subject_message(subject), _revision_message(subject, revisions)) if message]
    return max(found, key=lambda message: (message.at is not None, message.at)) if found else None
