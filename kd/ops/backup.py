"""Backups: the database (SQLite online backup or pg_dump) plus uploads, in one .tar.gz with a manifest.
The search index is not backed up: `flask kd reindex` rebuilds it from the database."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.engine import Engine, make_url

from kd import db


class BackupError(Exception):
    """A backup or restore that cannot be done, with a message for the operator."""


def create_backup(output_dir: Path) -> Path:
    engine: Engine = current_app.extensions["kd.engine"]
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    output_dir.mkdir(parents=True, exist_ok=True)
    archive = output_dir / f"kd-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        staging = Path(work)
        database_file = _dump_database(engine, staging)
        manifest = {"created_at": stamp, "dialect": engine.dialect.name, "database": database_file.name,
                    "row_counts": row_counts()}
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(staging / "manifest.json", "manifest.json")
            tar.add(database_file, database_file.name)
            _add_uploads(tar)
        partial.replace(archive)
    return archive


def restore_backup(archive: Path) -> dict:
    engine: Engine = current_app.extensions["kd.engine"]
    if not archive.is_file():
        raise BackupError(f"No such backup file: {archive}")
    with tempfile.TemporaryDirectory() as work:
        staging = Path(work)
        manifest = _unpack(archive, staging)
        if manifest["dialect"] != engine.dialect.name:
            raise BackupError(f"This backup is of a {manifest['dialect']} database; "
                              f"the configured one is {engine.dialect.name}.")
        db.session.remove()
        engine.dispose()
        _load_database(engine, staging / manifest["database"])
        _replace_uploads(staging / "uploads")
    return manifest


def row_counts() -> dict[str, int]:
    return {table.name: db.session.scalar(select(func.count()).select_from(table)) or 0
            for table in db.Base.metadata.sorted_tables}


def _dump_database(engine: Engine, staging: Path) -> Path:
    if engine.dialect.name == "sqlite":
        target = staging / "database.sqlite3"
        source = sqlite3.connect(engine.url.database)
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        source.close()
        copy.close()
        return target
    target = staging / "database.pgdump"
    _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", _libpq_url(engine)])
    return target


def _load_database(engine: Engine, dump: Path) -> None:
    if engine.dialect.name == "sqlite":
        live = Path(engine.url.database)
        temporary = live.with_suffix(".restoring")
        shutil.copyfile(dump, temporary)
        for leftover in (Path(f"{live}-wal"), Path(f"{live}-shm")):
            leftover.unlink(missing_ok=True)
        temporary.replace(live)
        return
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
          f"--dbname={_libpq_url(engine)}", str(dump)])


def _add_uploads(tar: tarfile.TarFile) -> None:
    uploads = Path(current_app.config["UPLOAD_DIR"])
    if uploads.exists():
        tar.add(uploads, "uploads")


def _unpack(archive: Path, staging: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(staging, filter="data")
        return json.loads((staging / "manifest.json").read_text())
    except (tarfile.TarError, OSError, ValueError, KeyError) as error:
        raise BackupError(f"{archive} is not a KD backup: {error}") from error


def _replace_uploads(restored: Path) -> None:
    uploads = Path(current_app.config["UPLOAD_DIR"])
    uploads.parent.mkdir(parents=True, exist_ok=True)
    incoming = uploads.with_name(uploads.name + ".restoring")
    shutil.rmtree(incoming, ignore_errors=True)
    shutil.copytree(restored, incoming) if restored.exists() else incoming.mkdir()
    old = uploads.with_name(uploads.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if uploads.exists():
        uploads.rename(old)
    incoming.rename(uploads)
    shutil.rmtree(old, ignore_errors=True)


def _libpq_url(engine: Engine) -> str:
    return make_url(engine.url).set(drivername="postgresql").render_as_string(hide_password=False)


def _run(command: list[str]) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=3600)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (Debian package postgresql-client).") from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()[:500]}") from error
