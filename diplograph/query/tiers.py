"""Tier changes of a review: one entry per real change, however many records report it.

An upgrade reaches the store twice over: as ``PARTNERSHIP_UPGRADE`` event records (clustered
into canonical events) and as ``relations`` rows with ``status`` "upgraded" (the tier set, often
with the previous one). Counting either alone double-counts: two articles give two relation
rows for one upgrade, and two articles that date it differently ("in September", "on November
27") give two canonical events. Here both kinds merge into :class:`TierChange` entries: a
pair's upgrade events and tier records within one period are one change unless they name
different tiers or fall in different years. The review's "Tier upgrades" headline, its tier
section and its partner sections all read the same entries, and ``conflicts`` flags a change
told by more than one sentence (``tier_double_count``): the one place that decides what is one
upgrade is :func:`merge_tier_changes`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from diplograph.query.canonical import CanonicalEvent, dates_compatible, evidence_of

Row = dict[str, Any]
UPGRADE = "PARTNERSHIP_UPGRADE"
STATUSES = ("upgraded", "established")  # relation rows that record a tier being set


class Window(Protocol):
    """The dates a merge may claim: a review's period (``reports.period.Period``) or any date."""

    def contains(self, value: str | None) -> bool: ...


@dataclass(frozen=True)
class Year:
    """One calendar year (``2023``): the window of a review of that year."""

    year: str

    def contains(self, value: str | None) -> bool:
        return bool(value) and str(value)[:4] == self.year


def _pair(a: str | None, b: str | None) -> frozenset[str]:
    return frozenset(x for x in (a, b) if x)


def _same_year(a: str | None, b: str | None) -> bool:
    return not a or not b or a[:4] == b[:4]


@dataclass
class TierChange:
    """One pair's tier set in the period, with every event and tier record reporting it."""

    a: str
    b: str
    events: list[CanonicalEvent] = field(default_factory=list)  # canonical upgrade events
    relations: list[Row] = field(default_factory=list)  # relation rows (upgraded/established)

    @property
    def pair(self) -> frozenset[str]:
        return _pair(self.a, self.b)

    @property
    def rows(self) -> list[Row]:
        """Every record behind the change: the events' reports, then the tier records."""
        return [s for e in self.events for s in e.sources] + self.relations

    @property
    def dates(self) -> list[str]:
        """The distinct dates the records give, most specific first."""
        found = {str(r["date"]) for r in self.rows if r.get("date")}
        found |= {e.date for e in self.events if e.date}
        return sorted(found, key=lambda d: (-len(d), d))

    @property
    def date(self) -> str | None:
        return next(iter(self.dates), None)

    @property
    def dates_disagree(self) -> bool:
        """True when two records date the change incompatibly (a double-count risk)."""
        ds = self.dates
        return any(not dates_compatible(x, y) for i, x in enumerate(ds) for y in ds[i + 1 :])

    def _most_common(self, key: str) -> str | None:
        values = Counter(str(r[key]) for r in self.relations if r.get(key))
        return values.most_common(1)[0][0] if values else None

    @property
    def level(self) -> str | None:
        """The tier set, from the tier records (None when only events report the change)."""
        return self._most_common("level")

    @property
    def previous(self) -> str | None:
        return self._most_common("previous")

    @property
    def status(self) -> str:
        """ "upgraded" when an upgrade event or record reports it, else "established"."""
        if self.events or any(r.get("status") == "upgraded" for r in self.relations):
            return "upgraded"
        return "established"

    @property
    def reports(self) -> list[Row]:
        """One record per reporting sentence (document, sentence index), first seen first: what
        a count of upgrade events or tier records counts. An event and a tier record of one
        sentence are one report, the tier record standing for it (it names the tier)."""
        seen: dict[tuple[str, object], Row] = {}
        for r in self.rows:
            key = (str(r["doc_id"]), r.get("sent_idx"))
            if key not in seen or ("level" in r and "level" not in seen[key]):
                seen[key] = r
        return list(seen.values())

    @property
    def evidence(self) -> list[dict[str, Any]]:
        return [evidence_of(r) for r in self.rows]

    @cached_property
    def event(self) -> CanonicalEvent:
        """The change as one canonical upgrade event (for counts and partner sections);
        built once, after merging."""
        first = self.events[0] if self.events else None
        return CanonicalEvent(
            UPGRADE,
            first.source if first else self.a,
            first.target if first else self.b,
            self.date,
            self.rows,
        )


def _fits(change: TierChange, pair: frozenset[str], date: str | None, level: str | None) -> bool:
    if change.pair != pair or not _same_year(change.date, date):
        return False
    return not (level and change.level and level != change.level)


def _place(
    changes: list[TierChange], a: str, b: str, date: str | None, level: str | None
) -> TierChange:
    pair = _pair(a, b)
    for change in changes:
        if _fits(change, pair, date, level):
            return change
    change = TierChange(a, b)
    changes.append(change)
    return change


def merge_tier_changes(
    events: list[CanonicalEvent], relations: list[Row], period: Window
) -> list[TierChange]:
    """Upgrade events and tier records of ``period`` merged into one entry per change.

    ``relations`` may include undated rows: they join an upgrade event of the same pair from
    the same document, and are dropped otherwise (a tier record without a date is no change
    the period can claim).
    """
    changes: list[TierChange] = []
    used: set[int] = set()
    setting = [r for r in relations if r.get("status") in STATUSES]
    upgrades = sorted(
        (e for e in events if e.type == UPGRADE), key=lambda e: (-len(e.date or ""), e.date or "")
    )
    for e in upgrades:
        docs = set(e.docs)
        own = [
            r
            for r in setting
            if id(r) not in used
            and str(r["doc_id"]) in docs
            and _pair(r["a"], r["b"]) == _pair(e.source, e.target)
            and (not r.get("date") or period.contains(r["date"]))
        ]
        levels = Counter(str(r["level"]) for r in own if r.get("level")).most_common(1)
        change = _place(
            changes, e.source or "", e.target or "", e.date, levels[0][0] if levels else None
        )
        change.events.append(e)
        change.relations.extend(own)
        used.update(id(r) for r in own)
    for r in setting:
        if id(r) in used or not period.contains(r.get("date")):
            continue
        change = _place(changes, r["a"], r["b"], r["date"], r.get("level"))
        change.relations.append(r)
        used.add(id(r))
    return sorted(changes, key=lambda c: (c.date or "", sorted(c.pair)))
