"""Disagreements between sources, each with both evidence sentences.

- **figure**: the same indicator, subject and period with values that cannot both be true.
  A qualifier makes a value a range ("over 700" ≥ 700, "nearly 700" ≤ 700, "about 700" ±10%);
  exact values may differ by ``VALUE_TOLERANCE`` (0.5%).
- **event_date** / **event_place**: one canonical event reported with different day dates or
  different places.
- **tier**: one pair given different partnership tiers at the same time (both as the tier set
  then, neither the other's previous tier).
- **tier_double_count**: one tier upgrade told by more than one sentence (two articles, or two
  sentences of one), whether as ``PARTNERSHIP_UPGRADE`` events or as "upgraded" tier records:
  a count of records counts it twice. The records are merged by the same function as the
  review's "Tier upgrades" headline (:func:`~diplograph.query.tiers.merge_tier_changes`: one
  pair, one tier, one year), so each flag is one report the review does not count again.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from diplograph.budget import check_budget, checked
from diplograph.query.canonical import cluster_events, dates_compatible, evidence_of
from diplograph.query.terms import fold
from diplograph.query.tiers import UPGRADE, TierChange, Year, merge_tier_changes
from diplograph.store import Filters, Store

Row = dict[str, Any]
VALUE_TOLERANCE = 0.005
APPROX = 0.10
LOWER = frozenset({"more_than", "over", "at_least", "above", "exceeding"})
UPPER = frozenset({"nearly", "almost", "under", "less_than", "up_to", "below"})
BILATERAL = ("trade", "export", "import", "fdi", "investment", "growth", "value")
AROUND = frozenset({"about", "around", "approximately", "some", "roughly"})


@dataclass
class Conflict:
    """Two records that disagree about one thing."""

    kind: str  # figure | event_date | event_place | tier | tier_double_count
    subject: str  # what they disagree about, e.g. "visits_abroad VNM 2023"
    values: tuple[str, str]
    evidence: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "values": list(self.values),
            "evidence": self.evidence,
            "note": self.note,
        }


def value_range(value: float, qualifier: str | None) -> tuple[float, float]:
    """The interval a stated value allows, given its qualifier."""
    q = (qualifier or "").lower().replace(" ", "_")
    if q in LOWER:
        return (value, math.inf)
    if q in UPPER:
        return (value * (1 - APPROX), value)
    if q in AROUND:
        return (value * (1 - APPROX), value * (1 + APPROX))
    return (value, value)


def _label(r: Row) -> str:
    q = (r.get("qualifier") or "").replace("_", " ")
    v = float(r["value"])
    num = f"{v:,.0f}" if v >= 10000 and v.is_integer() else f"{v:g}"
    return f"{q} {num} {r.get('unit') or ''}".strip()


def comparable_indicator(indicator: str, period: str) -> bool:
    """Generic counts ("count", "people_count") say too little to compare; stocks that change
    within a year ("comprehensive_strategic_partners") are compared only at month or day level."""
    if indicator == "count" or indicator.endswith("_count"):
        return False
    stock = any(k in indicator for k in ("partners", "with_diplomatic", "rank"))
    return not stock or len(period) >= 7


def _comparable_figures(rows: list[Row]) -> dict[tuple[str, str, str, str], list[int]]:
    """Row indices grouped by (indicator, subject, period, unit), in the order rows come."""
    groups: dict[tuple[str, str, str, str], list[int]] = {}
    for i, r in enumerate(rows):
        if not (r.get("subject") and r.get("period") and r.get("value") is not None):
            continue
        if comparable_indicator(r["indicator"], r["period"]):
            key = (r["indicator"], r["subject"], r["period"], r.get("unit") or "")
            groups.setdefault(key, []).append(i)
    return groups


def figure_conflict_pairs(
    rows: list[Row], partners: dict[tuple[str, int], frozenset[str]] | None = None
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Indices ``(a, b)`` into ``rows`` of the figure pairs that conflict, in the order of
    :func:`figure_conflicts` (groups as first seen, then each pair of a group in order).

    Each group is compared one row against the rows after it with numpy, with the same float
    arithmetic as the pairwise rule, so a group of 500 figures (125,000 pairs) costs
    milliseconds, and a million conflicting pairs are two integer arrays instead of a million
    records (#19: 11 s and 1.6 GB on a 10,000-document store).
    """
    partners = partners or {}
    found_a: list[npt.NDArray[np.int64]] = []
    found_b: list[npt.NDArray[np.int64]] = []
    codes: dict[object, int] = {}
    for (_, subj, _, _), members in checked(_comparable_figures(rows).items(), 16):
        if len(members) < 2:
            continue
        group = [rows[i] for i in members]
        ranges = [value_range(float(r["value"]), r.get("qualifier")) for r in group]
        lo = np.array([x for x, _ in ranges], dtype=float)
        hi = np.array([y for _, y in ranges], dtype=float)
        size = np.abs(np.array([float(r["value"]) for r in group], dtype=float))
        doc = np.array([codes.setdefault(r["doc_id"], len(codes)) for r in group])
        side = np.array(
            [
                codes.setdefault(
                    ("p", partners.get((r["doc_id"], r["sent_idx"]), frozenset()) - {subj}),
                    len(codes),
                )
                for r in group
            ]
        )
        index = np.array(members, dtype=np.int64)
        for i in range(len(group) - 1):
            if i % 64 == 0:
                check_budget()
            slack = VALUE_TOLERANCE * np.maximum(size[i], size[i + 1 :])
            overlap = (lo[i] <= hi[i + 1 :] + slack) & (lo[i + 1 :] <= hi[i] + slack)
            hit = np.flatnonzero(~overlap & (doc[i + 1 :] != doc[i]) & (side[i + 1 :] == side[i]))
            if len(hit):
                found_a.append(np.full(len(hit), index[i], dtype=np.int64))
                found_b.append(index[i + 1 + hit])
    if not found_a:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(found_a), np.concatenate(found_b)


def figure_conflict(a: Row, b: Row) -> Conflict:
    """The conflict between two figure rows of one group."""
    return Conflict(
        "figure",
        f"{a['indicator']} {a['subject']} {a['period']}",
        (_label(a), _label(b)),
        [evidence_of(a), evidence_of(b)],
        "different values for the same indicator, subject and period",
    )


def figure_conflicts(
    rows: list[Row], partners: dict[tuple[str, int], frozenset[str]] | None = None
) -> list[Conflict]:
    """Figures of the same indicator, subject, period and unit whose ranges do not overlap.

    ``partners`` maps (doc, sentence index) to the other countries a sentence names; two
    figures whose sentences name different partners ("trade with Laos" and "trade with
    Korea") measure different things and are not compared. Two figures of one document are
    never compared.
    """
    first, second = figure_conflict_pairs(rows, partners)
    return [figure_conflict(rows[a], rows[b]) for a, b in zip(first, second, strict=True)]


class ConflictList(Sequence[Conflict]):
    """The conflicts of :func:`find_conflicts`: figure conflicts become :class:`Conflict`
    records only when read, so counting a million of them and showing a page of 50 costs
    a page, and a cached result holds index arrays rather than a million records."""

    def __init__(
        self,
        figures: list[Row],
        pairs: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]],
        others: list[Conflict],
    ) -> None:
        self._figures = figures
        self._a, self._b = pairs
        self._others = others

    def __len__(self) -> int:
        return len(self._a) + len(self._others)

    @overload
    def __getitem__(self, index: int) -> Conflict: ...
    @overload
    def __getitem__(self, index: slice) -> list[Conflict]: ...
    def __getitem__(self, index: int | slice) -> Conflict | list[Conflict]:
        if isinstance(index, slice):
            return [self._at(i) for i in range(*index.indices(len(self)))]
        i = index + len(self) if index < 0 else index
        if not 0 <= i < len(self):
            raise IndexError("conflict index out of range")
        return self._at(i)

    def _at(self, i: int) -> Conflict:
        if i < len(self._a):
            return figure_conflict(self._figures[self._a[i]], self._figures[self._b[i]])
        return self._others[i - len(self._a)]


def event_conflicts(rows: list[Row]) -> list[Conflict]:
    """Canonical events whose sources give different day dates or different places."""
    out = []
    for ev in checked(cluster_events(rows)):
        subject = f"{ev.type} {ev.source or '?'}–{ev.target or '?'} {ev.date or ''}".strip()
        for a, b in combinations(ev.sources, 2):
            da, db = a.get("date") or "", b.get("date") or ""
            if len(da) == 10 and len(db) == 10 and da != db:
                out.append(
                    Conflict(
                        "event_date",
                        subject,
                        (da, db),
                        [evidence_of(a), evidence_of(b)],
                        "the same event is dated differently",
                    )
                )
            la, lb = a.get("location"), b.get("location")
            if la and lb and fold(la) != fold(lb):
                out.append(
                    Conflict(
                        "event_place",
                        subject,
                        (la, lb),
                        [evidence_of(a), evidence_of(b)],
                        "the same event is placed differently",
                    )
                )
    return out


def _is_tier(level: str) -> bool:
    return "partnership" in level or "special relationship" in level


def tier_conflicts(rows: list[Row]) -> list[Conflict]:
    """Different tiers set for the same pair at the same (compatible) date."""
    set_rows = [
        r
        for r in rows
        if r.get("date") and r.get("status") in ("upgraded", "established") and _is_tier(r["level"])
    ]
    by_pair: dict[frozenset[str], list[Row]] = {}
    for r in set_rows:  # only rows of the same pair can disagree: pairs, not all rows (#19)
        by_pair.setdefault(frozenset((r["a"], r["b"])), []).append(r)
    out = []
    for a, b in (ab for group in by_pair.values() for ab in combinations(group, 2)):
        if a["level"] == b["level"]:
            continue
        if a["doc_id"] == b["doc_id"] or not dates_compatible(a["date"], b["date"], 0):
            continue
        if b["level"] == a.get("previous") or a["level"] == b.get("previous"):
            continue
        out.append(
            Conflict(
                "tier",
                f"{a['a']}–{a['b']} {min(a['date'], b['date'], key=len)}",
                (a["level"], b["level"]),
                [evidence_of(a), evidence_of(b)],
                "different tiers for the same pair at the same time",
            )
        )
    return out


def _report_label(r: Row) -> str:
    """What one report of a tier change says: the tier set (a tier record) or the upgrade
    (an event), with its date."""
    what = r.get("level") if "level" in r else "partnership upgrade"
    return f"{what or 'partnership upgrade'} ({r.get('date') or 'undated'})"


def double_counted(change: TierChange) -> list[Conflict]:
    """One flag per report of ``change`` beyond its first, each citing the first report and
    that one: ``len(change.reports) - 1`` upgrades a count of records adds."""
    first, *more = change.reports
    subject = f"{change.a}–{change.b} {change.level or UPGRADE} {change.date or ''}".strip()
    note = (
        f"one tier upgrade told by {len(change.reports)} sentences: counted once in reviews, "
        "once per sentence by a count of records"
    )
    return [
        Conflict(
            "tier_double_count",
            subject,
            (_report_label(first), _report_label(r)),
            [evidence_of(first), evidence_of(r)],
            note,
        )
        for r in more
    ]


def tier_double_counts(event_rows: list[Row], relations: list[Row]) -> list[Conflict]:
    """Tier upgrades reported by more than one sentence, merged year by year as a review of
    that year merges them: its dated upgrade events that happened, clustered, with its tier
    records (and undated ones, which only join an upgrade event of their document)."""
    upgrades = [
        r
        for r in event_rows
        if r["type"] == UPGRADE and r.get("date") and (r.get("status") or "happened") == "happened"
    ]
    by_year: dict[str, tuple[list[Row], list[Row]]] = {}  # year → (upgrade events, tier records)
    for r in upgrades:
        by_year.setdefault(str(r["date"])[:4], ([], []))[0].append(r)
    undated = [r for r in relations if not r.get("date")]
    for r in relations:
        if r.get("date"):
            by_year.setdefault(str(r["date"])[:4], ([], []))[1].append(r)
    out = []
    for year, (events, rows) in checked(sorted(by_year.items())):
        window = Year(year)
        for change in merge_tier_changes(cluster_events(events), rows + undated, window):
            if change.status == "upgraded":
                out += double_counted(change)
    return out


def find_conflicts(store: Store, filters: Filters | None = None) -> ConflictList:
    """Every disagreement among the records ``filters`` selects (all records by default):
    figures first, then event dates and places, then tiers, then double-counted upgrades."""
    f = filters or Filters()
    figures = store.figures(f)
    partners: dict[tuple[str, int], set[str]] = {}
    by_doc: dict[str, list[Row]] = {}
    for r in figures:  # grouped once: a scan of all figures per document was quadratic (#19)
        by_doc.setdefault(r["doc_id"], []).append(r)
    for doc, doc_figures in checked(by_doc.items(), every=64):
        counts: Counter[str] = Counter()
        for m in store.mentions(doc):
            if m["label"] in ("COUNTRY", "DEMONYM", "CAPITAL"):
                partners.setdefault((doc, m["sent_idx"]), set()).add(m["code"])
                counts[m["code"]] += 1
        focus = [c for c, _ in counts.most_common(2)]  # the pair a bilateral article is about
        for r in doc_figures:
            own = partners.get((doc, r["sent_idx"]), set()) - {r["subject"]}
            if not own and any(k in r["indicator"] for k in BILATERAL):
                partners[(doc, r["sent_idx"])] = set(focus)
    frozen = {k: frozenset(v) for k, v in partners.items()}
    pairs = figure_conflict_pairs(figures, frozen)
    events, relations = store.events(f), store.relations(f)
    others = event_conflicts(events) + tier_conflicts(relations)
    others += tier_double_counts(events, relations)
    return ConflictList(figures, pairs, others)
