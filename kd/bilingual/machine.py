"""The seam for machine translation: an interface with no implementation, on purpose.

KD assumes no network service, and machine output must never pass for a reviewed human translation
(Decidim keeps the two apart). A future implementation would:

- implement MachineTranslator (e.g. a self-hosted model, or a provider behind configuration),
- be returned by machine_translator() when configured (a KD_MACHINE_TRANSLATION setting in config.py),
- only prefill the translation form (kd.bilingual.views.translate) as a draft for a human translator,
  who submits it for review like any translation; it is never published on its own.

Until then machine_translator() returns None and nothing calls translate().
"""
from __future__ import annotations

from typing import Protocol


class MachineTranslator(Protocol):
    def translate(self, texts: dict[str, str], source_language: str, target_language: str) -> dict[str, str]:
        """The same keys as texts (fields of kd.bilingual.fields.TEXT_FIELDS, photo keys), translated."""
        ...


def machine_translator() -> MachineTranslator | None:
    """No implementation is configured: translations are made by people."""
    return None
