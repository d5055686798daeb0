"""Country shapes for the map: the bundled Natural Earth 110m TopoJSON, decoded (issue 17).

``data/world/countries-110m.json`` is world-atlas' ``countries`` object with our ISO3 codes as
ids and each state's label point (see ``data/SOURCES.md`` and ``scripts/convert_geodata.py``).
TopoJSON stores each border once as a quantised, delta-encoded arc; a ring is a list of arc
indices (``~i`` for arc ``i`` reversed). States too small for 110m keep only a label point.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

Point = tuple[float, float]  # (longitude, latitude)
Ring = tuple[Point, ...]


@dataclass(frozen=True)
class CountryShape:
    """A state (``code`` None for a disputed area with no code) as lon/lat rings.

    ``rings`` holds outer rings and holes alike (draw them with the even-odd fill rule); it is
    empty for a state drawn as a point at ``label`` only.
    """

    code: str | None
    name: str
    rings: tuple[Ring, ...]
    label: Point | None


def _decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 4), round(y * sy + ty, 4)))
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list[list[Point]]) -> Ring:
    points: list[Point] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)  # each arc starts where the last one ended
    return tuple(points)


def _rings(geometry: dict[str, Any], arcs: list[list[Point]]) -> tuple[Ring, ...]:
    kind = geometry.get("type")
    if kind == "Polygon":
        polygons = [geometry["arcs"]]
    elif kind == "MultiPolygon":
        polygons = geometry["arcs"]
    else:
        return ()
    return tuple(_ring(ring, arcs) for polygon in polygons for ring in polygon)


@lru_cache(maxsize=1)
def load_world() -> tuple[CountryShape, ...]:
    """Every shape of the bundled world map, in the file's order."""
    path = resources.files("diplograph.data") / "world" / "countries-110m.json"
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    shapes = []
    for g in topology["objects"]["countries"]["geometries"]:
        label = g["properties"].get("label")
        shapes.append(
            CountryShape(
                code=g.get("id"),
                name=g["properties"]["name"],
                rings=_rings(g, arcs),
                label=(float(label[0]), float(label[1])) if label else None,
            )
        )
    return tuple(shapes)


@lru_cache(maxsize=1)
def world_codes() -> frozenset[str]:
    """The codes of every state on the map (drawn as a shape or a point)."""
    return frozenset(s.code for s in load_world() if s.code)
