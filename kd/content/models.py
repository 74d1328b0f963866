from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kd.content.kinds import kind_check
from kd.db import Base, str_enum, utcnow


class RevisionState(enum.Enum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"


class Revision(Base):
    """A proposed edit of published content; the live version stays until an editor approves it."""

    __tablename__ = "revisions"
    __table_args__ = (Index("ix_revisions_subject", "subject_type", "subject_id", "state"),
                      CheckConstraint(kind_check("subject_type"), name="subject_kind"))

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int]
    data: Mapped[dict] = mapped_column(JSON)
    state: Mapped[RevisionState] = mapped_column(str_enum(RevisionState, "revision_state"),
                                                 default=RevisionState.PENDING)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None]
    message: Mapped[str] = mapped_column(Text, default="")


class SlugRedirect(Base):
    """An old public address (of a merged profile, say) that now points at another record."""

    __tablename__ = "slug_redirects"
    __table_args__ = (UniqueConstraint("kind", "old_slug", name="uq_slug_redirects_kind_old_slug"),
                      CheckConstraint(kind_check("kind"), name="subject_kind"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    old_slug: Mapped[str] = mapped_column(String(120))
    target_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
