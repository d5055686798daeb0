"""Inline SVG bar charts computed in Python; templates only place the rectangles.

Shared by the dashboard (``web/``) and the reviews (``reports/``), which may not import ``web/``:
the geometry lives with the other helpers both surfaces read through.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[tuple[float, str]]  # (x, label) along the bottom
    max_value: int

    @property
    def empty(self) -> bool:
        return not self.bars


def months_between(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` inclusive."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out


def bar_chart(
    points: list[tuple[str, int]],
    width: int = 720,
    height: int = 180,
    max_ticks: int = 8,
    top: int | None = None,
) -> Chart:
    """Bars for (label, value) points, scaled to the tallest (or to ``top``, so that charts
    drawn side by side share one scale), with a few x-axis labels."""
    if not points:
        return Chart(width, height, [], [], 0)
    top = max([top or 0, *(v for _, v in points)]) or 1
    plot_h = height - 24
    step = width / len(points)
    gap = min(2.0, step * 0.2)
    bar_w = max(min(step - gap, 48.0), 1.0)
    bars = [
        Bar(
            x=round(i * step + (step - bar_w) / 2, 2),
            y=round(plot_h - value / top * (plot_h - 4), 2),
            width=round(bar_w, 2),
            height=round(value / top * (plot_h - 4), 2),
            label=label,
            value=value,
        )
        for i, (label, value) in enumerate(points)
    ]
    every = max(1, -(-len(points) // max_ticks))
    ticks = [(round(i * step + step / 2, 2), points[i][0]) for i in range(0, len(points), every)]
    return Chart(width, height, bars, ticks, top)


def monthly_chart(rows: list[dict[str, object]], last_n: int = 120) -> Chart:
    """Events per month (summed over types), gaps filled with zero, the latest ``last_n``."""
    totals: dict[str, int] = {}
    for r in rows:
        period = str(r["period"])
        totals[period] = totals.get(period, 0) + int(str(r["count"]))
    if not totals:
        return bar_chart([])
    months = months_between(min(totals), max(totals))[-last_n:]
    return bar_chart([(m, totals.get(m, 0)) for m in months])


def yearly_chart(by_year: dict[str, int]) -> Chart:
    """Events per year, gaps filled with zero."""
    if not by_year:
        return bar_chart([])
    years = range(int(min(by_year)), int(max(by_year)) + 1)
    return bar_chart([(str(y), by_year.get(str(y), 0)) for y in years], max_ticks=12)
