"""The moderation state every submission carries, as a model mixin."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from kd.db import str_enum


class ModerationState(enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    UNPUBLISHED = "unpublished"
    WITHDRAWN = "withdrawn"


def approved_is_published() -> CheckConstraint:
    """For a moderated model's __table_args__: an approved row always has its publication time."""
    return CheckConstraint("state <> 'approved' OR published_at IS NOT NULL", name="approved_is_published")


def newest_first_indexes(table: str, *filters: str) -> tuple[Index, ...]:
    """For a moderated model's __table_args__: its public listings (state = 'approved', optionally one filter
    column equal to a value, ORDER BY published_at DESC, id DESC LIMIT n) read in order from an index
    instead of sorting every approved row (tests/perf/test_query_plans.py checks the plans)."""
    return (Index(f"ix_{table}_state_published", "state", "published_at", "id"),
            *(Index(f"ix_{table}_state_{column}_published", "state", column, "published_at", "id")
              for column in filters))


class ModeratedMixin:
    """State, who submitted, who decided and when; only APPROVED is ever shown to visitors."""

    @declared_attr
    def state(cls) -> Mapped[ModerationState]:
        return mapped_column(str_enum(ModerationState, "moderation_state"), default=ModerationState.DRAFT,
                             index=True)

    @declared_attr
    def submitted_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)

    @declared_attr
    def reviewed_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    submitted_at: Mapped[datetime | None]
    reviewed_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]

    @declared_attr
    def claimed_by_id(cls) -> Mapped[int | None]:
        """The editor currently deciding this item; the claim goes stale after a while. Indexed: the editors'
        dashboard lists each editor's claims."""
        return mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)

    claimed_at: Mapped[datetime | None]

    @declared_attr
    def moderation_message(cls) -> Mapped[str]:
        return mapped_column(Text, default="")

    @declared_attr
    def seen_version(cls) -> Mapped[dict | None]:
        """The submitted fields as text when an editor last decided the item, so that a resubmission
        shows what changed since; None until the first decision."""
        return mapped_column(JSON)

    @declared_attr
    def language(cls) -> Mapped[str]:
        return mapped_column(String(8), default="en")

    @property
    def is_public(self) -> bool:
        return self.state is ModerationState.APPROVED
