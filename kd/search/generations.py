"""Index generations on disk, shared by the embedded engines (Whoosh, tantivy).

<root>/current is a symlink to the live index directory <root>/gen-…; a rebuild fills a new directory and
swaps the link atomically, so a failed or killed rebuild leaves the old index serving. <root>/REBUILDING
names the process rebuilding; SOURCE in each directory names the database and the schema it was built for.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

SOURCE_FILE = "SOURCE"


class Generations:
    def __init__(self, root: str | Path, source: str, schema: str, create: Callable[[Path], None]):
        """source names the database, schema the engine's schema version; create(directory) makes an empty
        index there."""
        self.root = Path(root)
        self.source = source
        self.built_mark = f"{source} schema {schema}" if source else ""  # an older schema lacks fields
        self.create = create

    @property
    def link(self) -> Path:
        return self.root / "current"

    def live_directory(self) -> Path:
        """The directory the live index is in, created empty on first use."""
        if not self.link.exists():
            with self._root_lock():
                if not self.link.exists():
                    self._swap_to(self._new_directory(), create=True)
        return self.root / os.readlink(self.link)

    @contextmanager
    def rebuilding(self) -> Iterator[Path]:
        """A new directory to fill; it becomes the live one when the block ends without an error."""
        self.live_directory()
        directory = self._new_directory()
        self._mark_rebuilding(True)
        try:
            yield directory
            with self._root_lock():
                self._swap_to(directory)
        except BaseException:
            shutil.rmtree(directory, ignore_errors=True)
            raise
        finally:
            self._mark_rebuilding(False)
        self._remove_old_directories(keep=directory)

    @contextmanager
    def _root_lock(self):
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "setup.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield

    def _new_directory(self) -> Path:
        directory = self.root / f"gen-{time.time_ns()}-{os.getpid()}"
        directory.mkdir(parents=True)
        return directory

    def _swap_to(self, directory: Path, create: bool = False) -> None:
        if create:
            self.create(directory)
        (directory / SOURCE_FILE).write_text(self.built_mark)
        temporary = self.root / f"current.{os.getpid()}.tmp"
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(directory.name)
        os.replace(temporary, self.link)

    def _mark_rebuilding(self, on: bool) -> None:
        marker = self.root / "REBUILDING"
        if on:
            marker.write_text(str(os.getpid()))
        else:
            marker.unlink(missing_ok=True)

    def _remove_old_directories(self, keep: Path) -> None:
        """Keep the new index and the one before it (other processes may still read it for a moment)."""
        generations = sorted(self.root.glob("gen-*"), key=lambda path: path.stat().st_mtime)
        for old in [path for path in generations if path != keep][:-1]:
            shutil.rmtree(old, ignore_errors=True)

    def is_rebuilding(self) -> bool:
        try:
            pid = int((self.root / "REBUILDING").read_text())
        except (OSError, ValueError):
            return False
        return _process_alive(pid)

    def built_for_another_source(self) -> bool:
        """True when the live index was built from another database than this one's source, or with
        another schema."""
        try:
            built_for = (self.root / os.readlink(self.link) / SOURCE_FILE).read_text()
        except OSError:
            return False  # no index yet, or one from before sources were recorded
        return bool(self.source and built_for and built_for != self.built_mark)

    def status(self) -> str:
        if not self.root.exists():
            return "missing (run flask kd reindex)"
        return "ok" if os.access(self.root, os.R_OK | os.W_OK) else "error: not writable"


class OnDisk:
    """The SearchBackend methods an engine kept in Generations answers from them."""

    generations: Generations

    @property
    def source(self) -> str:
        return self.generations.source

    def live_directory(self) -> Path:
        return self.generations.live_directory()

    def is_rebuilding(self) -> bool:
        return self.generations.is_rebuilding()

    def built_for_another_source(self) -> bool:
        return self.generations.built_for_another_source()

    def status(self) -> str:
        return self.generations.status()


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
