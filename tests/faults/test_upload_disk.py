"""The upload disk full or read-only while members upload: a clear 507 on the form they filled in, no file
left behind (not even a partial one), no photo row; uploads work again once the disk does.

gunicorn runs in a mount namespace of its own where KD_UPLOAD_DIR is a small tmpfs: a real filesystem that
really fills up (ENOSPC) and is really remounted read-only (EROFS). The tests look at it through
/proc/<gunicorn>/root and change it with nsenter."""
from __future__ import annotations

import io
import math
import os
import random
import subprocess
import tempfile
from pathlib import Path

import pytest
import requests
from PIL import Image
from sqlalchemy import create_engine, select

from kd.media import images
from kd.media.models import Photo
from tests.faults.conftest import TIMEOUT, count_rows, csrf_token, log_in, unavailable

pytestmark = pytest.mark.faults
PRIVATE_DISK = 'mkdir -p "$KD_UPLOAD_DIR" && mount -t tmpfs -o size=8m kdfaults "$KD_UPLOAD_DIR" && exec "$@"'
DETAILS = {"alt_text": "Drita on stage in Zurich", "caption": "At the award ceremony", "credit": "Arta Berisha",
           "permission": "own", "licence": ""}
NOT_STORED = "The photo could not be stored right now; please try again later."
PAGE = 4096


@pytest.fixture
def site(database_url, member_and_story, serve):
    _require_mount_namespaces()
    return serve({"KD_DATABASE_URL": database_url},
                 prefix=("unshare", "--mount", "--propagation", "private", "sh", "-c", PRIVATE_DISK, "sh"))


@pytest.fixture
def member(site):
    return log_in(site, "olta@example.org")


@pytest.fixture
def story_id(member_and_story) -> int:
    return member_and_story[1].id


def test_a_full_disk_refuses_the_upload_cleanly_and_keeps_nothing(site, member, story_id, database_url):
    disk = _upload_disk(site)
    assert _upload(site, member, story_id, _photo(1)).status_code == 302
    before = _files(disk)
    assert len(before) == 7 and count_rows(database_url, Photo) == 1  # the original and six sizes

    second = _photo(2)
    original = images.encode_original(images.clean(second, 40_000_000))
    room = _pages(len(original.data)) * PAGE + PAGE  # the original fits, the sizes after it do not
    _fill(disk, leave=room)
    refused = _upload(site, member, story_id, second, caption="Typed before the disk filled up")
    assert refused.status_code == 507
    assert NOT_STORED in refused.text and 'value="Typed before the disk filled up"' in refused.text
    assert f"private/{original.content_hash}.jpg" not in site.log(), "the original was stored"
    assert "No space left on device" in site.log()
    assert _files(disk) == {*before, Path("filler")}, "no file of the refused upload is left, not even a partial one"
    assert _free(disk) == room
    assert count_rows(database_url, Photo) == 1

    (disk / "filler").unlink()
    assert _upload(site, member, story_id, second).status_code == 302
    assert len(_files(disk)) == 14 and count_rows(database_url, Photo) == 2


def test_a_read_only_disk_refuses_uploads_and_deletions_still_commit(site, member, story_id, database_url):
    disk = _upload_disk(site)
    assert _upload(site, member, story_id, _photo(1)).status_code == 302
    before = _files(disk)

    _remount(site, "ro")
    try:
        refused = _upload(site, member, story_id, _photo(2), caption="Typed on a read-only day")
        assert refused.status_code == 507
        assert NOT_STORED in refused.text and 'value="Typed on a read-only day"' in refused.text
        assert "Read-only file system" in site.log()
        assert count_rows(database_url, Photo) == 1
        deleted = member.post(f"{site.url}/photos/{_photo_ids(database_url)[0]}/delete", allow_redirects=False,
                              data={"csrf_token": csrf_token(member, f"{site.url}/photos/story/{story_id}")},
                              timeout=TIMEOUT)
        assert deleted.status_code == 302, deleted.text[:2000]
        assert count_rows(database_url, Photo) == 0
        assert _files(disk) == before, "the files of the deleted photo stay until the disk can be written"
        assert "not removed: [Errno 30] Read-only file system" in site.log()
    finally:
        _remount(site, "rw")
    assert _upload(site, member, story_id, _photo(2)).status_code == 302
    assert count_rows(database_url, Photo) == 1


def _require_mount_namespaces() -> None:
    with tempfile.TemporaryDirectory(prefix="kdfaults-mount-") as folder:
        probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "mount", "-t", "tmpfs", "kdfaults",
                                folder], capture_output=True, timeout=30)
    if probe.returncode != 0:
        unavailable(f"needs a private mount namespace (unshare -m as root): {probe.stderr.decode()[:200]}")


def _upload_disk(site) -> Path:
    return site.path(Path(site.env["KD_UPLOAD_DIR"]))


def _remount(site, mode: str) -> None:
    subprocess.run(["nsenter", "--target", str(site.master), "--mount", "mount", "-o", f"remount,{mode}",
                    site.env["KD_UPLOAD_DIR"]], check=True, capture_output=True, timeout=30)


def _photo(seed: int) -> bytes:
    """Noise: every stored size takes several pages of the disk."""
    pixels = random.Random(seed).randbytes(900 * 600 * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (900, 600), pixels).save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def _upload(site, member: requests.Session, story_id: int, data: bytes, **fields) -> requests.Response:
    url = f"{site.url}/photos/story/{story_id}"
    form = {"csrf_token": csrf_token(member, url), **DETAILS, **fields}
    return member.post(url, data=form, files={"photo": ("photo.jpg", data, "image/jpeg")}, allow_redirects=False,
                       timeout=TIMEOUT)


def _files(root: Path) -> set[Path]:
    return {path.relative_to(root) for path in root.rglob("*") if path.is_file()}


def _pages(size: int) -> int:
    return math.ceil(size / PAGE)


def _free(disk: Path) -> int:
    stats = os.statvfs(disk)
    return stats.f_bavail * stats.f_frsize


def _fill(disk: Path, leave: int) -> None:
    """Write a file that leaves exactly `leave` bytes free."""
    remaining = _free(disk) - leave
    with (disk / "filler").open("wb") as filler:
        while remaining > 0:
            remaining -= filler.write(b"\0" * min(remaining, 1 << 20))
    assert _free(disk) == leave


def _photo_ids(url: str) -> list[int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        ids = list(connection.scalars(select(Photo.id).order_by(Photo.id)))
    engine.dispose()
    return ids
