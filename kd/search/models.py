"""The re-index queue (Whoosh) and the search rows of the PostgreSQL backend."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DDL, JSON, Index, SmallInteger, String, Text, UniqueConstraint, event
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from kd.db import Base, utcnow

TEXT_SEARCH_CONFIG = "kd_search"
TagList = JSON().with_variant(ARRAY(String(80)), "postgresql")
Vector = Text().with_variant(TSVECTOR(), "postgresql")


class ReindexItem(Base):
    """An item whose index write failed (or came during a rebuild): re-indexed by the next write or `kd reindex`."""

    __tablename__ = "search_reindex_queue"
    __table_args__ = (UniqueConstraint("subject_type", "subject_id", name="subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int]
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)


class SearchDocument(Base):
    """One approved profile or story as the PostgreSQL backend searches it, written in the content's transaction.

    vector: name (A), title and tags (B), summary (C), body (D); head: the same without the body, to pick
    ranking candidates. spelling: folded name and title words, for did-you-mean. Long vectors are moved out
    of line (toast_tuple_target) while tags stay in the row, so the scans that count and facet stay narrow.
    Unused on SQLite."""

    __tablename__ = "search_documents"
    __table_args__ = (
        Index("ix_search_documents_vector", "vector", postgresql_using="gin"),
        Index("ix_search_documents_head", "head", postgresql_using="gin"),
        Index("ix_search_documents_spelling", "spelling", postgresql_using="gin",
              postgresql_ops={"spelling": "gin_trgm_ops"}),
    )

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    row_id: Mapped[int]
    slug: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(240))
    subtitle: Mapped[str] = mapped_column(String(240))
    country: Mapped[str] = mapped_column(String(2))
    field: Mapped[str] = mapped_column(String(32))
    municipality: Mapped[str] = mapped_column(String(32))
    tags: Mapped[list[str]] = mapped_column(TagList)
    help_kinds: Mapped[list[str]] = mapped_column(TagList, default=list)
    language: Mapped[str] = mapped_column(String(8))
    published_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]
    spelling: Mapped[str] = mapped_column(Text)
    head: Mapped[str] = mapped_column(Vector)
    vector: Mapped[str] = mapped_column(Vector)


class SearchGeneration(Base):
    """One row whose token changes with every write to search_documents, in the same transaction, so a
    cached summary keyed by it is never older than the rows. Unused on SQLite."""

    __tablename__ = "search_generation"

    id: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    token: Mapped[str] = mapped_column(String(36))


# The same statements as migration 0006, for databases made with create_all (tests, benchmarks).
CREATE_TEXT_SEARCH = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{TEXT_SEARCH_CONFIG}') THEN
    CREATE TEXT SEARCH CONFIGURATION {TEXT_SEARCH_CONFIG} (COPY = english);
    ALTER TEXT SEARCH CONFIGURATION {TEXT_SEARCH_CONFIG}
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
  END IF;
END $$;
"""
STORE_VECTORS_OUT_OF_LINE = ("ALTER TABLE search_documents SET (toast_tuple_target = 128);"
                             "ALTER TABLE search_documents ALTER COLUMN tags SET STORAGE MAIN")

event.listen(SearchDocument.__table__, "before_create", DDL(CREATE_TEXT_SEARCH).execute_if(dialect="postgresql"))
event.listen(SearchDocument.__table__, "after_create",
             DDL(STORE_VECTORS_OUT_OF_LINE).execute_if(dialect="postgresql"))
