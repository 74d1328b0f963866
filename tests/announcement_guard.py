"""A test-only check that every request which commits a change visitors can see also announced it on
content_changed (kd.content.changes): search, the page cache, share cards and browse counts learn of
changes only that way, so a service that forgets to announce leaves them stale without any error.

Rows written by test factories outside a request are not watched: they stand for content published earlier.
"""
from __future__ import annotations

from flask import has_request_context, request
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from kd.content.changes import PENDING_KEY
from kd.profiles.models import Profile
from kd.stories.models import Story

# Rows that anonymous pages show.
PUBLIC_TABLES = frozenset({"profiles", "stories", "tags", "photos", "collections", "collection_items", "actions",
                           "action_participations", "site_pages", "partners", "story_sources"})
SEEN_KEY, ANNOUNCED_KEY = "kd.test.visible_write", "kd.test.announced"


class AnnouncementGuard:
    def __init__(self) -> None:
        self.unannounced: list[str] = []

    def install(self) -> None:
        event.listen(Session, "after_flush", self._after_flush)
        event.listen(Session, "before_commit", self._before_commit)
        event.listen(Session, "after_commit", self._after_commit)
        event.listen(Session, "after_rollback", self._forget)

    def remove(self) -> None:
        event.remove(Session, "after_flush", self._after_flush)
        event.remove(Session, "before_commit", self._before_commit)
        event.remove(Session, "after_commit", self._after_commit)
        event.remove(Session, "after_rollback", self._forget)

    def _after_flush(self, session: Session, _context) -> None:
        if not has_request_context():
            return
        written = [(row, True) for row in session.new] + [(row, False) for row in (*session.dirty, *session.deleted)]
        row = next((row for row, new in written if _visible(session, row, new)), None)
        if row is not None:
            session.info.setdefault(SEEN_KEY, f"{request.method} {request.path} wrote {row!r}")

    def _before_commit(self, session: Session) -> None:
        session.info[ANNOUNCED_KEY] = bool(session.info.get(PENDING_KEY))

    def _after_commit(self, session: Session) -> None:
        seen, announced = session.info.pop(SEEN_KEY, None), session.info.pop(ANNOUNCED_KEY, False)
        if seen and not announced:
            self.unannounced.append(seen)

    def _forget(self, session: Session) -> None:
        session.info.pop(SEEN_KEY, None)
        session.info.pop(ANNOUNCED_KEY, None)


def _visible(session: Session, row, new: bool) -> bool:
    """Whether visitors could see this change: a public row, or one that just stopped being public (a
    member's draft, its new tags, sources and photos, or an editor's claim on a submission change nothing
    they see)."""
    table = getattr(row, "__tablename__", "")
    if table not in PUBLIC_TABLES or (new and table == "tags"):
        return False  # a new tag shows only on approved content, and that approval is announced
    if table == "photos" and row.pending_review and (new or not _was(row, "pending_review", False)):
        return False  # hidden before and after
    if table in ("story_sources", "photos"):
        return _visible(session, _parent(session, row), False)  # the story or profile decides
    if not hasattr(row, "is_public") or row.is_public:
        return not _only_claimed(row)
    return _was(row, "state", "approved")


def _was(row, name: str, value) -> bool:
    history = inspect(row).attrs[name].history if name in inspect(row).attrs else None
    return history is not None and any(getattr(old, "value", old) == value for old in history.deleted)


def _only_claimed(row) -> bool:
    """An editor's claim on a published item's pending edit changes nothing visitors see."""
    changed = {attr.key for attr in inspect(row).attrs if attr.history.has_changes()}
    return bool(changed) and changed <= {"claimed_by_id", "claimed_at", "updated_at"}


def _parent(session: Session, row):
    """The story or profile a source or photo belongs to (in after_flush a new one is not yet in the
    identity map, and a new child's relationship is not loaded)."""
    model, key = (Story, row.story_id) if getattr(row, "story_id", None) else (Profile, row.profile_id)
    held = session.identity_map.get(identity_key(model, key))
    held = held or next((each for each in session.new if isinstance(each, model) and each.id == key), None)
    if held is None:
        with session.no_autoflush:
            held = session.get(model, key)
    return held
