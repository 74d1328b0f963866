"""What visitors see changed: the content_changed signal.

Services call changed(obj) or removed(obj) inside their transaction (announce(obj) picks by whether the
object is public). The changes ride on the SQLAlchemy session and are announced by two blinker signals,
so search, the browse counts and the share cards subscribe without the services knowing them:

    content_changing   inside the transaction, just before it commits (PostgreSQL search rows, tag dates)
    content_changed    after the commit (the Whoosh index, browse counts, share cards, the page cache); never
                       on rollback

Receivers get the session as sender and changes=[(operation, table, id), ...] with operation "upsert" (it
changed: show its new version if it is public) or "delete" (it is gone or no longer public).

A bulk job that commits item by item (the WordPress import) wraps its loop in announced_together(): the
changes of all its commits are announced in one content_changed, when the block ends or at its send(),
so the search index takes one write per batch instead of one per commit.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from blinker import Namespace
from sqlalchemy import event
from sqlalchemy.orm import Session

from kd.db import session as db_session

PENDING_KEY = "kd.content.pending"
HELD_KEY = "kd.content.held"
Changes = list[tuple[str, str, int]]

_signals = Namespace()
content_changing = _signals.signal("content-changing")
content_changed = _signals.signal("content-changed")


def _pending(session: Session) -> Changes:
    return session.info.setdefault(PENDING_KEY, [])


def changed(obj) -> None:
    _schedule("upsert", obj)


def removed(obj) -> None:
    _schedule("delete", obj)


def announce(obj) -> None:
    """After a change of state: public content changed, anything else left the public site."""
    (changed if obj.is_public else removed)(obj)


def _schedule(operation: str, obj) -> None:
    if obj.id is None:
        db_session.flush()
    pending = _pending(db_session())
    pending[:] = [item for item in pending if item[1:] != (obj.__tablename__, obj.id)]
    pending.append((operation, obj.__tablename__, obj.id))


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    changes = list(session.info.get(PENDING_KEY, []))
    if changes:
        content_changing.send(session, changes=changes)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    changes = session.info.pop(PENDING_KEY, [])
    held = session.info.get(HELD_KEY)
    if held is not None:
        held.extend(changes)
    elif changes:
        content_changed.send(session, changes=changes)


class HeldChanges:
    """The committed changes announced_together() holds back until send()."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def send(self) -> None:
        held = self.session.info.get(HELD_KEY)
        if not held:
            return
        latest = {item[1:]: item for item in held}   # the last word about a row wins
        held.clear()
        content_changed.send(self.session, changes=list(latest.values()))


@contextmanager
def announced_together() -> Iterator[HeldChanges]:
    """Hold content_changed for every commit in the block; announce them at send() and when it ends,
    also when it ends by an error: what was committed stays committed and must be seen."""
    session = db_session()
    session.info[HELD_KEY] = []
    batch = HeldChanges(session)
    try:
        yield batch
    finally:
        batch.send()
        session.info.pop(HELD_KEY, None)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING_KEY, None)
