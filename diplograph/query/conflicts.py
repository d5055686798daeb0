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

Incremental updates (#19): :func:`find_conflicts` reads the store's
:class:`~diplograph.store.marks.Mark` first, reads only records up to it, and keeps a
:class:`ConflictState` with its result. :func:`update_conflicts` brings that result up to date
when the store has only appended records since (:func:`~diplograph.store.marks.appended_since`;
anything else, or filters other than country/partner/since/until, computes from scratch):

- figures: the new rows are merged into the old list in the store's order (document id, start,
  id: byte order on both backends, as Python compares strings); only the groups (indicator,
  subject, period, unit) that gained a row are compared again, the others' pairs are carried
  over through the new row positions. Partners are read for the new documents only.
- events: clustering is per (type, pair) key, so only the keys of the new events are
  clustered again, from all their rows; the clusters with conflicts are kept per key and sorted
  as :func:`~diplograph.query.canonical.cluster_events` sorts them (equal sort keys only occur
  within one key, in its own order).
- tiers: the relations (few) are read again and compared; double counts are merged again only
  for the years that gained an upgrade event or a dated tier record (all years when an undated
  one came).

The result equals a computation from scratch, order included (tests/test_incremental.py).

Derived results (#19): :func:`derive_conflicts` narrows the conflicts of some dates to one
country's without reading the store, exactly (see there), so the server derives each
country's conflicts from the cached conflicts of every country. Date filters cannot be
derived so: events are clustered across the bounds (rows a few days apart, a month or a year
against a day, undated rows, which join the clusters last), so leaving the rows outside the
dates out changes the clusters and their conflicts.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from operator import itemgetter
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from diplograph.budget import check_budget, checked
from diplograph.query.canonical import (
    CanonicalEvent,
    cluster_events,
    dates_compatible,
    evidence_of,
    pair_key,
)
from diplograph.query.terms import fold
from diplograph.query.tiers import UPGRADE, TierChange, Year, merge_tier_changes
from diplograph.store import Filters, Store
from diplograph.store.marks import Mark, appended_since

Row = dict[str, Any]
VALUE_TOLERANCE = 0.005
APPROX = 0.10
LOWER = frozenset({"more_than", "over", "at_least", "above", "exceeding"})
UPPER = frozenset({"nearly", "almost", "under", "less_than", "up_to", "below"})
BILATERAL = ("trade", "export", "import", "fdi", "investment", "growth", "value")
AROUND = frozenset({"about", "around", "approximately", "some", "roughly"})
GroupKey = tuple[str, str, str, str]  # indicator, subject, period, unit
SortKey = tuple[str, str, str, str]  # a canonical event's date, type, source, target
Partners = dict[tuple[str, int], frozenset[str]]
Mentions = dict[str, tuple[dict[int, frozenset[str]], tuple[str, ...]]]  # per document
Pairs = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]


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


def _comparable_figures(rows: list[Row]) -> dict[GroupKey, list[int]]:
    """Row indices grouped by (indicator, subject, period, unit), in the order rows come."""
    groups: dict[GroupKey, list[int]] = {}
    for i, r in enumerate(rows):
        key = _group_key(r)
        if key is not None:
            groups.setdefault(key, []).append(i)
    return groups


def _group_key(r: Row) -> GroupKey | None:
    """The figure group of a row, or None when it is not compared."""
    if not (r.get("subject") and r.get("period") and r.get("value") is not None):
        return None
    if not comparable_indicator(r["indicator"], r["period"]):
        return None
    return (r["indicator"], r["subject"], r["period"], r.get("unit") or "")


def _empty() -> Pairs:
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)


def _group_arrays(group: list[Row], subj: str, partners: Partners) -> list[npt.NDArray[Any]]:
    """Low and high bounds, size, document code and partner-side code of each figure."""
    codes: dict[object, int] = {}
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
    return [lo, hi, size, doc, side]


def _group_pairs(rows: list[Row], members: list[int], subj: str, partners: Partners) -> Pairs:
    """The conflicting pairs of one group, as indices into ``rows``, in pairwise order."""
    lo, hi, size, doc, side = _group_arrays([rows[i] for i in members], subj, partners)
    index = np.array(members, dtype=np.int64)
    found_a: list[npt.NDArray[np.int64]] = []
    found_b: list[npt.NDArray[np.int64]] = []
    for i in range(len(members) - 1):
        if i % 64 == 0:
            check_budget()
        slack = VALUE_TOLERANCE * np.maximum(size[i], size[i + 1 :])
        overlap = (lo[i] <= hi[i + 1 :] + slack) & (lo[i + 1 :] <= hi[i] + slack)
        hit = np.flatnonzero(~overlap & (doc[i + 1 :] != doc[i]) & (side[i + 1 :] == side[i]))
        if len(hit):
            found_a.append(np.full(len(hit), index[i], dtype=np.int64))
            found_b.append(index[i + 1 + hit])
    if not found_a:
        return _empty()
    return np.concatenate(found_a), np.concatenate(found_b)


def _grown_pairs(
    rows: list[Row], members: list[int], subj: str, partners: Partners, old: Pairs, new: set[int]
) -> Pairs:
    """:func:`_group_pairs` of a group that gained the rows ``new`` (indices into ``rows``),
    given its ``old`` pairs (indices into ``rows``): only the pairs with a new row are
    compared (the rule is symmetric), then all are put back in pairwise order."""
    lo, hi, size, doc, side = _group_arrays([rows[i] for i in members], subj, partners)
    index = np.array(members, dtype=np.int64)
    fresh = np.array([i in new for i in members])
    order = np.arange(len(members))
    found_a, found_b = [old[0]], [old[1]]
    for k in np.flatnonzero(fresh):
        check_budget()
        slack = VALUE_TOLERANCE * np.maximum(size[k], size)
        overlap = (lo[k] <= hi + slack) & (lo <= hi[k] + slack)
        once = (order != k) & (~fresh | (order < k))  # two new rows: compared once
        hit = np.flatnonzero(~overlap & (doc != doc[k]) & (side == side[k]) & once)
        found_a.append(index[np.minimum(hit, k)])
        found_b.append(index[np.maximum(hit, k)])
    a, b = np.concatenate(found_a), np.concatenate(found_b)
    by = np.lexsort((b, a))  # pairwise order: by first row, then second
    return a[by], b[by]


def _figure_pairs(
    rows: list[Row],
    partners: Partners,
    reuse: Callable[[GroupKey, list[int]], Pairs | None] | None = None,
) -> tuple[Pairs, dict[GroupKey, tuple[int, int]]]:
    """The conflicting pairs of every group (``reuse`` gives a group's pairs when they are
    known), and each group's slice of them."""
    found_a: list[npt.NDArray[np.int64]] = []
    found_b: list[npt.NDArray[np.int64]] = []
    slices: dict[GroupKey, tuple[int, int]] = {}
    n = 0
    for key, members in checked(_comparable_figures(rows).items(), 16):
        got = reuse(key, members) if reuse is not None else None
        if got is None:
            got = _group_pairs(rows, members, key[1], partners) if len(members) > 1 else _empty()
        slices[key] = (n, n + len(got[0]))
        n += len(got[0])
        if len(got[0]):
            found_a.append(got[0])
            found_b.append(got[1])
    if not found_a:
        return _empty(), slices
    return (np.concatenate(found_a), np.concatenate(found_b)), slices


def figure_conflict_pairs(rows: list[Row], partners: Partners | None = None) -> Pairs:
    """Indices ``(a, b)`` into ``rows`` of the figure pairs that conflict, in the order of
    :func:`figure_conflicts` (groups as first seen, then each pair of a group in order).

    Each group is compared one row against the rows after it with numpy, with the same float
    arithmetic as the pairwise rule, so a group of 500 figures (125,000 pairs) costs
    milliseconds, and a million conflicting pairs are two integer arrays instead of a million
    records (#19: 11 s and 1.6 GB on a 10,000-document store).
    """
    return _figure_pairs(rows, partners or {})[0]


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
        pairs: Pairs,
        others: list[Conflict],
        state: ConflictState | None = None,
    ) -> None:
        self._figures = figures
        self._a, self._b = pairs
        self._others = others
        self.state = state  # what update_conflicts needs; None: not updatable

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
    return [c for ev in checked(cluster_events(rows)) for c in cluster_conflicts(ev)]


def cluster_conflicts(ev: CanonicalEvent) -> list[Conflict]:
    """The date and place disagreements among the sources of one canonical event."""
    out = []
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
    by_year = double_counts_by_year(event_rows, relations)
    return [c for year in sorted(by_year) for c in by_year[year]]


def _happened_upgrade(r: Row) -> bool:
    return bool(
        r["type"] == UPGRADE and r.get("date") and (r.get("status") or "happened") == "happened"
    )


def double_counts_by_year(
    event_rows: list[Row], relations: list[Row], years: set[str] | None = None
) -> dict[str, list[Conflict]]:
    """:func:`tier_double_counts` per year, for ``years`` only when given."""
    by_year: dict[str, tuple[list[Row], list[Row]]] = {}  # year → (upgrade events, tier records)
    for r in event_rows:
        if _happened_upgrade(r):
            by_year.setdefault(str(r["date"])[:4], ([], []))[0].append(r)
    undated = [r for r in relations if not r.get("date")]
    for r in relations:
        if r.get("date"):
            by_year.setdefault(str(r["date"])[:4], ([], []))[1].append(r)
    out: dict[str, list[Conflict]] = {}
    for year, (events, rows) in checked(sorted(by_year.items())):
        if years is not None and year not in years:
            continue
        window = Year(year)
        out[year] = [
            c
            for change in merge_tier_changes(cluster_events(events), rows + undated, window)
            if change.status == "upgraded"
            for c in double_counted(change)
        ]
    return out


@dataclass
class ConflictState:
    """What :func:`update_conflicts` needs besides the result (see the module docstring)."""

    mark: Mark
    filters: Filters
    groups: dict[GroupKey, tuple[int, int]]  # each figure group's slice of the pairs
    partners: Partners
    events: dict[tuple[str, str, str], list[tuple[SortKey, list[Conflict]]]]  # per pair key
    double: dict[str, list[Conflict]]  # per year
    mentions: Mentions  # what the partners were read from (derive_conflicts reads them again)
    upgrades: list[Row]  # the upgrade events and tier records the tier conflicts came from
    relations: list[Row]


def _sort_key(ev: CanonicalEvent) -> SortKey:
    return (ev.date or "", ev.type, ev.source or "", ev.target or "")


def _keyed_conflicts(
    clusters: Iterable[CanonicalEvent],
) -> dict[tuple[str, str, str], list[tuple[SortKey, list[Conflict]]]]:
    """The conflicts of each cluster that has some, per (type, pair) key, in cluster order."""
    out: dict[tuple[str, str, str], list[tuple[SortKey, list[Conflict]]]] = {}
    for ev in checked(clusters):
        found = cluster_conflicts(ev)
        if found:
            key = pair_key(ev.type, ev.source, ev.target)
            out.setdefault(key, []).append((_sort_key(ev), found))
    return out


def _mention_index(store: Store, figures: list[Row]) -> Mentions:
    """The country codes each sentence of the figures' documents names (countries, demonyms,
    capitals), and each document's two most named countries: what :func:`_partners_of` reads,
    kept with a result so that a country's conflicts can be derived from it (#19)."""
    index: Mentions = {}
    for doc in checked(dict.fromkeys(r["doc_id"] for r in figures), every=64):
        sentences: dict[int, set[str]] = {}
        counts: Counter[str] = Counter()
        for m in store.mentions(doc):
            if m["label"] in ("COUNTRY", "DEMONYM", "CAPITAL"):
                sentences.setdefault(m["sent_idx"], set()).add(m["code"])
                counts[m["code"]] += 1
        focus = tuple(c for c, _ in counts.most_common(2))  # the pair a bilateral article is about
        index[doc] = ({k: frozenset(v) for k, v in sentences.items()}, focus)
    return index


def _partners_of(figures: list[Row], mentions: Mentions) -> Partners:
    """Other countries each figure's sentence names (or its article's pair, for a bilateral
    indicator in a sentence that names none), per (document, sentence). A sentence's set
    depends on the figures read with it (the first bilateral figure without a partner there
    sets it to the article's pair), so it is computed for a list of figures, not per row."""
    partners: dict[tuple[str, int], set[str]] = {}
    by_doc: dict[str, list[Row]] = {}
    for r in figures:  # grouped once: a scan of all figures per document was quadratic (#19)
        by_doc.setdefault(r["doc_id"], []).append(r)
    for doc, doc_figures in checked(by_doc.items(), every=64):
        sentences, focus = mentions[doc]
        for idx, codes in sentences.items():
            partners[(doc, idx)] = set(codes)
        for r in doc_figures:
            own = partners.get((doc, r["sent_idx"]), set()) - {r["subject"]}
            if not own and any(k in r["indicator"] for k in BILATERAL):
                partners[(doc, r["sent_idx"])] = set(focus)
    return {k: frozenset(v) for k, v in partners.items()}


def _partners(store: Store, figures: list[Row]) -> Partners:
    """:func:`_partners_of` the figures, reading their documents' mentions."""
    return _partners_of(figures, _mention_index(store, figures))


def _updatable(f: Filters) -> bool:
    """Filters an incremental update supports: pair and dates, every record, store order."""
    return f == Filters(country=f.country, partner=f.partner, since=f.since, until=f.until)


def _bounded(f: Filters, mark: Mark, table: str, since: Mark | None = None) -> Filters:
    """``f`` for the records of ``table`` up to ``mark`` (after ``since`` when given)."""
    after = since.last_id(table) if since is not None else None
    return replace(f, after_id=after, upto_id=mark.last_id(table))


def _tier_parts(
    store: Store, f: Filters, mark: Mark
) -> tuple[list[Row], list[Row], list[Conflict]]:
    """Happened upgrade events and tier records up to ``mark``, and the tier conflicts."""
    upgrades = store.events(replace(_bounded(f, mark, "events"), type=UPGRADE))
    relations = store.relations(_bounded(f, mark, "relations"))
    return upgrades, relations, tier_conflicts(relations)


def _result(
    figures: list[Row],
    pairs: Pairs,
    tiers: list[Conflict],
    state: ConflictState,
) -> ConflictList:
    entries = sorted(
        (e for found in state.events.values() for e in found), key=itemgetter(0)
    )  # stable: equal keys only within one pair key, already in order
    others = [c for _, found in entries for c in found] + tiers
    others += [c for year in sorted(state.double) for c in state.double[year]]
    return ConflictList(figures, pairs, others, state)


def find_conflicts(store: Store, filters: Filters | None = None) -> ConflictList:
    """Every disagreement among the records ``filters`` selects (all records by default):
    figures first, then event dates and places, then tiers, then double-counted upgrades."""
    f = filters or Filters()
    if not _updatable(f):
        return _find_all(store, f)
    mark = store.data_mark()
    figures = store.figures(_bounded(f, mark, "figures"))
    mentions = _mention_index(store, figures)
    partners = _partners_of(figures, mentions)
    pairs, groups = _figure_pairs(figures, partners)
    events = store.events(_bounded(f, mark, "events"))
    upgrades, relations, tiers = _tier_parts(store, f, mark)
    double = double_counts_by_year(events, relations)
    keyed = _keyed_conflicts(cluster_events(events))
    state = ConflictState(mark, f, groups, partners, keyed, double, mentions, upgrades, relations)
    return _result(figures, pairs, tiers, state)


def _find_all(store: Store, f: Filters) -> ConflictList:
    """:func:`find_conflicts` for filters an update does not support: no state kept."""
    figures = store.figures(f)
    pairs = figure_conflict_pairs(figures, _partners(store, figures))
    events, relations = store.events(f), store.relations(f)
    others = event_conflicts(events) + tier_conflicts(relations)
    others += tier_double_counts(events, relations)
    return ConflictList(figures, pairs, others)


def update_conflicts(
    store: Store, previous: ConflictList, filters: Filters | None = None
) -> ConflictList:
    """:func:`find_conflicts` now, from ``previous`` and the records appended since it was
    computed when the store has only appended since; from scratch otherwise."""
    f = filters or Filters()
    state = previous.state
    mark = appended_since(store, state.mark) if state is not None and state.filters == f else None
    if state is None or mark is None:
        return find_conflicts(store, f)
    if mark == state.mark:
        return previous
    figures, pairs, groups, partners, mentions = _update_figures(store, previous, state, mark)
    events = _update_events(store, state, mark)
    upgrades, relations, tiers = _tier_parts(store, f, mark)
    double = dict(state.double)
    double.update(double_counts_by_year(upgrades, relations, _touched_years(store, state, mark)))
    new = ConflictState(mark, f, groups, partners, events, double, mentions, upgrades, relations)
    return _result(figures, pairs, tiers, new)


def country_base(filters: Filters) -> Filters | None:
    """The filters whose conflicts :func:`derive_conflicts` can narrow to those of
    ``filters``: the same without the country, when ``filters`` name a country (no partner)
    and otherwise only dates. None when they cannot be derived."""
    if not filters.country or filters.partner or not _updatable(filters):
        return None
    return replace(filters, country=None)


def derive_conflicts(base: ConflictList, filters: Filters) -> ConflictList:
    """:func:`find_conflicts` for ``filters`` (a country and dates, see :func:`country_base`),
    taken from ``base``, the conflicts of the same dates without the country, at the same mark.
    No store is read, so a country's conflicts cost milliseconds once those of every country
    are cached (the cache's derivations, #19). The result equals the computation from scratch,
    order and state included (tests/test_server_derived.py), because a country filter keeps
    whole units of every kind:

    - figures: the country filter keeps the figures of that subject, so whole groups (the
      subject is part of a group's key), in the same order. A group's pairs are carried over
      when each member's partner set is the one it had in ``base`` (a sentence's set can
      depend on the other figures read with it, see :func:`_partners_of`); a group where one
      differs is compared again.
    - events: the country filter keeps every row of a (type, pair) key that names it and none
      of the others, and clustering is per key: the keys that name the country are kept.
    - tiers and double counts: computed again from the country's tier records and upgrade
      events, kept with ``base`` (a few rows).
    """
    state = base.state
    if state is None or country_base(filters) != state.filters:
        raise ValueError(f"conflicts of {state and state.filters} do not narrow to {filters}")
    code = (filters.country or "").upper()
    old = base._figures
    kept = [i for i, r in enumerate(old) if r.get("subject") == code]
    figures = [old[i] for i in checked(kept)]
    remap = np.full(len(old), -1, dtype=np.int64)
    remap[kept] = np.arange(len(kept), dtype=np.int64)
    mentions = {doc: state.mentions[doc] for doc in dict.fromkeys(r["doc_id"] for r in figures)}
    partners = _partners_of(figures, mentions)

    def side(of: Partners, r: Row, subj: str) -> frozenset[str]:
        return of.get((r["doc_id"], r["sent_idx"]), frozenset()) - {subj}

    def reuse(key: GroupKey, members: list[int]) -> Pairs | None:
        rows = [figures[i] for i in members]
        if any(side(partners, r, key[1]) != side(state.partners, r, key[1]) for r in rows):
            return None  # compared again
        lo, hi = state.groups[key]
        return remap[base._a[lo:hi]], remap[base._b[lo:hi]]

    pairs, groups = _figure_pairs(figures, partners, reuse)
    events = {k: found for k, found in state.events.items() if code in k[1:]}
    upgrades = [r for r in state.upgrades if code in (r["source_code"], r["target_code"])]
    relations = [r for r in state.relations if code in (r["a"], r["b"])]
    double = double_counts_by_year(upgrades, relations)
    new = ConflictState(
        state.mark, filters, groups, partners, events, double, mentions, upgrades, relations
    )
    return _result(figures, pairs, tier_conflicts(relations), new)


def _update_figures(
    store: Store, previous: ConflictList, state: ConflictState, mark: Mark
) -> tuple[list[Row], Pairs, dict[GroupKey, tuple[int, int]], Partners, Mentions]:
    """The figures with the new ones merged in, their pairs, group slices, partners and
    mention index."""
    old = previous._figures
    if not mark.moved(state.mark, "figures"):
        return old, (previous._a, previous._b), state.groups, state.partners, state.mentions
    added = store.figures(_bounded(state.filters, mark, "figures", state.mark))
    figures = sorted(old + added, key=lambda r: (str(r["doc_id"]), r["start"], r["id"]))
    position = {id(r): i for i, r in enumerate(figures)}
    remap = np.array([position[id(r)] for r in old], dtype=np.int64)
    mentions = {**state.mentions, **_mention_index(store, added)}
    partners = {**state.partners, **_partners_of(added, mentions)}
    touched = {_group_key(r) for r in added}
    new = {position[id(r)] for r in added}

    def reuse(key: GroupKey, members: list[int]) -> Pairs | None:
        if key not in state.groups:
            return None
        lo, hi = state.groups[key]
        old = remap[previous._a[lo:hi]], remap[previous._b[lo:hi]]
        if key in touched:
            return _grown_pairs(figures, members, key[1], partners, old, new)
        return old

    pairs, groups = _figure_pairs(figures, partners, reuse)
    return figures, pairs, groups, partners, mentions


def _update_events(
    store: Store, state: ConflictState, mark: Mark
) -> dict[tuple[str, str, str], list[tuple[SortKey, list[Conflict]]]]:
    """The per-key event conflicts, with the keys of the new events clustered again."""
    if not mark.moved(state.mark, "events"):
        return state.events
    added = store.events(_bounded(state.filters, mark, "events", state.mark))
    keys = dict.fromkeys(
        pair_key(r["type"], r.get("source_code"), r.get("target_code")) for r in added
    )
    events = dict(state.events)
    for key in checked(keys, every=16):
        rows = _key_rows(store, state.filters, key, mark)
        found = _keyed_conflicts(cluster_events(rows)).get(key)
        events.pop(key, None)
        if found:
            events[key] = found
    return events


def _key_rows(store: Store, f: Filters, key: tuple[str, str, str], mark: Mark) -> list[Row]:
    """Every event row of one (type, pair) key that ``f`` selects, up to ``mark``, in store
    order. The rows of a key all name the same pair, so the pair filter of ``f`` takes all
    of them or none, and ``key`` came from a row that it took."""
    type_, a, b = key
    flt = Filters(
        country=a or b or None,
        partner=b if a and b else None,
        type=type_ if type_ == type_.upper() else None,
        since=f.since,
        until=f.until,
        upto_id=mark.last_id("events"),
    )
    rows = store.events(flt)
    return [
        r for r in rows if pair_key(r["type"], r.get("source_code"), r.get("target_code")) == key
    ]


def _touched_years(store: Store, state: ConflictState, mark: Mark) -> set[str] | None:
    """Years whose double counts may have changed: those of new happened upgrade events or
    dated tier records; None (all) when a new tier record is undated."""
    years: set[str] = set()
    if mark.moved(state.mark, "events"):
        f = replace(_bounded(state.filters, mark, "events", state.mark), type=UPGRADE)
        years |= {str(r["date"])[:4] for r in store.events(f) if _happened_upgrade(r)}
    if mark.moved(state.mark, "relations"):
        for r in store.relations(_bounded(state.filters, mark, "relations", state.mark)):
            if not r.get("date"):
                return None
            years.add(str(r["date"])[:4])
    return years
