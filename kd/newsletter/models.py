"""Subscribers (double opt-in) and digests, with one delivery row per subscriber per digest."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kd.db import Base, utcnow


class Subscriber(Base):
    """An address that asked for the newsletter; it receives nothing but the confirmation until confirmed."""

    __tablename__ = "newsletter_subscribers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    locale: Mapped[str] = mapped_column(String(8), default="en")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(index=True)

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


class Digest(Base):
    """One mailing: what was approved in [period_start, period_end); finished once everyone has it."""

    __tablename__ = "newsletter_digests"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_start: Mapped[datetime]
    period_end: Mapped[datetime] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]


class DigestDelivery(Base):
    """Claimed before the mail goes out, so a re-run or a second run never sends it twice."""

    __tablename__ = "newsletter_digest_deliveries"
    __table_args__ = (UniqueConstraint("digest_id", "subscriber_id",
                                       name="uq_newsletter_digest_deliveries_digest_subscriber"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    digest_id: Mapped[int] = mapped_column(ForeignKey("newsletter_digests.id", ondelete="CASCADE"))
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("newsletter_subscribers.id", ondelete="CASCADE"),
                                               index=True)
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
