"""record(): the one way to write the audit log."""
from __future__ import annotations

from typing import Any

from kd.audit.models import AuditEntry
from kd.db import session


def record(actor, action: str, subject, **details: Any) -> AuditEntry:
    """Add an entry in the caller's transaction, so it commits or rolls back with the change."""
    if getattr(subject, "id", 0) is None:
        session.flush()
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        action=action,
        subject_type=getattr(subject, "__tablename__", type(subject).__name__.lower()),
        subject_id=getattr(subject, "id", None),
        details={key: _plain(value) for key, value in details.items()},
    )
    session.add(entry)
    return entry


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)
