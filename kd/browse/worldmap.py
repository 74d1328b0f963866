"""The diaspora map: country outlines (Natural Earth 1:110m, public domain) shaded by approved profiles.

Drawn on the server as inline SVG: no tiles, no script, works offline. See data/make_world.py.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SHADES = 5
DATA_FILE = Path(__file__).parent / "data" / "world.json"


@dataclass(frozen=True)
class CountryShape:
    code: str
    path: str
    count: int
    shade: int


@dataclass(frozen=True)
class WorldMap:
    view_box: str
    countries: list[CountryShape]
    totals: list[tuple[str, int]]  # every country with profiles, outline or not (the table's rows)


@lru_cache(maxsize=1)
def _outlines() -> dict:
    return json.loads(DATA_FILE.read_text())


def shade(count: int, largest: int) -> int:
    """0 for none, then 1..SHADES on a square-root scale: one big country does not wash out the rest."""
    if count <= 0 or largest <= 0:
        return 0
    return max(1, math.ceil(SHADES * math.sqrt(count / largest)))


def world_map(counts: dict[str, int]) -> WorldMap:
    data = _outlines()
    largest = max(counts.values(), default=0)
    shapes = [CountryShape(code, path, counts.get(code, 0), shade(counts.get(code, 0), largest))
              for code, path in data["countries"].items()]
    totals = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return WorldMap(data["viewBox"], shapes, totals)
