"""The demo content, seeded once per test process into a SQLite file; a module that wants it overrides
app_overrides with demo_copy() and each of its tests gets a fresh copy (seeding takes seconds)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kd import create_app, db
from kd.demo.services import seed


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("seeded")
    url = f"sqlite:///{folder / 'demo.sqlite3'}"
    app = create_app({"TESTING": True, "SECRET_KEY": "seed-secret-key-that-is-long-enough-for-checks",
                      "DATABASE_URL": url, "INSTANCE_DIR": str(folder / "instance"),
                      "UPLOAD_DIR": str(folder / "uploads"), "SEARCH_INDEX_DIR": str(folder / "index"),
                      "MAIL_OUTBOX_DIR": str(folder / "outbox"), "REDIS_URL": None,
                      "RATELIMIT_STORAGE_URI": "memory://"})
    db.Base.metadata.create_all(app.extensions["kd.engine"])
    with app.app_context():
        seed()
    app.extensions["kd.engine"].dispose()
    return folder / "demo.sqlite3"


def demo_copy(seeded_database: Path, tmp_path: Path) -> dict:
    """app_overrides for a copy of the seeded demo database (photos and search index are not copied)."""
    copy = tmp_path / "demo.sqlite3"
    shutil.copyfile(seeded_database, copy)
    return {"DATABASE_URL": f"sqlite:///{copy}", "REDIS_URL": None, "RATELIMIT_STORAGE_URI": "memory://"}
