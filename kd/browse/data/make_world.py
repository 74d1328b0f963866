"""Regenerate world.json (run by hand, not at runtime).

Input: world-atlas 2.0.2 countries-110m.json (npm; ISC, Mike Bostock; geometry from Natural Earth,
public domain) and world-countries 5.1.0 countries.json (npm; only its ISO 3166 numeric -> alpha-2
pairs, which are facts). Output: SVG path data per alpha-2 code in the Equal Earth projection.

    python kd/browse/data/make_world.py countries-110m.json countries.json > kd/browse/data/world.json
"""
from __future__ import annotations

import json
import math
import sys

WIDTH = 1000
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
NAMED = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    theta = math.asin(M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = math.radians(lon) * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def main(topo_path: str, countries_path: str) -> None:
    with open(topo_path) as topo_file, open(countries_path) as countries_file:
        topology = json.load(topo_file)
        numeric = {c["ccn3"]: c["cca2"] for c in json.load(countries_file) if c.get("ccn3")}
    arcs = decode_arcs(topology)
    max_x, _ = equal_earth(180, 0)
    _, max_y = equal_earth(0, 90)
    scale = WIDTH / (2 * max_x)
    top, bottom = equal_earth(0, 84)[1], equal_earth(0, -57)[1]
    height = round((top - bottom) * scale)
    paths: dict[str, list[str]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = numeric.get(geometry.get("id")) or NAMED.get(geometry["properties"]["name"])
        if not code or code == "AQ":
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                points = ring_points(ring, arcs)
                if max(lon for lon, _ in points) - min(lon for lon, _ in points) > 180:
                    continue  # a sliver wrapped round the antimeridian: it would draw a line across the map
                projected = [equal_earth(lon, lat) for lon, lat in points]
                coords = [(round((x + max_x) * scale, 1), round((top - y) * scale, 1)) for x, y in projected]
                paths.setdefault(code, []).append("M" + "L".join(f"{x:g},{y:g}" for x, y in coords) + "Z")
    json.dump({"source": "Natural Earth 1:110m (public domain) via world-atlas 2.0.2 (ISC)",
               "viewBox": f"0 0 {WIDTH} {height}",
               "countries": {code: "".join(parts) for code, parts in sorted(paths.items())}},
              sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
