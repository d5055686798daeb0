"""The review's charts: each drawn only from the numbers its section already shows.

Bars come from :mod:`diplograph.query.charts` (server-side SVG geometry, no script, so they
print into the PDF too). The store's coverage (``Review.coverage``) marks gaps and partial
periods as the dashboard does (:mod:`diplograph.analysis.trends`): a zero in a period (or
month) without any stored document is drawn as a dashed "no data" slot, and a period the data
only partly cover is a lighter bar whose caption says how far the data go.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from diplograph.analysis.trends import Coverage, period_bounds
from diplograph.query.canonical import CanonicalEvent
from diplograph.query.charts import CategoryChart, Point, bar_chart, category_chart, covered_points
from diplograph.reports.period import Period

MAX_MONTH_BARS = 36  # longer periods are charted per year
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def period_cover(cov: Coverage | None, period: Period) -> tuple[bool, str]:
    """(whether any month of ``period`` has stored data, its note when partial, such as
    ``2024 partial: data to 2024-02-10``); ``(True, "")`` when the coverage is unknown, as
    the dashboard charts read it."""
    if cov is None or not cov.months:
        return True, ""
    months = period.months
    covered = any(m in cov.months for m in months)
    first, last = period_bounds(months[0], "month")[0], period_bounds(months[-1], "month")[1]
    if first <= cov.end < last:
        return covered, f"{period.label} partial: data to {cov.end}"
    if first < cov.start <= last:
        return covered, f"{period.label} partial: data from {cov.start}"
    return covered, ""


def covered_value(value: int, cover: tuple[bool, str]) -> Point:
    """``value`` of a period with ``cover``: a zero where nothing is stored is a gap."""
    covered, note = cover
    return Point("", value, gap=not value and not covered, note=note)


def month_chart(
    events: list[CanonicalEvent], period: Period, coverage: Coverage | None = None
) -> dict[str, Any] | None:
    """Events per month of ``period`` (per year past :data:`MAX_MONTH_BARS` months) as a
    :func:`~diplograph.query.charts.bar_chart`, a month without events or stored documents a
    gap; None when one bar or no dated event would show. ``placed + unplaced`` is always
    ``len(events)``."""
    months = period.months
    yearly = len(months) > MAX_MONTH_BARS
    slots = sorted({m[:4] for m in months}) if yearly else months
    width = 4 if yearly else 7
    counts = dict.fromkeys(slots, 0)
    unplaced = 0
    for e in events:
        key = (e.date or "")[:width]
        if len(key) == width and key in counts:
            counts[key] += 1
        else:
            unplaced += 1
    placed = len(events) - unplaced
    if len(slots) < 2 or not placed:
        return None
    one_year = len({k[:4] for k in slots}) == 1
    points = covered_points(counts, slots, "year" if yearly else "month", coverage)
    if one_year and not yearly:
        points = [replace(p, label=_MONTHS[int(p.label[5:7]) - 1]) for p in points]
    return {
        "chart": bar_chart(points, width=640, height=130, max_ticks=12),
        "per": "year" if yearly else "month",
        "placed": placed,
        "unplaced": unplaced,
        "total": len(events),
    }


def _figure(chart: CategoryChart, caption: str) -> dict[str, Any] | None:
    return {"chart": chart, "caption": caption} if chart.bars else None


def headline_chart(rows: list[dict[str, Any]], cover: tuple[bool, str]) -> dict[str, Any] | None:
    """One bar per headline row (``label``, ``count``), as the headline table lists them."""
    chart = category_chart([(h["label"], [covered_value(h["count"], cover)]) for h in rows])
    return _figure(chart, "Headline counts, as in the table below")


def region_chart(rows: list[dict[str, Any]], cover: tuple[bool, str]) -> dict[str, Any] | None:
    """One bar per region row (``name``, ``count``): its partners' bilateral events."""
    chart = category_chart([(r["name"], [covered_value(r["count"], cover)]) for r in rows])
    return _figure(chart, "Bilateral events per region, as in the table below")


def tier_chart(rows: list[dict[str, Any]], cover: tuple[bool, str]) -> dict[str, Any] | None:
    """Tier changes per partner (``partner``), one series per ``status`` the list has."""
    statuses = sorted({t["status"] for t in rows}, key=lambda s: (s != "upgraded", s))
    partners = list(dict.fromkeys(t["partner"] for t in rows))

    def count(partner: str, status: str) -> Point:
        n = sum(t["partner"] == partner and t["status"] == status for t in rows)
        return covered_value(n, cover)

    chart = category_chart([(p, [count(p, s) for s in statuses]) for p in partners], statuses)
    which = f" ({statuses[0]})" if len(statuses) == 1 else ""
    return _figure(chart, f"Tier changes per partner{which}, as listed below")


def comparison_chart(
    rows: list[dict[str, Any]],
    labels: tuple[str, str],
    covers: tuple[tuple[bool, str], tuple[bool, str]],
) -> dict[str, Any] | None:
    """Paired bars per comparison row (``now``, ``before``): this period and the one before.
    Rows with a true zero in both periods are left out; a zero without data is a gap."""
    paired = [
        (
            r["label"],
            [covered_value(r[k], c) for k, c in zip(("now", "before"), covers, strict=True)],
        )
        for r in rows
    ]
    kept = [(label, pts) for label, pts in paired if any(p.value or p.gap for p in pts)]
    chart = category_chart(kept, labels)
    caption = f"{labels[0]} and {labels[1]}, as in the table above"
    if len(kept) < len(paired):
        caption += " (rows with none in either period left out)"
    return _figure(chart, caption)
