"""Proposed edits of published content: the live version stays until an editor approves the revision."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import or_, select

from kd.audit.services import record
from kd.content.kinds import kind_of, model_of
from kd.content.models import Revision, RevisionState
from kd.db import session


def _of(subject):
    return select(Revision).where(Revision.subject_type == kind_of(subject), Revision.subject_id == subject.id)


def revisions_of(subject) -> list[Revision]:
    """Newest first."""
    return list(session.scalars(_of(subject).order_by(Revision.created_at.desc(), Revision.id.desc())))


def revisions_by_subject(subjects) -> dict[tuple[str, int], list[Revision]]:
    """Every revision of these subjects in one query: (kind, id) -> its revisions, newest first (a list
    page reads each subject's pending edit and latest decision from it instead of two queries each)."""
    ids = defaultdict(list)
    for subject in subjects:
        ids[kind_of(subject)].append(subject.id)
    found: dict[tuple[str, int], list[Revision]] = {(kind, row_id): [] for kind, rows in ids.items() for row_id in rows}
    if ids:
        for revision in session.scalars(select(Revision).where(or_(*(
                (Revision.subject_type == kind) & Revision.subject_id.in_(rows) for kind, rows in ids.items())))
                .order_by(Revision.id.desc())):
            found[(revision.subject_type, revision.subject_id)].append(revision)
    return found


def pending_among(revisions: list[Revision]) -> Revision | None:
    """The newest pending one of a subject's revisions (newest first), as pending_revision finds it."""
    return next((revision for revision in revisions if revision.state is RevisionState.PENDING), None)


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
