"""Who meets whom, who protests whom: actors as nodes, event counts between pairs as edges.

The counts come from one SQL aggregation in the store (``Store.event_pairs``: events per
directed pair and type, the same statement on SQLite and PostgreSQL); this module folds the
two directions of a pair into one edge, splits its events into cooperative and conflictual
ones (the CAMEO quad classes of our event types, as in the trends) and keeps the focus
country's neighbourhood: the focus, every actor it has events with, and the events among
those actors. Counts are event records (one per reporting sentence), like the event lists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field

from diplograph.importers.cameo import TYPE_QUAD
from diplograph.query.inputs import InputError, event_type
from diplograph.query.names import display
from diplograph.store import Filters, Store

GROUPS: dict[str, frozenset[str]] = {
    "cooperative": frozenset(t for t, q in TYPE_QUAD.items() if q in (1, 2)),
    "conflictual": frozenset(t for t, q in TYPE_QUAD.items() if q in (3, 4)),
}
MAX_NODES = 40
Tone = Literal["cooperative", "conflictual", "mixed", "neutral"]


class NetworkNode(BaseModel):
    """An actor: its code, display name and the events on its edges in this graph."""

    code: str
    name: str
    events: int
    focus: bool = False


class NetworkEdge(BaseModel):
    """Events between two actors in either direction (``a`` sorts before ``b``)."""

    a: str
    b: str
    count: int
    a_to_b: int = Field(description="Events with a as source and b as target.")
    b_to_a: int
    cooperative: int
    conflictual: int
    tone: Tone = Field(description="cooperative or conflictual, whichever has more events.")
    by_type: dict[str, int]


class NetworkPublic(BaseModel):
    """The graph of one query: nodes by events (focus first), edges by count."""

    focus: str | None = Field(description="The country whose neighbourhood this is; null: all.")
    focus_name: str | None = None
    since: str | None = None
    until: str | None = None
    types: list[str] = Field(default_factory=list)
    group: str | None = None
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    events: int = Field(description="Events on the edges shown.")
    hidden_nodes: int = Field(0, description="Actors left out to keep at most max_nodes.")


def parse_types(value: str | None) -> tuple[str, ...]:
    """``visit,MEET`` → ``("VISIT", "MEET")``; an unknown type raises with suggestions."""
    found = (event_type(v) for v in (value or "").split(",") if v.strip())
    return tuple(dict.fromkeys(t for t in found if t))


def parse_group(value: str | None) -> str | None:
    """``cooperative``, ``conflictual`` or nothing; anything else raises with the choices."""
    text = (value or "").strip().lower()
    if not text:
        return None
    if text not in GROUPS:
        raise InputError(f"unknown group {value!r}; use {' or '.join(GROUPS)}")
    return text


def tone_of(cooperative: int, conflictual: int) -> Tone:
    if cooperative > conflictual:
        return "cooperative"
    if conflictual > cooperative:
        return "conflictual"
    return "mixed" if cooperative else "neutral"


def _wanted(types: Iterable[str], group: str | None) -> frozenset[str] | None:
    """The event types the query keeps; None keeps every type."""
    chosen = frozenset(types)
    if group is None:
        return chosen or None
    return chosen & GROUPS[group] if chosen else GROUPS[group]


def _edges(rows: Iterable[dict[str, object]], wanted: frozenset[str] | None) -> list[NetworkEdge]:
    by_pair: dict[tuple[str, str], Counter[str]] = {}
    forward: Counter[tuple[str, str]] = Counter()
    for r in rows:
        kind, n = str(r["type"]), int(str(r["count"]))
        if wanted is not None and kind not in wanted:
            continue
        src, tgt = str(r["source_code"]), str(r["target_code"])
        key = (min(src, tgt), max(src, tgt))
        by_pair.setdefault(key, Counter())[kind] += n
        if src == key[0]:
            forward[key] += n
    edges = []
    for (a, b), types in by_pair.items():
        count = sum(types.values())
        coop = sum(n for t, n in types.items() if t in GROUPS["cooperative"])
        conf = sum(n for t, n in types.items() if t in GROUPS["conflictual"])
        edges.append(
            NetworkEdge(
                a=a, b=b, count=count, a_to_b=forward[(a, b)], b_to_a=count - forward[(a, b)],
                cooperative=coop, conflictual=conf, tone=tone_of(coop, conf),
                by_type=dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
            )
        )  # fmt: skip
    return sorted(edges, key=lambda e: (-e.count, e.a, e.b))


def _keep(edges: list[NetworkEdge], focus: str | None, max_nodes: int) -> tuple[set[str], int]:
    """The actors to show and how many were left out (the focus is always shown)."""
    weight: Counter[str] = Counter()
    for e in edges:
        if focus is None or focus in (e.a, e.b):
            weight[e.a] += e.count
            weight[e.b] += e.count
    if focus is not None:
        weight.pop(focus, None)
    ranked = sorted(weight, key=lambda code: (-weight[code], code))
    room = max_nodes - (1 if focus else 0)
    shown = set(ranked[:room]) | ({focus} if focus else set())
    return shown, max(0, len(ranked) - room)


def build_network(
    store: Store,
    focus: str | None,
    since: str | None = None,
    until: str | None = None,
    types: Iterable[str] = (),
    group: str | None = None,
    max_nodes: int = MAX_NODES,
) -> NetworkPublic:
    """The graph of events between actors, or the neighbourhood of ``focus`` (a code).

    ``types`` and ``group`` (``cooperative`` or ``conflictual``) narrow the event types; both
    together keep the types in both. Actors beyond ``max_nodes`` (by events) are left out
    with their edges and counted in ``hidden_nodes``.
    """
    focus = focus.upper() if focus else None
    types = tuple(types)
    if group is not None and group not in GROUPS:
        raise InputError(f"unknown group {group!r}; use {' or '.join(GROUPS)}")
    rows = store.event_pairs(Filters(since=since, until=until))
    edges = _edges(rows, _wanted(types, group))
    shown, hidden = _keep(edges, focus, max_nodes)
    edges = [e for e in edges if e.a in shown and e.b in shown]
    events: Counter[str] = Counter()
    for e in edges:
        events[e.a] += e.count
        events[e.b] += e.count
    nodes = [
        NetworkNode(code=code, name=display(code), events=events[code], focus=code == focus)
        for code in shown
    ]
    nodes.sort(key=lambda n: (not n.focus, -n.events, n.code))
    return NetworkPublic(
        focus=focus,
        focus_name=display(focus) if focus else None,
        since=since,
        until=until,
        types=list(types),
        group=group,
        nodes=nodes,
        edges=edges,
        events=sum(e.count for e in edges),
        hidden_nodes=hidden,
    )
