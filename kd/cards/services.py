"""Cards cached on disk under a content-hash name: new content, new file; old ones are never stale."""
from __future__ import annotations

import hashlib
from dataclasses import astuple, dataclass
from pathlib import Path

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
    storage, key = get_storage(), f"cards/{spec.digest}.png"
    if not storage.exists(key):
        storage.store(key, _render(spec))
    return storage.local_path(key)


def _render(spec: CardSpec) -> bytes:
    storage = get_storage()
    if spec.photo_key and storage.exists(spec.photo_key):
        with storage.open(spec.photo_key) as photo:
            return render_card(spec.title, spec.subtitle, spec.label, photo, spec.brand)
    return render_card(spec.title, spec.subtitle, spec.label, None, spec.brand)
