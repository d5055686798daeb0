"""The network as inline SVG: a deterministic circular layout computed in Python.

The focus country sits in the centre and its partners on a circle around it, the busiest at
the top and the rest clockwise by events (then code), so the same query always draws the same
picture. Without a focus every actor is on the circle. Geometry only; the template places it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from diplograph.query.network import NetworkPublic

MAX_LABEL = 16  # longer names are labelled by their code (the full name is in the tooltip)


@dataclass(frozen=True)
class NodeMark:
    code: str
    name: str
    label: str
    x: float
    y: float
    r: float
    label_x: float
    label_y: float
    anchor: str  # text-anchor: start, middle or end
    events: int
    focus: bool
    href: str
    title: str


@dataclass(frozen=True)
class EdgeMark:
    a: str
    b: str
    a_name: str
    b_name: str
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    tone: str
    count: int
    href: str
    title: str


@dataclass(frozen=True)
class NetworkChart:
    """Nodes (focus first) and edges in the order of the network (busiest first)."""

    width: int
    height: int
    nodes: list[NodeMark]
    edges: list[EdgeMark]

    @property
    def empty(self) -> bool:
        return not self.edges


def _edge_title(net: NetworkPublic, names: dict[str, str], i: int) -> str:
    e = net.edges[i]
    types = ", ".join(f"{t} {n}" for t, n in e.by_type.items())
    return (
        f"{names[e.a]} – {names[e.b]}: {e.count} event{'s' if e.count != 1 else ''} "
        f"({e.cooperative} cooperative, {e.conflictual} conflictual) · {types} · "
        f"{e.a}→{e.b} {e.a_to_b}, {e.b}→{e.a} {e.b_to_a}"
    )


def _events_link(net: NetworkPublic, a: str, b: str) -> str:
    """The event list behind an edge: the pair, the period and a single chosen type."""
    params = {"country": a, "partner": b, "since": net.since or "", "until": net.until or ""}
    if len(net.types) == 1:
        params["type"] = net.types[0]
    return "/events?" + urlencode({k: v for k, v in params.items() if v})


def network_chart(
    net: NetworkPublic, width: int = 760, height: int = 560, keep: str = ""
) -> NetworkChart:
    """Positions, sizes and tooltips for the nodes and edges of ``net``; ``keep`` is the query
    string a partner's link carries (``?with=FOCUS``: its page seen from a focus not home)."""
    cx, cy = width / 2, height / 2
    ring = min(cx - 150, cy - 50)
    centre = [n for n in net.nodes if n.focus]
    around = [n for n in net.nodes if not n.focus]
    if not centre and len(around) == 1:
        centre, around = around, []
    top_events = max((n.events for n in net.nodes), default=0) or 1
    top_count = max((e.count for e in net.edges), default=0) or 1
    names = {n.code: n.name for n in net.nodes}
    place: dict[str, tuple[float, float]] = {}
    nodes: list[NodeMark] = []
    for i, n in enumerate([*centre, *around]):
        r = round(5 + 11 * math.sqrt(n.events / top_events), 1)
        if i < len(centre):
            x, y, angle = cx, cy, math.pi / 2  # label below the centre
        else:
            angle = -math.pi / 2 + 2 * math.pi * (i - len(centre)) / len(around)
            x, y = cx + ring * math.cos(angle), cy + ring * math.sin(angle)
        cos, sin = math.cos(angle), math.sin(angle)
        away = r + 6
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        label_y = y + sin * away + (4 if abs(sin) < 0.95 else 12 if sin > 0 else -2)
        place[n.code] = (x, y)
        nodes.append(
            NodeMark(
                code=n.code, name=n.name,
                label=n.name if len(n.name) <= MAX_LABEL else n.code,
                x=round(x, 1), y=round(y, 1), r=r,
                label_x=round(x + cos * away, 1), label_y=round(label_y, 1), anchor=anchor,
                events=n.events, focus=n.focus, href=f"/partners/{n.code}{'' if n.focus else keep}",
                title=f"{n.name} ({n.code}): {n.events} event{'s' if n.events != 1 else ''}",
            )
        )  # fmt: skip
    edges = []
    for i, e in enumerate(net.edges):
        (x1, y1), (x2, y2) = place[e.a], place[e.b]
        edges.append(
            EdgeMark(
                a=e.a, b=e.b, a_name=names[e.a], b_name=names[e.b], x1=round(x1, 1),
                y1=round(y1, 1), x2=round(x2, 1), y2=round(y2, 1),
                width=round(1 + 7 * e.count / top_count, 1), tone=e.tone,
                count=e.count, href=_events_link(net, e.a, e.b),
                title=_edge_title(net, names, i),
            )
        )  # fmt: skip
    return NetworkChart(width, height, nodes, edges)
