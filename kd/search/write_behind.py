"""Index writes off the request (Whoosh, tantivy): a commit that changes public content hands the items to
this process's writer thread and the request answers at once; the thread writes whatever arrived meanwhile
as one batch. The items are also queued in the database in the same transaction as the change
(search_reindex_queue), so a worker killed before its thread wrote them leaves them to the next write or
`flask kd reindex`: a commit never goes unindexed.

Tests run with SEARCH_WRITE_BEHIND off (writes inline, as before); flush() waits for the thread."""
from __future__ import annotations

import atexit
import logging
import os
import threading

from flask import Flask
from sqlalchemy import insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kd.search.models import ReindexItem

log = logging.getLogger(__name__)
Subjects = set[tuple[str, int]]
DIALECT_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def enabled(app: Flask) -> bool:
    return bool(app.config.get("SEARCH_WRITE_BEHIND", not app.testing))


def queue_in_transaction(session: Session, subjects: Subjects) -> None:
    """Inside the content's transaction: the items stay queued until an index write took them."""
    if not subjects:
        return
    statement = DIALECT_INSERTS.get(session.get_bind().dialect.name, insert)(ReindexItem)
    rows = [{"subject_type": table, "subject_id": row_id} for table, row_id in sorted(subjects)]
    if hasattr(statement, "on_conflict_do_nothing"):
        statement = statement.on_conflict_do_nothing()
    session.execute(statement, rows)


class Writer:
    """One thread per process; submit() never blocks on the index."""

    def __init__(self, app: Flask, write) -> None:
        self.app, self.write = app, write
        self._wanted: Subjects = set()
        self._busy = False
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self._pid = 0

    def submit(self, subjects: Subjects) -> None:
        with self._changed:
            self._wanted |= subjects
            self._start_if_needed()
            self._changed.notify_all()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything submitted is written; False if that took longer than timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._wanted and not self._busy, timeout)

    def _start_if_needed(self) -> None:
        if self._thread is not None and self._thread.is_alive() and self._pid == os.getpid():
            return  # a forked worker inherits no threads: it starts its own
        self._pid = os.getpid()
        self._thread = threading.Thread(target=self._run, name="kd-search-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._wanted)
                batch, self._wanted, self._busy = self._wanted, set(), True
            try:
                with self.app.app_context():
                    self.write(batch)
            except Exception:  # noqa: BLE001 - the items stay queued in the database
                log.exception("search index update failed; %d item(s) stay queued for re-indexing", len(batch))
            finally:
                with self._changed:
                    self._busy = False
                    self._changed.notify_all()


def writer_for(app: Flask, write) -> Writer:
    writer = app.extensions.get("kd.search_writer")
    if writer is None:
        writer = app.extensions["kd.search_writer"] = Writer(app, write)
        atexit.register(writer.flush, 5.0)  # a CLI command's last changes are written before it exits
    return writer
