"""A photo belongs to exactly one profile (its portrait) or one story (up to six)."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kd.db import Base, str_enum, utcnow


class PhotoPermission(enum.Enum):
    """The uploader's statement of why the photo may be published."""

    OWN = "own"
    PERMISSION = "permission"
    LICENCE = "licence"


# The subject kinds (kd.content.kinds) a photo can belong to: each has a <kind>_id column below.
PHOTO_SUBJECTS = ("profile", "story")


class Photo(Base):
    __tablename__ = "photos"
    __table_args__ = (
        CheckConstraint("(profile_id IS NULL AND story_id IS NOT NULL) OR "
                        "(profile_id IS NOT NULL AND story_id IS NULL)", name="one_subject"),
        # A subject's public photos (cards, the home page's lead) in one seek: with pending_review apart,
        # SQLite picked the pending_review index and read every public photo of the site per probe.
        Index("ix_photos_story_public", "story_id", "pending_review"),
        Index("ix_photos_profile_public", "profile_id", "pending_review"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int | None] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    width: Mapped[int]
    height: Mapped[int]
    original_name: Mapped[str] = mapped_column(String(120), default="")
    original_path: Mapped[str] = mapped_column(String(200))
    variants: Mapped[list] = mapped_column(JSON, default=list)
    alt_text: Mapped[str] = mapped_column(String(300))
    caption: Mapped[str] = mapped_column(String(300), default="")
    credit: Mapped[str] = mapped_column(String(160), default="")
    permission: Mapped[PhotoPermission] = mapped_column(str_enum(PhotoPermission, "photo_permission"))
    licence: Mapped[str] = mapped_column(String(120), default="")
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Added to (or edited on) published content by its member: hidden from visitors until an editor looks.
    pending_review: Mapped[bool] = mapped_column(default=False, server_default=false(), index=True)

    profile = relationship("Profile")
    story = relationship("Story")

    @property
    def subject(self):
        return self.profile if self.profile_id is not None else self.story

    @property
    def is_public(self) -> bool:
        return self.subject.is_public and not self.pending_review

    @property
    def fallback_variant(self) -> dict:
        """The variant an old browser gets: the one closest to 800 px wide."""
        return min(self.variants, key=lambda variant: abs(variant["width"] - 800))

    def file_keys(self) -> list[str]:
        public = [f"public/{variant[kind]}" for variant in self.variants for kind in ("webp", "jpeg")]
        return [self.original_path, *public]
