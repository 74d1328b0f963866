from __future__ import annotations

from sqlalchemy import select

from kd.audit.models import AuditEntry
from kd.db import session


def history_of(subject_type: str, subject_id: int, limit: int = 50) -> list[AuditEntry]:
    return list(session.scalars(
        select(AuditEntry).where(AuditEntry.subject_type == subject_type, AuditEntry.subject_id == subject_id)
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()).limit(limit)))
