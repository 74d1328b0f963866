"""A translation of a story or a profile, who may translate, and who is translating what right now."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kd.content.kinds import kind_check
from kd.content.states import ModeratedMixin, approved_is_published
from kd.db import Base, TimestampMixin, str_enum, utcnow


class Translation(ModeratedMixin, TimestampMixin, Base):
    """One language version of a published story (title, summary, body, photo texts) or profile (headline,
    bio). `language` (from the mixin) is the translation's; `source` is the original's texts it was made
    from, so a later approved edit of the original marks it stale and shows what changed."""

    __tablename__ = "translations"
    __table_args__ = (approved_is_published(),
                      CheckConstraint(kind_check("subject_type"), name="subject_kind"),
                      Index("ix_translations_subject", "subject_type", "subject_id", "language", "state"))

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int]
    source_language: Mapped[str] = mapped_column(String(8), default="sq")
    title: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    headline: Mapped[str] = mapped_column(String(200), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    # {photo id as text: {"alt_text": ..., "caption": ...}}
    photo_texts: Mapped[dict] = mapped_column(JSON, default=dict)
    source: Mapped[dict] = mapped_column(JSON, default=dict)
    source_updated_at: Mapped[datetime | None]
    stale_since: Mapped[datetime | None] = mapped_column(index=True)

    @property
    def is_stale(self) -> bool:
        return self.stale_since is not None


class GrantState(enum.Enum):
    REQUESTED = "requested"
    GRANTED = "granted"


class TranslatorGrant(Base):
    """The translator capability: asked for by a member and granted by an editor, or granted by an admin."""

    __tablename__ = "translator_grants"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[GrantState] = mapped_column(str_enum(GrantState, "translator_grant_state"),
                                              default=GrantState.REQUESTED, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]


class TranslationClaim(Base):
    """A translator's "I am translating this" on the Needs-translation list; it expires after a while."""

    __tablename__ = "translation_claims"
    __table_args__ = (UniqueConstraint("subject_type", "subject_id", "language",
                                       name="uq_translation_claims_subject"),
                      CheckConstraint(kind_check("subject_type"), name="subject_kind"))

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int]
    language: Mapped[str] = mapped_column(String(8))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
