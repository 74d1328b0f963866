"""Proposed edits of published content: the live version stays until an editor approves the revision."""
from __future__ import annotations

from sqlalchemy import select

from kd.audit.services import record
from kd.content.kinds import kind_of, model_of
from kd.content.models import Revision, RevisionState
from kd.db import session


def _of(subject):
    return select(Revision).where(Revision.subject_type == kind_of(subject), Revision.subject_id == subject.id)


def revisions_of(subject) -> list[Revision]:
    """Newest first."""
    return list(session.scalars(_of(subject).order_by(Revision.created_at.desc(), Revision.id.desc())))


def pending_revision(subject) -> Revision | None:
    return session.scalars(_of(subject).where(Revision.state == RevisionState.PENDING)
                           .order_by(Revision.id.desc())).first()


def revision_subject(revision: Revision):
    """The record a revision proposes to change, or None once it is gone."""
    model = model_of(revision.subject_type)
    return session.get(model, revision.subject_id) if model else None


def propose_revision(subject, author, data: dict) -> Revision:
    """A pending edit of published content; an older pending edit of the same subject is superseded."""
    for older in session.scalars(_of(subject).where(Revision.state == RevisionState.PENDING)):
        older.state = RevisionState.SUPERSEDED
    revision = Revision(subject_type=kind_of(subject), subject_id=subject.id, data=data,
                        submitted_by_id=author.id, state=RevisionState.PENDING)
    session.add(revision)
    session.flush()
    record(author, f"{subject.__tablename__}.revision_proposed", subject, revision=revision.id)
    return revision
