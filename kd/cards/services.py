"""Cards cached on disk under a content-hash name: new content, new file; old ones are never stale."""
from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import astuple, dataclass
from pathlib import Path

from flask import current_app

from kd.cards.render import render_card
from kd.media.storage import get_storage

CARD_VERSION = "2"


@dataclass(frozen=True)
class CardSpec:
    """Everything a card shows; photo_key is a media storage key (a public derivative) or None."""

    title: str
    subtitle: str
    label: str
    photo_key: str | None = None
    brand: str = ""

    @property
    def digest(self) -> str:
        key = "\x1f".join([CARD_VERSION, *(str(part or "") for part in astuple(self))])
        return hashlib.sha256(key.encode()).hexdigest()[:32]


def card_path(spec: CardSpec) -> Path:
    """The card's file, drawn now if this content has no card yet."""
    path = Path(current_app.config["UPLOAD_DIR"]) / "cards" / f"{spec.digest}.png"
    if not path.exists():
        _write_atomically(path, _render(spec))
    return path


def _render(spec: CardSpec) -> bytes:
    storage = get_storage()
    if spec.photo_key and storage.exists(spec.photo_key):
        with storage.open(spec.photo_key) as photo:
            return render_card(spec.title, spec.subtitle, spec.label, photo, spec.brand)
    return render_card(spec.title, spec.subtitle, spec.label, None, spec.brand)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
