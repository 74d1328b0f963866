from __future__ import annotations

from datetime import date

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kd.content.kinds import subject_kind
from kd.content.states import ModeratedMixin, approved_is_published, newest_first_indexes
from kd.core.text import slugify
from kd.db import Base, TimestampMixin

story_profiles = Table(
    "story_profiles",
    Base.metadata,
    Column("story_id", ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("profile_id", ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True, index=True),
    Column("position", Integer, nullable=False, default=0),
)

# published_at is copied onto the link row so a tag page sorts by an index, not by a join.
story_tags = Table(
    "story_tags",
    Base.metadata,
    Column("story_id", ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Column("published_at", DateTime(timezone=True)),
    Index("ix_story_tags_tag_published", "tag_id", "published_at", "story_id"),
)


@subject_kind("story")
class Story(ModeratedMixin, TimestampMixin, Base):
    __tablename__ = "stories"
    __table_args__ = (approved_is_published(),
                      *newest_first_indexes("stories", "country_code", "field", "municipality"))

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    achieved_on: Mapped[date | None]
    field: Mapped[str | None] = mapped_column(String(32), index=True)
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    city: Mapped[str] = mapped_column(String(120), default="")
    municipality: Mapped[str | None] = mapped_column(String(32), index=True)
    # The author the story's source credited when no KD account stands behind it (a WordPress import).
    author_name: Mapped[str] = mapped_column(String(160), default="", server_default="")

    verified_on: Mapped[date | None]
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    sources = relationship("StorySource", order_by="StorySource.position", cascade="all, delete-orphan",
                           lazy="selectin")
    profiles = relationship("Profile", secondary=story_profiles, back_populates="stories", lazy="selectin",
                            order_by=story_profiles.c.position)
    tags = relationship("Tag", secondary=story_tags, lazy="selectin", order_by="Tag.name")

    def natural_slug(self) -> str:
        """The address its title gives it."""
        return slugify(self.title, max_length=100)


class StorySource(Base):
    """Evidence for an achievement: a press article, an award page, a publication."""

    __tablename__ = "story_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(500))
    title: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(default=0)
