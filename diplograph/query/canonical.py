"""One event, many reports: cluster event records from different documents into canonical events.

Two records report the same real-world event when they have the same type, the same actor
pair (in either order for symmetric types such as MEET or CALL), compatible dates (one a prefix
of the other, "2023-09" and "2023-09-10", or day dates at most ``MAX_DAYS`` apart) and come from
different documents. Where several clusters fit, the one with the same date and the most
similar wording wins. Pure functions over rows of ``store.events(...)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from diplograph.budget import checked
from diplograph.query.terms import content_terms
from diplograph.store import Filters, Store

Row = dict[str, Any]
SYMMETRIC = frozenset(
    {"MEET", "CALL", "AGREE_SIGN", "PARTNERSHIP_UPGRADE", "CONFERENCE", "OTHER_COOPERATE"}
)
MAX_DAYS = 3


@dataclass
class CanonicalEvent:
    """A real-world event with every record (``sources``) that reports it."""

    type: str
    source: str | None
    target: str | None
    date: str | None  # the most specific date among the sources
    sources: list[Row] = field(default_factory=list)

    @property
    def docs(self) -> list[str]:
        return sorted({str(r["doc_id"]) for r in self.sources})

    @property
    def location(self) -> str | None:
        return next((r["location"] for r in self.sources if r.get("location")), None)

    @property
    def status(self) -> str:
        statuses = {r.get("status") or "happened" for r in self.sources}
        return "happened" if "happened" in statuses else sorted(statuses)[0]

    def involves(self, code: str) -> bool:
        return code in (self.source, self.target)

    def partner(self, code: str) -> str | None:
        """The other side of the pair seen from ``code``."""
        return self.target if self.source == code else self.source

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "source": self.source,
            "target": self.target,
            "date": self.date,
            "location": self.location,
            "status": self.status,
            "docs": self.docs,
            "evidence": [evidence_of(r) for r in self.sources],
        }


def evidence_of(row: Row) -> dict[str, Any]:
    """The evidence part of a record row: document, sentence index and text, offsets."""
    return {
        "doc": row["doc_id"],
        "sent_idx": row.get("sent_idx"),
        "sentence": row.get("sentence"),
        "start": row.get("start"),
        "end": row.get("end"),
    }


def pair_key(type_: str, source: str | None, target: str | None) -> tuple[str, str, str]:
    """Type and actor pair; the pair is unordered for symmetric types."""
    a, b = source or "", target or ""
    if type_ in SYMMETRIC and b < a:
        a, b = b, a
    return (type_, a, b)


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def dates_compatible(a: str | None, b: str | None, max_days: int = MAX_DAYS) -> bool:
    """Unknown dates fit anything; otherwise one is a prefix of the other or days are close."""
    if not a or not b:
        return True
    if a.startswith(b) or b.startswith(a):
        return True
    da, db = _day(a), _day(b)
    return da is not None and db is not None and abs((da - db).days) <= max_days


def _similarity(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass
class _Clusters:
    """The clusters of one (type, pair) key, indexed by date, so that a record only meets the
    clusters whose date can fit it (a prefix either way, or a day at most ``max_days`` off)
    instead of every cluster of the key: one country's visits of a year were 150,000 date checks.
    Candidates come back in creation order, so the choice among them is unchanged."""

    items: list[tuple[CanonicalEvent, set[str]]] = field(default_factory=list)
    undated: list[int] = field(default_factory=list)
    by_prefix: dict[str, list[int]] = field(default_factory=dict)  # each prefix of a date
    by_date: dict[str, list[int]] = field(default_factory=dict)
    lengths: set[int] = field(default_factory=set)  # of the dates in by_date
    by_day: dict[int, list[int]] = field(default_factory=dict)  # day dates by ordinal

    def add(self, ev: CanonicalEvent, words: set[str]) -> None:
        i, d = len(self.items), ev.date
        self.items.append((ev, words))
        if not d:
            self.undated.append(i)
            return
        for k in range(1, len(d) + 1):
            self.by_prefix.setdefault(d[:k], []).append(i)
        self.by_date.setdefault(d, []).append(i)
        self.lengths.add(len(d))
        day = _day(d)
        if day is not None:
            self.by_day.setdefault(day.toordinal(), []).append(i)

    def candidates(self, d: str | None, max_days: int) -> list[tuple[CanonicalEvent, set[str]]]:
        """Every cluster whose date may be compatible with ``d`` (a superset), oldest first."""
        if not d:
            return self.items
        found = set(self.undated)
        found.update(self.by_prefix.get(d, ()))  # dates that start with d, d itself included
        for k in self.lengths:
            if k < len(d):
                found.update(self.by_date.get(d[:k], ()))  # dates that d starts with
        day = _day(d) if self.by_day else None
        if day is not None:
            o = day.toordinal()
            for x in range(o - max_days, o + max_days + 1):
                found.update(self.by_day.get(x, ()))
        return [self.items[i] for i in sorted(found)]


def cluster_events(rows: Iterable[Row], max_days: int = MAX_DAYS) -> list[CanonicalEvent]:
    """Group event rows into canonical events, most specific dates first; keeps all sources."""
    ordered = sorted(rows, key=lambda r: (-len(r.get("date") or ""), str(r["doc_id"])))
    groups: dict[tuple[str, str, str], _Clusters] = {}
    out: list[CanonicalEvent] = []
    for r in checked(ordered):
        key = pair_key(r["type"], r.get("source_code"), r.get("target_code"))
        words = set(content_terms(r.get("sentence") or ""))
        clusters = groups.get(key)
        if clusters is None:
            clusters = groups[key] = _Clusters()
        best: tuple[tuple[int, float], CanonicalEvent, set[str]] | None = None
        for ev, ev_words in clusters.candidates(r.get("date"), max_days):
            if any(s["doc_id"] == r["doc_id"] for s in ev.sources):
                continue
            if not dates_compatible(ev.date, r.get("date"), max_days):
                continue
            rank = (int(ev.date == r.get("date")), _similarity(ev_words, words))
            if best is None or rank > best[0]:
                best = (rank, ev, ev_words)
        if best is None:
            ev = CanonicalEvent(
                r["type"], r.get("source_code"), r.get("target_code"), r.get("date")
            )
            ev.sources.append(r)
            clusters.add(ev, words)
            out.append(ev)
        else:
            best[1].sources.append(r)
            best[2].update(words)
    out.sort(key=lambda e: (e.date or "", e.type, e.source or "", e.target or ""))
    return out


def canonical_events(store: Store, filters: Filters | None = None) -> list[CanonicalEvent]:
    """Canonical events of the store (or of the rows that ``filters`` select)."""
    return cluster_events(store.events(filters or Filters()))


def canonical_counts(store: Store, filters: Filters | None = None) -> dict[str, Any]:
    """``canonical_events`` and ``canonical_events_by_type`` (most frequent first)."""
    events = canonical_events(store, filters)
    by_type: dict[str, int] = {}
    for e in events:
        by_type[e.type] = by_type.get(e.type, 0) + 1
    return {
        "canonical_events": len(events),
        "canonical_events_by_type": dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def stats_with_canonical(store: Store) -> dict[str, Any]:
    """``store.stats()`` plus :func:`canonical_counts` beside the raw record counts."""
    return {**store.stats(), **canonical_counts(store)}
