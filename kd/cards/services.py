"""Cards cached on disk under a content-hash name: new content, new file; old ones are never stale."""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from flask import current_app

from kd.cards.render import render_card

CARD_VERSION = "1"


def card_path(title: str, subtitle: str, label: str, photo: Path | None, brand: str) -> Path:
    """The card's file, drawn now if this content has no card yet."""
    key = "\x1f".join([CARD_VERSION, title, subtitle, label, str(photo or ""), brand])
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    folder = Path(current_app.config["UPLOAD_DIR"]) / "cards"
    path = folder / f"{digest}.png"
    if not path.exists():
        _write_atomically(path, render_card(title, subtitle, label, photo, brand))
    return path


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)
