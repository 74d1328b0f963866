"""Approved rows of every registered DocumentSource as IndexDocuments, loaded in batches without N+1 queries."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kd.content.states import ModerationState
from kd.search.backend import MULTI_VALUED, IndexDocument
from kd.search.registry import FACET_VALUES, SOURCES

BATCH = 1000


def tables() -> list[str]:
    return list(SOURCES)


def to_documents(session: Session, table: str, ids: list[int]) -> list[IndexDocument]:
    """The documents of rows of one table, with the facet values other features register for it."""
    documents = SOURCES[table].documents(session, ids) if ids else []
    for (source_table, facet), values in FACET_VALUES.items():
        if source_table == table and documents:
            found = values(session, [document.id for document in documents])
            documents = [replace(document, **{MULTI_VALUED[facet]: found[document.id]}) if document.id in found
                         else document for document in documents]
    return documents


def approved_documents(session: Session, table: str, ids: Iterable[int]) -> list[IndexDocument]:
    """The documents of the rows among ids that are approved (the others must leave the index)."""
    model = SOURCES[table].model
    return to_documents(session, table, list(session.scalars(
        select(model.id).where(model.id.in_(list(ids)), model.state == ModerationState.APPROVED))))


def shown_in(session: Session, subjects: set[tuple[str, int]]) -> set[tuple[str, int]]:
    """The other documents that show these rows (a story's document names its public profiles), so they
    change whenever one of those rows becomes (or stops being) public."""
    found = set()
    for table, source in SOURCES.items():
        for shown_table, showing in source.shows.items():
            ids = [row_id for subject_table, row_id in subjects if subject_table == shown_table]
            if ids:
                found |= {(table, row_id) for row_id in showing(session, ids)}
    return found


def lock_batch(session: Session, table: str, after_id: int) -> list[int]:
    """The next BATCH ids of a table, whatever their state, locked against changes until the transaction ends."""
    model = SOURCES[table].model
    return list(session.scalars(select(model.id).where(model.id > after_id).order_by(model.id).limit(BATCH)
                                .with_for_update(read=True)))


def all_approved(session: Session, table: str) -> Iterator[IndexDocument]:
    """Every approved row of a table, keyset-paginated so memory stays flat."""
    last_id = 0
    while ids := _approved_ids(session, table, after_id=last_id):
        yield from to_documents(session, table, ids)
        last_id = ids[-1]


def _approved_ids(session: Session, table: str, after_id: int) -> list[int]:
    model = SOURCES[table].model
    return list(session.scalars(select(model.id).where(model.state == ModerationState.APPROVED, model.id > after_id)
                                .order_by(model.id).limit(BATCH)))


def count_approved(session: Session) -> int:
    return sum(session.scalar(select(func.count()).select_from(source.model)
                              .where(source.model.state == ModerationState.APPROVED)) for source in SOURCES.values())


def approved_versions(session: Session) -> dict[str, float]:
    """key -> updated_at timestamp of every approved row (for reindex --check)."""
    versions = {}
    for table, source in SOURCES.items():
        model = source.model
        for row_id, updated_at in session.execute(select(model.id, model.updated_at)
                                                  .where(model.state == ModerationState.APPROVED)):
            versions[f"{table}:{row_id}"] = timestamp(updated_at)
    return versions


def timestamp(moment) -> float:
    """Seconds since the epoch; naive datetimes (SQLite) are UTC."""
    if moment is None:
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return round(moment.timestamp(), 3)


def text_for(session: Session, keys: list[str]) -> dict[str, str]:
    """Full text per key, as readers see it (Markdown rendered to plain text), to cut highlighted snippets
    from (only for the hits on the page shown)."""
    wanted: dict[str, list[int]] = {}
    for key in keys:
        table, _, row_id = key.partition(":")
        wanted.setdefault(table, []).append(int(row_id))
    return {f"{table}:{row_id}": text for table, ids in wanted.items() if table in SOURCES
            for row_id, text in SOURCES[table].full_text(session, ids).items()}
