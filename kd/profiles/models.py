from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kd.core.moderated import ModeratedMixin
from kd.db import Base, TimestampMixin, str_enum

profile_tags = Table(
    "profile_tags",
    Base.metadata,
    Column("profile_id", ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class ProfileKind(enum.Enum):
    PERSON = "person"
    GROUP = "group"
    ORGANISATION = "organisation"


class Profile(ModeratedMixin, TimestampMixin, Base):
    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ProfileKind] = mapped_column(str_enum(ProfileKind, "profile_kind"), index=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    name_folded: Mapped[str] = mapped_column(String(160), index=True)
    headline: Mapped[str] = mapped_column(String(200), default="")
    field: Mapped[str | None] = mapped_column(String(32), index=True)
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    city: Mapped[str] = mapped_column(String(120), default="")
    municipality: Mapped[str | None] = mapped_column(String(32), index=True)
    bio: Mapped[str] = mapped_column(Text, default="")
    links: Mapped[list] = mapped_column(JSON, default=list)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)

    tags = relationship("Tag", secondary=profile_tags, lazy="selectin", order_by="Tag.name")
    stories = relationship("Story", secondary="story_profiles", back_populates="profiles", lazy="select",
                           viewonly=True)
