"""Place names written several ways (Albanian, English, Serbian, with or without diacritics).

Engine-agnostic: a backend expands a query word into its whole group at query time.
"""
from __future__ import annotations

from kd.core.text import fold

PLACE_NAMES: tuple[tuple[str, ...], ...] = (
    ("Prishtina", "Prishtinë", "Prishtine", "Pristina", "Priština", "Prishtinës"),
    ("Peja", "Pejë", "Peje", "Peć", "Pec", "Pejës"),
    ("Gjakova", "Gjakovë", "Gjakove", "Đakovica", "Djakovica", "Gjakovës"),
    ("Prizren", "Prizreni", "Prizrenit"),
    ("Mitrovica", "Mitrovicë", "Mitrovice", "Kosovska Mitrovica", "Mitrovicës"),
    ("Ferizaj", "Uroševac", "Urosevac", "Ferizajt"),
    ("Gjilan", "Gnjilane", "Gjilani", "Gjilanit"),
    ("Podujeva", "Podujevë", "Podujeve", "Podujevo"),
    ("Vushtrri", "Vučitrn", "Vucitrn"),
    ("Suhareka", "Suharekë", "Suvareka", "Suva Reka"),
    ("Rahovec", "Orahovac"),
    ("Drenas", "Glogovac", "Gllogoc"),
    ("Lipjan", "Lipljan"),
    ("Istog", "Istok"),
    ("Klina", "Klinë", "Kline"),
    ("Kamenica", "Kamenicë", "Kamenice"),
    ("Vitia", "Viti", "Vitina"),
    ("Kaçanik", "Kacanik", "Kačanik"),
    ("Deçan", "Decan", "Dečani"),
    ("Skenderaj", "Srbica"),
    ("Malisheva", "Malishevë", "Mališevo"),
    ("Kosovo", "Kosova", "Kosovë", "Kosove"),
)


def single_word_groups() -> list[tuple[str, ...]]:
    """Folded one-word spellings per place (multi-word spellings are left to phrase search)."""
    return [tuple(sorted({fold(name) for name in group if " " not in name})) for group in PLACE_NAMES]
