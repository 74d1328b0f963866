from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kd.content.kinds import kind_check
from kd.db import Base, str_enum, utcnow


class ReportKind(enum.Enum):
    REPORT = "report"
    CORRECTION = "correction"


class ReportCategory(enum.Enum):
    ABUSE = "abuse"
    PRIVACY = "privacy"
    COPYRIGHT = "copyright"
    OTHER = "other"


class ReportState(enum.Enum):
    OPEN = "open"
    CLOSED = "closed"


class Report(Base):
    """A visitor's report about, or correction to, a published profile or story."""

    __tablename__ = "reports"
    __table_args__ = (
        Index("ix_reports_state_created", "state", "created_at"),
        CheckConstraint("state = 'open' OR closed_at IS NOT NULL", name="closed_has_date"),
        CheckConstraint(kind_check("subject_type"), name="subject_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ReportKind] = mapped_column(str_enum(ReportKind, "report_kind"))
    category: Mapped[ReportCategory | None] = mapped_column(str_enum(ReportCategory, "report_category"))
    message: Mapped[str] = mapped_column(Text)
    subject_type: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int]
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    sender_name: Mapped[str] = mapped_column(String(120), default="")
    sender_email: Mapped[str] = mapped_column(String(254), default="")
    state: Mapped[ReportState] = mapped_column(str_enum(ReportState, "report_state"), default=ReportState.OPEN)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None]
    close_note: Mapped[str] = mapped_column(Text, default="")

    sender = relationship("User", foreign_keys=[sender_id], lazy="joined")
    closed_by = relationship("User", foreign_keys=[closed_by_id], lazy="joined")
