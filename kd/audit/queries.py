from __future__ import annotations

from sqlalchemy import and_, or_, select

from kd.audit.models import AuditEntry
from kd.db import session


def history_of(subject_type: str, subject_id: int, limit: int = 50) -> list[AuditEntry]:
    return list(session.scalars(
        select(AuditEntry).where(AuditEntry.subject_type == subject_type, AuditEntry.subject_id == subject_id)
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()).limit(limit)))


def activity_of(user_id: int, limit: int = 100) -> list[AuditEntry]:
    """What was done to the account and what its user did, newest first."""
    about_account = and_(AuditEntry.subject_type == "users", AuditEntry.subject_id == user_id)
    return list(session.scalars(
        select(AuditEntry).where(or_(about_account, AuditEntry.actor_id == user_id))
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()).limit(limit)))
