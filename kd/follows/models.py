"""Follows, each member's digest frequency, and digest runs with one claimed delivery per member per run."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kd.db import Base, str_enum, utcnow


class FollowKind(enum.Enum):
    TAG = "tag"
    COUNTRY = "country"
    MUNICIPALITY = "municipality"
    FIELD = "field"
    PROFILE = "profile"
    COLLECTION = "collection"


CODE_KINDS = frozenset({FollowKind.COUNTRY, FollowKind.MUNICIPALITY, FollowKind.FIELD})


class Frequency(enum.Enum):
    IMMEDIATELY = "immediately"
    DAILY = "daily"
    WEEKLY = "weekly"
    NEVER = "never"


DEFAULT_FREQUENCY = Frequency.WEEKLY
TARGET_COLUMNS = ("code", "tag_id", "profile_id", "collection_id")


class Follow(Base):
    """One member following one target: a code (country, municipality, field) or a row (tag, profile, collection)."""

    __tablename__ = "follows"
    __table_args__ = (
        CheckConstraint(" + ".join(f"(CASE WHEN {column} IS NULL THEN 0 ELSE 1 END)" for column in TARGET_COLUMNS)
                        + " = 1", name="one_target"),
        UniqueConstraint("user_id", "kind", "code", name="uq_follows_user_kind_code"),
        UniqueConstraint("user_id", "tag_id", name="uq_follows_user_tag"),
        UniqueConstraint("user_id", "profile_id", name="uq_follows_user_profile"),
        UniqueConstraint("user_id", "collection_id", name="uq_follows_user_collection"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[FollowKind] = mapped_column(str_enum(FollowKind, "follow_kind"))
    code: Mapped[str | None] = mapped_column(String(32))
    tag_id: Mapped[int | None] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), index=True)
    profile_id: Mapped[int | None] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), index=True)
    collection_id: Mapped[int | None] = mapped_column(ForeignKey("collections.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class FollowPreference(Base):
    """A member's digest frequency; a member without a row gets the default (weekly)."""

    __tablename__ = "follow_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    frequency: Mapped[Frequency] = mapped_column(str_enum(Frequency, "follow_frequency"), default=DEFAULT_FREQUENCY,
                                                 index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class FollowDigestRun(Base):
    """One sending for one frequency, up to period_end; finished once every member due has a delivery."""

    __tablename__ = "follow_digest_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    frequency: Mapped[Frequency] = mapped_column(str_enum(Frequency, "follow_frequency"), index=True)
    period_end: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]


class FollowDigestDelivery(Base):
    """Claimed (and committed) before the mail goes out, so no member ever gets a run's mail twice.

    A member's next digest starts where their latest delivery's period ended; a failed send deletes the claim."""

    __tablename__ = "follow_digest_deliveries"
    __table_args__ = (UniqueConstraint("run_id", "user_id", name="uq_follow_digest_deliveries_run_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("follow_digest_runs.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    period_start: Mapped[datetime | None]
    period_end: Mapped[datetime]
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None]
    item_count: Mapped[int] = mapped_column(default=0)
