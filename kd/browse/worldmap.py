"""The diaspora map: country outlines (Natural Earth 1:110m, public domain) shaded by approved profiles.

Drawn on the server as an SVG file of its own (templates/browse/map.svg): no tiles, no script, works
offline, cached by browsers apart from the pages that show it. Europe, where most of the diaspora lives
and where Kosovo is a speck at world scale, is repeated zoomed in an inset. See data/make_world.py.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SHADES = 5
DATA_FILE = Path(__file__).parent / "data" / "world.json"
EUROPE = (475.0, 38.0, 102.0, 76.0)  # x, y, width, height of the zoomed region, in world coordinates
INSET = (6.0, 236.0, 255.0, 190.0)  # where it is drawn, 2.5 times larger: the empty South Pacific
POINT = re.compile(r"([MLZ])(?:(-?[\d.]+),(-?[\d.]+))?")


@dataclass(frozen=True)
class CountryShape:
    code: str
    path: str
    count: int
    shade: int
    in_inset: bool


@dataclass(frozen=True)
class WorldMap:
    view_box: str
    countries: list[CountryShape]
    totals: list[tuple[str, int]]  # every country with profiles, outline or not (the table's rows)
    version: str  # changes whenever the counts do: part of the file's address, so caches never go stale

    @property
    def inset_view_box(self) -> str:
        return " ".join(f"{value:g}" for value in EUROPE)

    @property
    def inset(self) -> tuple[float, float, float, float]:
        return INSET


@dataclass(frozen=True)
class Outline:
    path: str  # relative coordinates: about a quarter smaller than the absolute ones in world.json
    bounds: tuple[float, float, float, float]


@lru_cache(maxsize=1)
def _outlines() -> tuple[str, dict[str, Outline]]:
    data = json.loads(DATA_FILE.read_text())
    return data["viewBox"], {code: _outline(path) for code, path in data["countries"].items()}


def _outline(path: str) -> Outline:
    parts, xs, ys = [], [], []
    x = y = 0.0
    for command, raw_x, raw_y in POINT.findall(path):
        if command == "Z":
            parts.append("z")
            continue
        new_x, new_y = round(float(raw_x), 1), round(float(raw_y), 1)
        xs.append(new_x), ys.append(new_y)
        if command == "M":
            parts.append(f"M{new_x:g},{new_y:g}")
        elif (new_x, new_y) != (x, y):
            parts.append(f"l{round(new_x - x, 1):g}{'' if new_y < y else ','}{round(new_y - y, 1):g}")
        x, y = new_x, new_y
    return Outline("".join(parts), (min(xs), min(ys), max(xs), max(ys)))


def _in_europe(bounds: tuple[float, float, float, float]) -> bool:
    left, top, width, height = EUROPE
    return bounds[0] < left + width and bounds[2] > left and bounds[1] < top + height and bounds[3] > top


def shade(count: int, largest: int) -> int:
    """0 for none, then 1..SHADES on a square-root scale: one big country does not wash out the rest."""
    if count <= 0 or largest <= 0:
        return 0
    return max(1, math.ceil(SHADES * math.sqrt(count / largest)))


def world_map(counts: dict[str, int]) -> WorldMap:
    return _drawn(tuple(sorted(counts.items())))


@lru_cache(maxsize=8)
def _drawn(counted: tuple[tuple[str, int], ...]) -> WorldMap:
    """Every page that shows the map asks with the same counts until a profile changes: shade once."""
    counts = dict(counted)
    view_box, outlines = _outlines()
    largest = max(counts.values(), default=0)
    shapes = [CountryShape(code, outline.path, counts.get(code, 0), shade(counts.get(code, 0), largest),
                           _in_europe(outline.bounds))
              for code, outline in outlines.items()]
    totals = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    version = hashlib.sha256(json.dumps(totals).encode()).hexdigest()[:12]
    return WorldMap(view_box, shapes, totals, version)
