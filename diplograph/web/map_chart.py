"""The map as inline SVG: Natural Earth projection and paths computed in Python, no tiles.

Every state of the bundled 110m world is a path, filled by its current tier with the focus
(``tier-0`` the highest) or, for a partner with events but no tier, shaded by its events
(``shade-1`` to ``shade-4``); the focus is ``focus-country``, other states ``land``. Partners with
events get a circle at their label point sized by their events (area ∝ events), states too small
for 110m a dot, and places named in the events a point sized by theirs. Geometry only; the
template places it. The same query always draws the same picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from diplograph.query.map import MapPartner, MapPublic
from diplograph.query.world import Point, Ring, load_world

PAD = 6.0
MAX_BUBBLE = 16.0
MAX_PLACE = 7.0


def natural_earth(lon: float, lat: float) -> Point:
    """The Natural Earth I projection (Šavrič, Patterson and Jenny 2015), in radians' units."""
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x, y


@dataclass(frozen=True)
class _Frame:
    """The projected world fitted into ``width``: an SVG position for each lon/lat."""

    width: int
    height: int
    scale: float
    x0: float
    y0: float

    def at(self, lon: float, lat: float) -> Point:
        x, y = natural_earth(lon, lat)
        sx, sy = PAD + (x - self.x0) * self.scale, PAD + (self.y0 - y) * self.scale
        return round(sx, 1), round(sy, 1)


@dataclass(frozen=True)
class _Base:
    frame: _Frame
    paths: tuple[tuple[str | None, str, str], ...]  # (code, name, path data)
    labels: dict[str, Point]  # code → SVG position of its label point


def _clip(ring: list[Point], edge: float, keep_west: bool) -> list[Point]:
    """Sutherland–Hodgman: the part of ``ring`` west (or east) of the meridian ``edge``."""

    def inside(p: Point) -> bool:
        return p[0] <= edge if keep_west else p[0] >= edge

    out: list[Point] = []
    for i, cur in enumerate(ring):
        prev = ring[i - 1]
        if inside(cur) != inside(prev):  # the edge is crossed: add the crossing point
            t = (edge - prev[0]) / (cur[0] - prev[0])
            out.append((edge, prev[1] + t * (cur[1] - prev[1])))
        if inside(cur):
            out.append(cur)
    return out


def _unwrapped(ring: Ring) -> list[Ring]:
    """A ring that crosses the antimeridian (Russia, Fiji) made continuous, then cut at ±180°
    into the part on this side and the part beyond, which moves 360° to the other side."""
    points = [ring[0]]
    for lon, lat in ring[1:]:
        prev = points[-1][0]
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        points.append((lon, lat))
    lons = [lon for lon, _ in points]
    if max(lons) > 180:
        west, east = _clip(points, 180, True), _clip(points, 180, False)
        parts = [west, [(lon - 360, lat) for lon, lat in east]]
    elif min(lons) < -180:
        west, east = _clip(points, -180, True), _clip(points, -180, False)
        parts = [[(lon + 360, lat) for lon, lat in west], east]
    else:
        parts = [points]
    return [tuple(part) for part in parts if len(part) >= 3]


@lru_cache(maxsize=4)
def _base(width: int) -> _Base:
    """Projected paths of every shape and label points, computed once per width."""
    world = load_world()
    half = natural_earth(180, 0)[0]  # the widest parallel is the equator
    ys = [natural_earth(x, y)[1] for s in world for ring in s.rings for x, y in ring]
    scale = (width - 2 * PAD) / (2 * half)
    height = math.ceil((max(ys) - min(ys)) * scale + 2 * PAD)
    frame = _Frame(width, height, scale, -half, max(ys))
    paths = []
    for s in world:
        parts = []
        for ring in (r for whole in s.rings for r in _unwrapped(whole)):
            points: list[Point] = []
            for lon, lat in ring:
                p = frame.at(lon, lat)
                if not points or p != points[-1]:
                    points.append(p)
            if len(points) >= 3:
                head, *rest = (f"{x:g} {y:g}" for x, y in points)
                parts.append(f"M{head}L{' '.join(rest)}Z")
        if parts:
            paths.append((s.code, s.name, "".join(parts)))
    labels = {s.code: frame.at(*s.label) for s in world if s.code and s.label}
    return _Base(frame, tuple(paths), labels)


@dataclass(frozen=True)
class CountryMark:
    code: str | None
    name: str
    d: str
    css: str  # tier-N, shade-N, focus-country or land
    href: str | None
    title: str


@dataclass(frozen=True)
class PointMark:
    """A circle: a partner's events (``bubble``), a small state (``dot``) or a ``place``."""

    key: str
    x: float
    y: float
    r: float
    css: str
    href: str | None
    title: str


@dataclass(frozen=True)
class MapChart:
    width: int
    height: int
    countries: list[CountryMark]
    dots: list[PointMark]
    bubbles: list[PointMark]
    places: list[PointMark]
    legend: list[tuple[str, str]]  # (css class, label) of the fills in use


def _plural(n: int, word: str = "event") -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _period(m: MapPublic) -> str:
    if not (m.since or m.until):
        return ""
    return f", {m.since or '…'} to {m.until or '…'}"


def _fill(p: MapPartner, m: MapPublic, top: int) -> str:
    if p.tier in m.tiers:
        return f"tier-{m.tiers.index(p.tier)}"
    return f"shade-{min(4, 1 + int(4 * p.events / (top + 1)))}"


def _title(p: MapPartner, m: MapPublic) -> str:
    tier = f"{p.tier}{f' since {p.tier_since}' if p.tier_since else ''}" if p.tier else "no tier"
    types = ", ".join(f"{t} {n}" for t, n in p.by_type.items())
    events = _plural(p.events) + f" with {m.focus_name}{_period(m)}"
    return f"{p.name} ({p.code}): {tier} · {events}{f' ({types})' if types else ''}"


def map_chart(m: MapPublic, width: int = 960, keep: str = "") -> MapChart:
    """Paths, fills, circles and tooltips for the map of ``m``; ``keep`` is the query string
    a partner's link carries (``?with=FOCUS``: its page seen from a focus that is not home)."""
    base = _base(width)
    partners = {p.code: p for p in m.partners if p.kind == "country"}
    top = max((p.events for p in partners.values()), default=0)
    countries = []
    for code, name, d in base.paths:
        p = partners.get(code or "")
        if p:
            css, href, title = _fill(p, m, top), f"/partners/{p.code}{keep}", _title(p, m)
        elif code == m.focus:
            css, href, title = "focus-country", f"/partners/{code}", f"{name} ({code}): the focus"
        elif code:
            css, href, title = "land", None, f"{name} ({code}): no events with {m.focus_name}"
        else:
            css, href, title = "land", None, name
        countries.append(CountryMark(code, name, d, css, href, title))
    drawn = {c.code for c in countries}
    dots = []
    for code in [*partners, m.focus]:
        if code not in drawn and code in base.labels:  # too small for 110m: a dot
            x, y = base.labels[code]
            p = partners.get(code)
            css = _fill(p, m, top) if p else "focus-country"
            title = _title(p, m) if p else f"{m.focus_name} ({code}): the focus"
            href = f"/partners/{code}{keep if p else ''}"
            dots.append(PointMark(code, x, y, 3.5, css, href, title))
    bubbles = []
    for p in sorted(partners.values(), key=lambda p: (-p.events, p.code)):
        if p.events and p.code in base.labels:
            x, y = base.labels[p.code]
            r = round(2.5 + (MAX_BUBBLE - 2.5) * math.sqrt(p.events / top), 1)
            href = f"/partners/{p.code}{keep}"
            bubbles.append(PointMark(p.code, x, y, r, "bubble", href, _title(p, m)))
    most = max((pl.events for pl in m.places), default=0)
    places = []
    for pl in m.places:
        x, y = base.frame.at(pl.lon, pl.lat)
        r = round(2 + (MAX_PLACE - 2) * math.sqrt(pl.events / most), 1)
        types = ", ".join(f"{t} {n}" for t, n in pl.by_type.items())
        title = (
            f"{pl.name} ({pl.country}): {_plural(pl.events)} of {m.focus_name}{_period(m)} "
            f"({types}) · written {', '.join(pl.written)}"
        )
        places.append(PointMark(f"{pl.name}|{pl.country}", x, y, r, "place", None, title))
    used = {c.css for c in countries} | {d.css for d in dots}
    legend = [(f"tier-{i}", t) for i, t in enumerate(m.tiers) if f"tier-{i}" in used]
    if any(css.startswith("shade-") for css in used):
        legend.append(("shade-3", "events, no tier"))
    return MapChart(width, base.frame.height, countries, dots, bubbles, places, legend)
