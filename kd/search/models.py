"""Items whose index write failed (or came during a rebuild): re-indexed by the next write or `kd reindex`."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kd.db import Base, utcnow


class ReindexItem(Base):
    __tablename__ = "search_reindex_queue"
    __table_args__ = (UniqueConstraint("subject_type", "subject_id", name="subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int]
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)
