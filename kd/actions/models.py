"""Actions: a request to an institution, written in English and Albanian, and who took part."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kd.content.kinds import subject_kind
from kd.content.states import ModeratedMixin, approved_is_published
from kd.db import Base, TimestampMixin, str_enum, utcnow


class InstitutionKind(enum.Enum):
    COMPANY = "company"
    STANDARDS_BODY = "standards_body"
    GOVERNMENT = "government"
    INTERNATIONAL_ORGANISATION = "international_organisation"


class ActionStatus(enum.Enum):
    """The campaign's outcome; separate from the moderation state."""

    OPEN = "open"
    WON = "won"
    CLOSED = "closed"


@subject_kind("action")
class Action(ModeratedMixin, TimestampMixin, Base):
    __tablename__ = "actions"
    __table_args__ = (CheckConstraint("status <> 'won' OR won_on IS NOT NULL", name="won_has_date"),
                      approved_is_published())

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title_en: Mapped[str] = mapped_column(String(200), default="")
    title_sq: Mapped[str] = mapped_column(String(200), default="")
    target_name: Mapped[str] = mapped_column(String(160))
    target_website: Mapped[str] = mapped_column(String(500), default="")
    target_kind: Mapped[InstitutionKind] = mapped_column(str_enum(InstitutionKind, "institution_kind"))
    problem_en: Mapped[str] = mapped_column(Text, default="")
    problem_sq: Mapped[str] = mapped_column(Text, default="")
    request_en: Mapped[str] = mapped_column(Text, default="")
    request_sq: Mapped[str] = mapped_column(Text, default="")
    email_to: Mapped[str] = mapped_column(String(254), default="")
    web_form_url: Mapped[str] = mapped_column(String(500), default="")
    social_account: Mapped[str] = mapped_column(String(120), default="")
    social_post_en: Mapped[str] = mapped_column(String(500), default="")
    social_post_sq: Mapped[str] = mapped_column(String(500), default="")
    hashtag: Mapped[str] = mapped_column(String(80), default="")
    hashtag_slug: Mapped[str] = mapped_column(String(80), default="", index=True)
    starts_on: Mapped[date]
    status: Mapped[ActionStatus] = mapped_column(str_enum(ActionStatus, "action_status"),
                                                 default=ActionStatus.OPEN, index=True)
    won_on: Mapped[date | None]
    won_recorded_at: Mapped[datetime | None]
    evidence_url: Mapped[str] = mapped_column(String(500), default="")

    participations = relationship("Participation", back_populates="action", lazy="raise",
                                  cascade="all, delete-orphan", passive_deletes=True)

    def text(self, name: str, locale: str) -> str:
        """A bilingual field in the locale, falling back to the other language when it is empty."""
        first, second = ("sq", "en") if locale == "sq" else ("en", "sq")
        return getattr(self, f"{name}_{first}") or getattr(self, f"{name}_{second}")

    def has_text_in(self, name: str, locale: str) -> bool:
        return bool(getattr(self, f"{name}_{locale}"))


class Participation(Base):
    """One member took part in one action, once: the unique constraint settles simultaneous clicks."""

    __tablename__ = "action_participations"
    __table_args__ = (UniqueConstraint("action_id", "user_id", name="uq_action_participations_action_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    show_name: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    action = relationship("Action", back_populates="participations")
    user = relationship("User", lazy="joined")
