"""Where image files live. One small interface (store / open / url / delete / exists) so that an
S3-like backend can replace the filesystem later; keys look like "private/<hash>.jpg" or
"public/<hash>-800.webp", and only public keys have a URL."""
from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from flask import current_app, url_for

PUBLIC_PREFIX = "public/"
PHOTO_FOLDERS = ("private", "public")


class FileSystemStorage:
    def __init__(self, root: str | Path):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if self.root.resolve() not in path.parents:
            raise ValueError(f"storage key outside the storage root: {key!r}")
        return path

    def local_path(self, key: str) -> Path:
        """Where the file lies on this machine (for send_file)."""
        return self._path(key)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def store(self, key: str, data: bytes) -> None:
        """Write atomically: a temporary file in the same folder, then os.replace."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def keys_older_than(self, seconds: float) -> Iterator[str]:
        """Photo files (and temporary files of interrupted writes) not modified for `seconds`."""
        cutoff = time.time() - seconds
        for folder in PHOTO_FOLDERS:
            for path in sorted((self.root / folder).glob("*")):
                if path.is_file() and path.stat().st_mtime < cutoff:
                    yield f"{folder}/{path.name}"

    def open(self, key: str) -> BinaryIO:
        return self._path(key).open("rb")

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def url(self, key: str) -> str:
        if not key.startswith(PUBLIC_PREFIX):
            raise ValueError(f"private files have no URL: {key!r}")
        return url_for("media.serve", name=key.removeprefix(PUBLIC_PREFIX))


def get_storage() -> FileSystemStorage:
    return FileSystemStorage(current_app.config["UPLOAD_DIR"])
