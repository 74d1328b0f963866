"""Admin-edited page texts (Markdown, both languages) and the partners and supporters."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from kd.db import Base, utcnow


class SitePage(Base):
    """The text of a fixed page (about, privacy); until an admin saves one, a built-in default is shown."""

    __tablename__ = "site_pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    body_en: Mapped[str] = mapped_column(Text, default="")
    body_sq: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Partner(Base):
    """The logo went through the photo pipeline's checks and is kept small, in the row itself (WebP)."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    url: Mapped[str] = mapped_column(String(500), default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_sq: Mapped[str] = mapped_column(Text, default="")
    logo_data: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    logo_hash: Mapped[str] = mapped_column(String(64), default="")
    logo_width: Mapped[int] = mapped_column(default=0)
    logo_height: Mapped[int] = mapped_column(default=0)
    position: Mapped[int] = mapped_column(default=0, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def description(self, locale: str) -> str:
        return (self.description_sq if locale == "sq" else self.description_en) or self.description_en \
            or self.description_sq
