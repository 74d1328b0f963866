"""A gunicorn worker killed (SIGKILL) in the middle of an upload, inside its database transaction: that request
fails, the other worker keeps serving, the master starts a new worker, and nothing of the upload is kept:
PostgreSQL drops the transaction, and `flask kd sweep-uploads` removes the files it had already written.

To stop the worker at a known point, the test holds a lock on the member's row: the upload then waits in
its INSERT of the photo row (the foreign-key check), after its files are written and before it can commit."""
from __future__ import annotations

import http.client
import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from PIL import Image
from sqlalchemy import create_engine, text

from kd.media.models import Photo
from tests.faults.conftest import TIMEOUT, count_rows, csrf_token, log_in
from tests.faults.processes import ROOT, wait_for

pytestmark = pytest.mark.faults
DETAILS = {"alt_text": "Drita on stage in Zurich", "caption": "", "credit": "", "permission": "own", "licence": ""}
WAITING_INSERT = ("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
                  "AND query LIKE 'INSERT INTO photos%'")


def test_a_worker_killed_mid_upload_fails_that_request_only(database_url, member_and_story, serve):
    member_user, story = member_and_story
    site = serve({"KD_DATABASE_URL": database_url})
    member = log_in(site, member_user.email)
    master, workers = site.master, site.workers()
    uploads = Path(site.env["KD_UPLOAD_DIR"])
    engine = create_engine(database_url)
    try:
        with engine.connect() as lock, engine.connect() as observer:
            observer.execution_options(isolation_level="AUTOCOMMIT")  # a fresh look at pg_stat_activity each time
            held = lock.begin()
            lock.execute(text("SELECT id FROM users WHERE id = :id FOR UPDATE"), {"id": member_user.id})
            upload = _Upload(site, member, story.id, _photo("#244aa5")).start()
            backend = wait_for(lambda: observer.execute(text(WAITING_INSERT)).scalar(), timeout=TIMEOUT,
                               what="the upload waiting in its INSERT")
            assert requests.get(f"{site.url}/", timeout=TIMEOUT).status_code == 200, "the other worker serves"
            victim = site.worker_serving(upload.client_port)
            assert victim in workers
            os.kill(victim, signal.SIGKILL)
            upload.join()
            assert isinstance(upload.error, (ConnectionError, http.client.HTTPException)), upload.status
            held.rollback()
            wait_for(lambda: not _backend_alive(observer, backend), timeout=TIMEOUT,
                     what="the killed worker's database session ended")
    finally:
        engine.dispose()

    assert count_rows(database_url, Photo) == 0
    wait_for(lambda: len(site.workers()) == 2 and victim not in site.workers(), timeout=TIMEOUT,
             what="the master replacing the killed worker")
    assert site.master == master and len(site.workers() & workers) == 1
    for _ in range(4):
        assert requests.get(f"{site.url}/", timeout=TIMEOUT).status_code == 200
    orphans = _files(uploads)
    assert orphans and not any(path.name.startswith(".upload-") for path in orphans), "complete files, no partial ones"

    retry = _Upload(site, member, story.id, _photo("#a5244a")).start()
    retry.join()
    assert retry.status == 302, "the story is not left locked"
    assert count_rows(database_url, Photo) == 1
    kept = _files(uploads) - orphans
    for path in orphans:  # an hour later: a sweep must not take files of an upload still in progress
        os.utime(uploads / path, (time.time() - 7200,) * 2)
    sweep = subprocess.run([sys.executable, "-m", "flask", "--app", "app", "kd", "sweep-uploads"], cwd=ROOT,
                           env=site.env, capture_output=True, text=True, timeout=120)
    assert sweep.returncode == 0, sweep.stderr
    assert f"Removed {len(orphans)} " in sweep.stdout
    assert _files(uploads) == kept


class _Upload(threading.Thread):
    """A photo upload on a connection of its own, so the test knows its client port."""

    def __init__(self, site, member: requests.Session, story_id: int, data: bytes):
        super().__init__(daemon=True)
        url = f"{site.url}/photos/story/{story_id}"
        form = {"csrf_token": csrf_token(member, url), **DETAILS}
        self.request = requests.Request("POST", url, data=form, files={"photo": ("photo.jpg", data, "image/jpeg")},
                                        cookies=member.cookies).prepare()
        self.connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=TIMEOUT)
        self.connection.connect()
        self.client_port = self.connection.sock.getsockname()[1]
        self.status: int | None = None
        self.error: Exception | None = None

    def start(self) -> _Upload:
        super().start()
        return self

    def run(self) -> None:
        try:
            self.connection.request("POST", self.request.path_url, body=self.request.body,
                                    headers=dict(self.request.headers))
            self.status = self.connection.getresponse().status
        except (OSError, http.client.HTTPException) as error:
            self.error = error
        finally:
            self.connection.close()

    def join(self, timeout: float | None = TIMEOUT) -> None:
        super().join(timeout)
        assert not self.is_alive(), "the upload request did not end"


def _backend_alive(observer, pid: int) -> bool:
    return bool(observer.execute(text("SELECT 1 FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}).scalar())


def _photo(color: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), color).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _files(root: Path) -> set[Path]:
    return {path.relative_to(root) for path in root.rglob("*") if path.is_file()}
