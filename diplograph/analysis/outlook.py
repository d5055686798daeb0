"""Tier outlook: which partners' recent activity looks like the run-up to a partnership upgrade.

Method (fixed before the backtest was run, and kept fixed):

1. Cutoff: a ranking "as of" a month uses only events dated in earlier months (no look-ahead).
   A reference date given as a year only (``2010``) is read as January of that year.
2. Candidates: every partner with at least one event with the country in the ``window`` months
   before the cutoff (24), minus the country itself, uncoded actors, organisations that are not
   in the reference table, and partners already at the top of the ladder (comprehensive
   strategic partnership or special relationship) by the reference table or tiers found in
   text dated before the cutoff.
3. Five signals per candidate over the window, counting both directions:
   ``visits`` (VISIT), ``agreements`` (AGREE_SIGN), ``calls`` (CALL), ``balance`` (cooperation
   minus conflict over their sum plus 5, so a handful of events cannot reach ±1) and
   ``momentum`` (log of cooperation in the window over the rate of the ``baseline`` months (36)
   before it, both +1).
4. Score = the mean of the five percentile ranks among the candidates (ties share a rank), so
   no signal's scale dominates; highest score first.

Backtest: every dated partnership row of ``data/gazetteer/partnerships.csv`` for the country
(an establishment or an elevation) is an upgrade; at its month the partners are ranked with
the data before it, and it is a hit at k when the partner that upgraded is in the top k.
An upgrade is scored only when the stored history covers its whole window (first event at or
before the window's start, last event within 3 months of the cutoff); a partner with no events
in the window is a miss.
Two references are reported with it: the hit rate by chance (k / candidates) and that of
ranking by event volume alone (big partners talk more and get upgraded more).

What it cannot tell: whether or when an upgrade will happen. Upgrades are political decisions
announced at summits; event counts only show who is being courted. The sample of past upgrades
is small and coded history is uneven (ICEWS ends in 2015; ``icews05-15-sample`` is a 20%
sample), so one hit more or less moves the rate a lot.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

from diplograph.analysis.trends import Cell, SeriesQuery, collect_cells
from diplograph.extract.relations import LEVELS
from diplograph.store.base import Filters, Store

SIGNALS = ("visits", "agreements", "calls", "balance", "momentum")
TOP_TIERS = ("special relationship", "comprehensive strategic partnership")
PARTNERSHIPS = (
    "comprehensive strategic partnership",
    "strategic partnership",
    "comprehensive partnership",
)
WINDOW = 24
BASELINE = 36
BALANCE_PRIOR = 5
COVERAGE_GAP = 3  # a scored upgrade needs history within this many months of its cutoff
KS = (3, 5)

CAVEATS = (
    "Ranks partners whose recent activity resembles the run-up to past upgrades; it cannot "
    "tell whether or when an upgrade will happen (a political decision announced at a summit).",
    "Small sample: one hit more or less moves the backtest rate by 100/N points.",
    "Coded history is uneven: ICEWS data ends in 2015, so later upgrades are ranked on "
    "extracted articles only (or not scored); icews05-15-sample is a 20% sample, so a small "
    "partner's visits and agreements are often zero.",
    "Big partners rank high on volume alone: compare the hit rate with the volume-only and "
    "chance references before trusting the signals.",
)


@dataclass
class PartnerSignals:
    """One candidate's signals over the window, its score and rank."""

    partner: str
    tier: str | None
    events: int
    visits: int
    agreements: int
    calls: int
    cooperation: int
    conflict: int
    balance: float
    momentum: float
    score: float = 0.0
    rank: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "partner": self.partner,
            "tier": self.tier,
            "score": round(self.score, 3),
            "events": self.events,
            "visits": self.visits,
            "agreements": self.agreements,
            "calls": self.calls,
            "cooperation": self.cooperation,
            "conflict": self.conflict,
            "balance": round(self.balance, 3),
            "momentum": round(self.momentum, 3),
        }


@dataclass
class Outlook:
    """A ranking of a country's partners as of a month."""

    country: str
    as_of: str  # YYYY-MM: data from earlier months only
    window: int
    ranking: list[PartnerSignals] = field(default_factory=list)

    def volume_order(self) -> list[str]:
        """Partners by event volume alone (the reference ranking)."""
        return [p.partner for p in sorted(self.ranking, key=lambda p: (-p.events, p.partner))]

    def to_dict(self, top: int | None = None) -> dict[str, Any]:
        return {
            "country": self.country,
            "as_of": self.as_of,
            "window_months": self.window,
            "candidates": len(self.ranking),
            "ranking": [p.to_dict() for p in self.ranking[:top]],
        }


@dataclass
class Upgrade:
    """One dated partnership step of the reference table."""

    partner: str
    date: str
    level: str
    previous_level: str | None


@dataclass
class UpgradeCheck:
    """How the outlook ranked the partner that upgraded, using data before the upgrade."""

    upgrade: Upgrade
    as_of: str
    scored: bool
    reason: str = ""
    rank: int | None = None  # None: not among the candidates
    volume_rank: int | None = None
    candidates: int = 0
    leaders: list[str] = field(default_factory=list)

    def hit(self, k: int) -> bool:
        return self.rank is not None and self.rank <= k

    def to_dict(self) -> dict[str, Any]:
        return {
            "partner": self.upgrade.partner,
            "date": self.upgrade.date,
            "level": self.upgrade.level,
            "previous_level": self.upgrade.previous_level,
            "as_of": self.as_of,
            "scored": self.scored,
            "reason": self.reason,
            "rank": self.rank,
            "volume_rank": self.volume_rank,
            "candidates": self.candidates,
            "leaders": self.leaders,
        }


@dataclass
class OutlookBacktest:
    """Hit rates at each k over the scored upgrades, with chance and volume references."""

    country: str
    checks: list[UpgradeCheck]
    ks: tuple[int, ...] = KS

    @property
    def scored(self) -> list[UpgradeCheck]:
        return [c for c in self.checks if c.scored]

    def hit_rate(self, k: int) -> float | None:
        s = self.scored
        return sum(c.hit(k) for c in s) / len(s) if s else None

    def volume_hit_rate(self, k: int) -> float | None:
        s = self.scored
        return (
            sum(c.volume_rank is not None and c.volume_rank <= k for c in s) / len(s) if s else None
        )

    def chance_rate(self, k: int) -> float | None:
        s = self.scored
        return sum(min(1.0, k / c.candidates) for c in s) / len(s) if s else None

    def misses(self, k: int) -> list[UpgradeCheck]:
        return [c for c in self.scored if not c.hit(k)]

    def to_dict(self) -> dict[str, Any]:
        def r(v: float | None) -> float | None:
            return None if v is None else round(v, 3)

        return {
            "country": self.country,
            "upgrades": len(self.checks),
            "scored": len(self.scored),
            "hit_rate": {str(k): r(self.hit_rate(k)) for k in self.ks},
            "volume_hit_rate": {str(k): r(self.volume_hit_rate(k)) for k in self.ks},
            "chance_rate": {str(k): r(self.chance_rate(k)) for k in self.ks},
            "misses": {
                str(k): [c.upgrade.partner + " " + c.upgrade.date for c in self.misses(k)]
                for k in self.ks
            },
            "checks": [c.to_dict() for c in self.checks],
        }


@cache
def _reference() -> tuple[dict[str, str], ...]:
    path = resources.files("diplograph") / "data" / "gazetteer" / "partnerships.csv"
    with path.open(encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


@cache
def _countries() -> frozenset[str]:
    path = resources.files("diplograph") / "data" / "gazetteer" / "countries.csv"
    with path.open(encoding="utf-8") as fh:
        return frozenset(r["code"] for r in csv.DictReader(fh))


def _tier_rank(level: str) -> int:
    """0 for the highest tier (the extractor's ladder); unknown levels rank last."""
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def _other(row: dict[str, Any], country: str) -> str | None:
    if row["a"] == country:
        return str(row["b"])
    if row["b"] == country:
        return str(row["a"])
    return None


def reference_upgrades(country: str) -> list[Upgrade]:
    """Dated partnership steps of ``country`` in the bundled reference table, oldest first."""
    out = []
    for r in _reference():
        other = _other(r, country.upper())
        if other and r["level"] in PARTNERSHIPS and r["since"]:
            out.append(Upgrade(other, r["since"], r["level"], r["previous_level"] or None))
    return sorted(out, key=lambda u: (u.date, u.partner))


def month_index(date: str) -> int:
    """Months since year 0 of a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date (year → January)."""
    if len(date) < 4 or not date[:4].isdigit():
        raise ValueError(f"not a date: {date!r}; use YYYY, YYYY-MM or YYYY-MM-DD")
    month = int(date[5:7]) if len(date) >= 7 else 1
    if not 1 <= month <= 12:
        raise ValueError(f"not a month: {date!r}")
    return int(date[:4]) * 12 + month - 1


def month_label(index: int) -> str:
    return f"{index // 12}-{index % 12 + 1:02d}"


class TierBook:
    """Tiers of a country's partners over time: the reference table and tiers found in text."""

    def __init__(self, country: str, store: Store | None = None) -> None:
        self.country = country.upper()
        self.steps: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for r in _reference():
            other = _other(r, self.country)
            if other:
                when = month_index(r["since"]) if r["since"] else -1  # undated: always held
                self.steps[other].append((when, r["level"]))
        if store is not None:
            for r in store.relation_pairs(Filters(country=self.country)):
                other = _other(r, self.country)
                if other and r["date"]:
                    self.steps[other].append((month_index(r["date"]), r["level"]))
        self.known = frozenset(self.steps)

    def tier(self, partner: str, before: int) -> str | None:
        """The highest tier the pair held before month ``before``."""
        held = [level for when, level in self.steps.get(partner, []) if when < before]
        return min(held, key=_tier_rank) if held else None


def _percentiles(values: list[float]) -> list[float]:
    """Percentile rank in (0, 1] of each value; ties share the mean rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for t in range(i, j + 1):
            ranks[order[t]] = (i + j) / 2 + 1
        i = j + 1
    n = len(values)
    return [r / n for r in ranks]


def rank_partners(
    cells: Iterable[Cell],
    country: str,
    as_of: str,
    tiers: TierBook,
    window: int = WINDOW,
    baseline: int = BASELINE,
) -> Outlook:
    """Rank the candidates of ``country`` from ``cells`` dated before ``as_of`` (pure)."""
    country = country.upper()
    cut = month_index(as_of)
    lo, base_lo = cut - window, cut - window - baseline
    acc: dict[str, list[int]] = defaultdict(lambda: [0] * 7)
    for c in cells:
        if len(c.month) < 7 or not c.source or not c.target:
            continue
        if c.source == country:
            other = c.target
        elif c.target == country:
            other = c.source
        else:
            continue
        m = month_index(c.month)
        if not base_lo <= m < cut:
            continue
        a = acc[other]
        if m < lo:
            a[6] += c.n if c.quad in (1, 2) else 0
            continue
        a[0] += c.n
        a[1] += c.n if c.type == "VISIT" else 0
        a[2] += c.n if c.type == "AGREE_SIGN" else 0
        a[3] += c.n if c.type == "CALL" else 0
        a[4] += c.n if c.quad in (1, 2) else 0
        a[5] += c.n if c.quad in (3, 4) else 0
    allowed = _countries() | tiers.known
    ranking: list[PartnerSignals] = []
    for partner, (events, visits, agree, calls, coop, conf, base) in acc.items():
        tier = tiers.tier(partner, cut)
        if events == 0 or partner == country or partner not in allowed or tier in TOP_TIERS:
            continue
        ranking.append(
            PartnerSignals(
                partner=partner,
                tier=tier,
                events=events,
                visits=visits,
                agreements=agree,
                calls=calls,
                cooperation=coop,
                conflict=conf,
                balance=(coop - conf) / (coop + conf + BALANCE_PRIOR),
                momentum=math.log((coop + 1) / (base * window / baseline + 1)),
            )
        )
    if ranking:
        columns = [_percentiles([float(getattr(p, s)) for p in ranking]) for s in SIGNALS]
        for i, p in enumerate(ranking):
            p.score = sum(col[i] for col in columns) / len(SIGNALS)
    ranking.sort(key=lambda p: (-p.score, -p.events, p.partner))
    for i, p in enumerate(ranking, 1):
        p.rank = i
    return Outlook(country, month_label(cut), window, ranking)


def outlook_cells(store: Store, country: str, origins: tuple[str, ...] | None = None) -> list[Cell]:
    """Every counted cell of ``country`` with anyone (extracted and imported)."""
    q = SeriesQuery(country=country.upper())
    if origins:
        q = replace(q, origins=origins)
    return collect_cells(store, q)


def history_end(cells: Iterable[Cell], country: str) -> str | None:
    """The month after the last month with an event of ``country`` (the default cutoff)."""
    months = [c.month for c in cells if len(c.month) >= 7 and country in (c.source, c.target)]
    return month_label(month_index(max(months)) + 1) if months else None


def rank_outlook(
    store: Store,
    country: str,
    as_of: str | None = None,
    origins: tuple[str, ...] | None = None,
    window: int = WINDOW,
) -> Outlook:
    """Rank ``country``'s partners as of ``as_of`` (default: the end of its stored history)."""
    country = country.upper()
    cells = outlook_cells(store, country, origins)
    cutoff = as_of or history_end(cells, country)
    if cutoff is None:
        return Outlook(country, "", window)
    return rank_partners(cells, country, cutoff, TierBook(country, store), window)


def backtest_outlook(
    store: Store,
    country: str,
    origins: tuple[str, ...] | None = None,
    window: int = WINDOW,
    ks: tuple[int, ...] = KS,
    cells: list[Cell] | None = None,
) -> OutlookBacktest:
    """Rank before each reference upgrade of ``country`` and see where the upgrader landed.

    Tiers come from the reference table only here, so text about an upgrade cannot leak in.
    """
    country = country.upper()
    cells = outlook_cells(store, country, origins) if cells is None else cells
    months = [month_index(c.month) for c in cells if len(c.month) >= 7]
    first, last = (min(months), max(months)) if months else (0, -1)
    tiers = TierBook(country)
    checks: list[UpgradeCheck] = []
    for up in reference_upgrades(country):
        result = rank_partners(cells, country, up.date, tiers, window)
        cut = month_index(up.date)
        covered = first <= cut - window and last >= cut - COVERAGE_GAP
        check = UpgradeCheck(up, result.as_of, scored=covered and bool(result.ranking))
        check.candidates = len(result.ranking)
        check.leaders = [p.partner for p in result.ranking[: max(ks)]]
        if not check.scored:
            check.reason = f"stored history does not cover the {window} months before"
        else:
            order = [p.partner for p in result.ranking]
            volume = result.volume_order()
            check.rank = order.index(up.partner) + 1 if up.partner in order else None
            check.volume_rank = volume.index(up.partner) + 1 if up.partner in volume else None
            if check.rank is None:
                check.reason = "no events with this partner in the window"
        checks.append(check)
    return OutlookBacktest(country, checks, ks)
