"""Pending index changes ride on the SQLAlchemy session and are handed over just before the commit
(inside the transaction) and after it."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

from kd.db import session as db_session

PENDING_KEY = "kd.search.pending"
Changes = list[tuple[str, str, int]]
_appliers: list[Callable[[Changes], None]] = []
_preparers: list[Callable[[Session, Changes], None]] = []


def _pending(session: Session) -> Changes:
    return session.info.setdefault(PENDING_KEY, [])


def schedule_upsert(obj) -> None:
    _schedule("upsert", obj)


def schedule_delete(obj) -> None:
    _schedule("delete", obj)


def _schedule(operation: str, obj) -> None:
    if obj.id is None:
        db_session.flush()
    _pending(db_session())[:] = [item for item in _pending(db_session())
                                 if item[1:] != (obj.__tablename__, obj.id)]
    _pending(db_session()).append((operation, obj.__tablename__, obj.id))


def on_commit(applier: Callable[[Changes], None]) -> None:
    """Register the function that applies committed changes (the search backend)."""
    if applier not in _appliers:
        _appliers.append(applier)


def before_commit(preparer: Callable[[Session, Changes], None]) -> None:
    """Register a function that runs inside the transaction, just before it commits, with the changes
    scheduled in it (e.g. copying a story's published_at onto its tag links)."""
    if preparer not in _preparers:
        _preparers.append(preparer)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    changes = list(session.info.get(PENDING_KEY, []))
    if changes:
        for preparer in _preparers:
            preparer(session, changes)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    changes = session.info.pop(PENDING_KEY, [])
    if changes:
        for applier in _appliers:
            applier(changes)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING_KEY, None)
