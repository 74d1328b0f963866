"""What an import remembers: which WordPress items it brought in, and the old addresses that redirect."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kd.db import Base, utcnow


class WordpressItem(Base):
    """One imported post or page; a second run finds it here (by site and post id, or by GUID) and skips it.
    The WordPress author's name is kept when no KD account has their email."""

    __tablename__ = "wordpress_items"
    __table_args__ = (UniqueConstraint("site", "wp_id", name="uq_wordpress_items_site_wp_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site: Mapped[str] = mapped_column(String(200))
    wp_id: Mapped[int]
    guid: Mapped[str] = mapped_column(String(500), index=True)
    subject_type: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int]
    author_name: Mapped[str] = mapped_column(String(160), default="")
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)


class WordpressRedirect(Base):
    """An old WordPress address ('/2019/06/12/slug/', '/tag/peje/', '?p=25') and what it now points at."""

    __tablename__ = "wordpress_redirects"

    id: Mapped[int] = mapped_column(primary_key=True)
    old_path: Mapped[str] = mapped_column(String(500), unique=True)
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
