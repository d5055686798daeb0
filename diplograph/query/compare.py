"""Two countries side by side with one partner: events by type and year, and the tier history.

"Vietnam vs the Philippines with China, 2012–2015": for each country, the event records with
the partner in either direction (counted in SQL by the store), split by type and by year over
the same years for both, and each pair's tier timeline with the tier reached by the end of the
period. Counts are event records, like the event lists and the partner pages.
"""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, Field

from diplograph.query.inputs import InputError
from diplograph.query.names import display
from diplograph.query.network import GROUPS
from diplograph.query.schemas import TierStep
from diplograph.query.views import current_tier, tier_timeline
from diplograph.store import Filters, Store

MAX_YEARS = 60  # a wider period is drawn over the years that have events only


class CompareSide(BaseModel):
    """One country's record with the partner over the period."""

    code: str
    name: str
    events: int = Field(description="Event records with the partner, dated or not.")
    cooperative: int
    conflictual: int
    by_type: dict[str, int] = Field(description="Events per type, most first.")
    by_year: dict[str, int] = Field(description="Dated events per year, over `years`.")
    undated: int = Field(description="Events without a year (only when no period is given).")
    tier: str | None = Field(None, description="Highest tier reached by the end of the period.")
    timeline: list[TierStep]


class ComparePublic(BaseModel):
    """Both countries over the same years and types."""

    partner: str
    partner_name: str
    since: str | None = None
    until: str | None = None
    years: list[str]
    types: list[str] = Field(description="Every type either country has, most events first.")
    sides: list[CompareSide]


def _by_type(store: Store, pair: Filters) -> Counter[str]:
    counts: Counter[str] = Counter()
    for r in store.event_pairs(pair):
        counts[str(r["type"])] += int(r["count"])
    return counts


def _by_year(store: Store, pair: Filters) -> Counter[str]:
    counts: Counter[str] = Counter()
    for r in store.event_histogram(pair, "year"):
        counts[str(r["period"])] += int(r["count"])
    return counts


def _years(found: list[Counter[str]], since: str | None, until: str | None) -> list[str]:
    """The years both charts share: the period's, else those from the first to the last event.

    A period much wider than the events (``since=1800``) is drawn over the events' years.
    """
    years = sorted({int(y) for c in found for y in c})
    first = int(since[:4]) if since else (years[0] if years else None)
    last = int(until[:4]) if until else (years[-1] if years else None)
    if first is None or last is None:
        return []
    if last - first >= MAX_YEARS:
        if not years:
            return []
        first, last = years[0], years[-1]
    return [str(y) for y in range(first, last + 1)]


def _tier_by(steps: list[TierStep], until: str | None) -> str | None:
    """The highest tier with a step dated (or undated) no later than ``until``."""
    if until:
        steps = [s for s in steps if not s.date or s.date[: len(until)] <= until]
    top = current_tier(steps)
    return top.level if top else None


def compare_countries(
    store: Store,
    first: str,
    second: str,
    partner: str,
    since: str | None = None,
    until: str | None = None,
) -> ComparePublic:
    """``first`` and ``second`` (codes) side by side in their relations with ``partner``."""
    first, second, partner = first.upper(), second.upper(), partner.upper()
    if first == second:
        raise InputError(f"compare two different countries, not {first} with itself")
    if partner in (first, second):
        raise InputError(f"the partner {partner} is one of the compared countries; pick a third")
    counts, years = [], []
    for code in (first, second):
        pair = Filters(country=code, partner=partner, since=since, until=until)
        counts.append(_by_type(store, pair))
        years.append(_by_year(store, pair))
    span = _years(years, since, until)
    totals: Counter[str] = Counter()
    for c in counts:
        totals.update(c)
    sides = []
    for code, by_type, by_year in zip((first, second), counts, years, strict=True):
        timeline = tier_timeline(store, code, partner)
        sides.append(
            CompareSide(
                code=code,
                name=display(code),
                events=sum(by_type.values()),
                cooperative=sum(n for t, n in by_type.items() if t in GROUPS["cooperative"]),
                conflictual=sum(n for t, n in by_type.items() if t in GROUPS["conflictual"]),
                by_type=dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
                by_year={y: by_year.get(y, 0) for y in span},
                undated=sum(by_type.values()) - sum(by_year.values()),
                tier=_tier_by(timeline, until),
                timeline=timeline,
            )
        )
    return ComparePublic(
        partner=partner,
        partner_name=display(partner),
        since=since,
        until=until,
        years=span,
        types=sorted(totals, key=lambda t: (-totals[t], t)),
        sides=sides,
    )
