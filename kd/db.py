"""Declarative base, the request-scoped session and transaction()."""
from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import DateTime, Enum, MetaData, create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every database (SQLite would hand back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}


def str_enum(enum_class: type[enum.Enum], name: str) -> Enum:
    """A portable enum column: stored as its lower-case value, guarded by a CHECK constraint."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


_factory = sessionmaker(expire_on_commit=False)
session = scoped_session(_factory)


_engines: list[Engine] = []


def make_engine(url: str) -> Engine:
    options: dict = {"pool_pre_ping": True}
    if url.startswith("sqlite"):
        options["connect_args"] = {"check_same_thread": False, "timeout": 15}
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    _engines.append(engine)
    return engine


def forget_inherited_connections() -> None:
    """In a process forked from one that already used the database (gunicorn's preloaded master): open
    connections of its own instead of sharing the parent's sockets."""
    for engine in _engines:
        engine.dispose(close=False)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def bind(engine: Engine) -> None:
    session.remove()
    _factory.configure(bind=engine)


@contextmanager
def transaction() -> Iterator:
    """Commit what the block changed, or roll all of it back: no half-written rows."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def unique_slug(model, base: str, exclude_id: int | None = None) -> str:
    """base, or base-2, base-3 … whichever no other row of the model uses."""
    base = base or "item"
    taken = set(session.scalars(select(model.slug).where(model.slug.like(f"{base}%"))))
    if exclude_id is not None:
        taken.discard(session.scalar(select(model.slug).where(model.id == exclude_id)))
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
