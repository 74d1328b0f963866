"""Search operations: apply changes to the index, queue what failed, rebuild, check, search.

The backend is chosen by KD_SEARCH_BACKEND and kept in app.extensions["kd.search"]; nothing outside
kd.search knows which engine it is. PostgreSQL writes inside the content's transaction (before commit),
Whoosh and tantivy after the commit, queueing what they could not write.
"""
from __future__ import annotations

import collections
import hashlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app, has_app_context
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kd import db
from kd.content.changes import Changes
from kd.search import documents, write_behind
from kd.search.backend import IndexBusy, IndexDocument, Results, SearchBackend, SearchQuery, document_key
from kd.search.models import ReindexItem

log = logging.getLogger(__name__)
QUEUE_BATCH = 500
BACKENDS = ("whoosh", "tantivy", "postgres")


def backend_name(app: Flask) -> str:
    """KD_SEARCH_BACKEND: auto (PostgreSQL full-text on a PostgreSQL database, else Whoosh), whoosh, tantivy or
    postgres."""
    name, dialect = app.config.get("SEARCH_BACKEND", "auto"), app.extensions["kd.engine"].dialect.name
    if name == "auto":
        return "postgres" if dialect == "postgresql" else "whoosh"
    if name not in BACKENDS:
        raise RuntimeError(f"Unknown KD_SEARCH_BACKEND {name!r} (known: auto, {', '.join(BACKENDS)})")
    if name == "postgres" and dialect != "postgresql":
        raise RuntimeError(f"KD_SEARCH_BACKEND=postgres needs a PostgreSQL database; KD_DATABASE_URL is {dialect}")
    return name


def make_backend(app: Flask) -> SearchBackend:
    if backend_name(app) == "postgres":
        from kd.search.postgres_backend import PostgresBackend

        return PostgresBackend(app.extensions["kd.engine"], _texts_from_request_session)
    if backend_name(app) == "tantivy":
        from kd.search.tantivy_backend import TantivyBackend

        return TantivyBackend(str(Path(app.config["SEARCH_INDEX_DIR"]) / "tantivy"), _texts_from_request_session,
                              lock_timeout=app.config.get("SEARCH_LOCK_TIMEOUT", 2.0),
                              rebuild_threads=app.config.get("SEARCH_REBUILD_PROCS", 1),
                              rebuild_memory_mb=app.config.get("SEARCH_REBUILD_MEMORY_MB", 256),
                              source=_database_identity(app))
    from kd.search.whoosh_backend import WhooshBackend

    return WhooshBackend(app.config["SEARCH_INDEX_DIR"], _texts_from_request_session,
                         lock_timeout=app.config.get("SEARCH_LOCK_TIMEOUT", 2.0),
                         rebuild_procs=app.config.get("SEARCH_REBUILD_PROCS", 1),
                         rebuild_memory_mb=app.config.get("SEARCH_REBUILD_MEMORY_MB", 256),
                         source=_database_identity(app))


def _database_identity(app: Flask) -> str:
    """Names the database an index is built from, so an index left from another one is noticed."""
    url = app.extensions["kd.engine"].url.render_as_string(hide_password=True)
    return hashlib.sha256(url.encode()).hexdigest()[:16]


def _texts_from_request_session(keys: list[str]) -> dict[str, str]:
    return documents.text_for(db.session, keys)


def backend() -> SearchBackend:
    return current_app.extensions["kd.search"]


def search(query: SearchQuery) -> Results:
    return backend().search(query)


def _subjects(changes: Changes) -> set[tuple[str, int]]:
    return {(table, row_id) for _operation, table, row_id in changes if table in documents.tables()}


def _writes_in_transaction() -> bool:
    return has_app_context() and getattr(current_app.extensions.get("kd.search"), "writes_in_transaction", False)


# --- in the transaction (PostgreSQL) -----------------------------------------------------------

def index_in_transaction(session: Session, changes: Changes) -> None:
    """Receives content_changing: PostgreSQL's search rows change in the transaction that changes the content;
    for a writer thread (kd.search.write_behind) the items are queued in it."""
    if _writes_in_transaction():
        _write_rows_in(session, _subjects(changes))
    elif _writes_behind():
        write_behind.queue_in_transaction(session, _subjects(changes))


def _write_rows_in(session: Session, subjects: set[tuple[str, int]]) -> None:
    session.flush()
    connection = session.connection()
    with Session(bind=connection) as reader:
        docs, gone = _documents_for(reader, subjects)
    backend().write_in(connection, docs, gone)


def _writes_behind() -> bool:
    return has_app_context() and "kd.search" in current_app.extensions and write_behind.enabled(current_app)


# --- after commit (Whoosh) ---------------------------------------------------------------------

def apply_changes(_session: Session, changes: Changes) -> None:
    """Receives content_changed (after the commit): never raises into the request that committed."""
    if not has_app_context() or "kd.search" not in current_app.extensions or _writes_in_transaction():
        return
    wanted = _subjects(changes)
    if write_behind.enabled(current_app):
        _hand_to_writer(wanted)
        return
    try:
        synchronise(wanted)
    except Exception:  # noqa: BLE001 — the database change stands whatever the index does
        log.exception("search index update failed; %d item(s) queued for re-indexing", len(wanted))
        _queue_safely(wanted)


def _hand_to_writer(wanted: set[tuple[str, int]]) -> None:
    if wanted:
        write_behind.writer_for(current_app._get_current_object(), synchronise).submit(wanted)


def flush_writes(timeout: float = 10.0) -> bool:
    """Wait for this process's writer thread (tests, benchmarks, CLI commands that search what they wrote)."""
    writer = current_app.extensions.get("kd.search_writer")
    return writer.flush(timeout) if writer is not None else True


def synchronise(wanted: set[tuple[str, int]]) -> None:
    """Make the index match the database for these items and for anything queued earlier."""
    with Session(bind=current_app.extensions["kd.engine"]) as session:
        queued = _queued(session)
        subjects = wanted | {(item.subject_type, item.subject_id) for item in queued}
        docs, gone = _documents_for(session, subjects)
        try:
            backend().write(docs, gone)
        except IndexBusy:
            log.warning("search index busy; %d item(s) queued for re-indexing", len(wanted))
            _queue(session, wanted)
            return
        if backend().is_rebuilding():
            _queue(session, wanted)  # keep everything queued: the new index must get these changes too
        else:
            _dequeue(session, queued)


def _documents_for(session: Session, subjects: set[tuple[str, int]]) -> tuple[list[IndexDocument], set[str]]:
    subjects = subjects | documents.shown_in(session, subjects)
    docs = []
    for table in documents.tables():
        ids = [row_id for subject_table, row_id in subjects if subject_table == table]
        if ids:
            docs.extend(documents.approved_documents(session, table, ids))
    found = {doc.key for doc in docs}
    return docs, {document_key(table, row_id) for table, row_id in subjects} - found


# --- the re-index queue ------------------------------------------------------------------------

def _queued(session: Session) -> list[ReindexItem]:
    return list(session.scalars(select(ReindexItem).order_by(ReindexItem.id).limit(QUEUE_BATCH)))


def _dequeue(session: Session, items: list[ReindexItem]) -> None:
    if items:
        session.execute(delete(ReindexItem).where(ReindexItem.id.in_([item.id for item in items])))
        session.commit()


def _queue(session: Session, subjects: set[tuple[str, int]]) -> None:
    ids = [row_id for _table, row_id in subjects]
    existing = set(session.execute(select(ReindexItem.subject_type, ReindexItem.subject_id)
                                   .where(ReindexItem.subject_id.in_(ids))))
    session.add_all(ReindexItem(subject_type=table, subject_id=row_id) for table, row_id in subjects - existing)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()  # another process queued the same item a moment ago


def _queue_safely(subjects: set[tuple[str, int]]) -> None:
    try:
        with Session(bind=current_app.extensions["kd.engine"]) as session:
            _queue(session, subjects)
    except Exception:  # noqa: BLE001
        log.exception("could not queue items for re-indexing; run `flask kd reindex`")


# --- rebuild and check -------------------------------------------------------------------------

def rebuild(progress: Callable[[Iterator[IndexDocument], int], Iterator[IndexDocument]] | None = None) -> int:
    """Rebuild the whole index from the database; searches are served from the old one meanwhile."""
    with Session(bind=current_app.extensions["kd.engine"]) as session:
        total = documents.count_approved(session)
        if not _writes_in_transaction():
            backend().rebuild(_watched(_all_documents(session), total, progress))
    if _writes_in_transaction():
        collections.deque(_watched(_refreshed_rows(), total, progress), maxlen=0)
    synchronise(set())
    return total


def _watched(stream: Iterator[IndexDocument], total: int, progress) -> Iterator[IndexDocument]:
    return progress(stream, total) if progress else stream


def _all_documents(session: Session) -> Iterator[IndexDocument]:
    for table in documents.tables():
        yield from documents.all_approved(session, table)


def _refreshed_rows() -> Iterator[IndexDocument]:
    """PostgreSQL: every search row rewritten, one batch of content rows per transaction."""
    for table in documents.tables():
        last_id = 0
        while (batch := _refresh_batch(table, last_id)) is not None:
            last_id, docs = batch
            yield from docs
        with current_app.extensions["kd.engine"].begin() as connection:
            backend().replace_range(connection, table, last_id, None, [])


def _refresh_batch(table: str, after_id: int) -> tuple[int, list[IndexDocument]] | None:
    """The batch's content rows stay locked (FOR SHARE) until its search rows are written, so an approval
    running meanwhile waits a moment instead of being overwritten with what the batch read before it."""
    with Session(bind=current_app.extensions["kd.engine"]) as session, session.begin():
        ids = documents.lock_batch(session, table, after_id)
        if not ids:
            return None
        docs = documents.approved_documents(session, table, ids)
        backend().replace_range(session.connection(), table, after_id, ids[-1], docs)
    return ids[-1], docs


def disagreement() -> str | None:
    """Why the index cannot answer for the public content, or None. Cheap (counts only), for start-up,
    /healthz and `flask kd check`; `check()` compares every key."""
    with Session(bind=current_app.extensions["kd.engine"]) as session:
        public = documents.count_approved(session)
        queued = session.scalar(select(func.count()).select_from(ReindexItem))
    if backend().built_for_another_source():
        return "the search index was built from another database or by an older version: run `flask kd reindex`"
    if public == 0:
        return None
    indexed = backend().document_count()
    if indexed == 0:
        return f"the search index is empty while {public} items are public: run `flask kd reindex`"
    if indexed != public and not queued and not backend().is_rebuilding():
        return f"the search index holds {indexed} items, the database {public} public ones: run `flask kd reindex`"
    return None


def rebuild_if_needed() -> str | None:
    """Rebuild when the index disagrees with the database; returns the reason it did, or None."""
    reason = disagreement()
    if reason is not None:
        rebuild()
    return reason


@dataclass(frozen=True)
class IndexReport:
    missing: list[str]
    stale: list[str]
    extra: list[str]

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def check() -> IndexReport:
    """Compare the index with the approved rows: missing, stale (older updated_at) and extra keys."""
    with Session(bind=current_app.extensions["kd.engine"]) as session:
        expected = documents.approved_versions(session)
    indexed = {version.key: version.updated_at for version in backend().stored_versions()}
    return IndexReport(
        missing=sorted(set(expected) - set(indexed)),
        stale=sorted(key for key in set(expected) & set(indexed) if indexed[key] < expected[key]),
        extra=sorted(set(indexed) - set(expected)))
