"""A collection is an editor's ordered selection of profiles and stories, draft until published."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kd.db import Base, TimestampMixin

TITLE_LENGTH, NOTE_LENGTH = 160, 300


class Collection(TimestampMixin, Base):
    __tablename__ = "collections"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title_en: Mapped[str] = mapped_column(String(TITLE_LENGTH), default="")
    title_sq: Mapped[str] = mapped_column(String(TITLE_LENGTH), default="")
    introduction_en: Mapped[str] = mapped_column(Text, default="")
    introduction_sq: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    featured: Mapped[bool] = mapped_column(default=False)
    cover_photo_id: Mapped[int | None] = mapped_column(ForeignKey("photos.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    items = relationship("CollectionItem", back_populates="collection", order_by="CollectionItem.position",
                         cascade="all, delete-orphan", passive_deletes=True, lazy="selectin")
    cover_photo = relationship("Photo", lazy="joined")

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_public(self) -> bool:  # the word every other publishable model uses
        return self.is_published

    def text(self, name: str, locale: str) -> str:
        """A bilingual field in the locale, falling back to the other language when it is empty."""
        first, second = ("sq", "en") if locale == "sq" else ("en", "sq")
        return getattr(self, f"{name}_{first}") or getattr(self, f"{name}_{second}")

    def language_of(self, name: str, locale: str) -> str:
        """The language the text(name, locale) is actually written in, for lang attributes."""
        return locale if getattr(self, f"{name}_{locale}") else ("en" if locale == "sq" else "sq")


class CollectionItem(Base):
    """One profile or one story in a collection, at a position, with an optional editor's note."""

    __tablename__ = "collection_items"
    __table_args__ = (
        CheckConstraint("(profile_id IS NULL AND story_id IS NOT NULL) OR "
                        "(profile_id IS NOT NULL AND story_id IS NULL)", name="one_subject"),
        UniqueConstraint("collection_id", "profile_id", name="uq_collection_items_collection_profile"),
        UniqueConstraint("collection_id", "story_id", name="uq_collection_items_collection_story"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    collection_id: Mapped[int] = mapped_column(ForeignKey("collections.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    profile_id: Mapped[int | None] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), index=True)
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    note: Mapped[str] = mapped_column(String(NOTE_LENGTH), default="")

    collection = relationship("Collection", back_populates="items")
    profile = relationship("Profile", lazy="joined")
    story = relationship("Story", lazy="joined")

    @property
    def subject(self):
        return self.profile if self.profile_id is not None else self.story

    @property
    def kind(self) -> str:
        return "profile" if self.profile_id is not None else "story"
