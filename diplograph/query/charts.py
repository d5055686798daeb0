"""Inline SVG bar charts computed in Python; templates only place the rectangles.

Shared by the dashboard (``web/``) and the reviews (``reports/``), which may not import ``web/``:
the geometry lives with the other helpers both surfaces read through.

Every chart has a value axis (ticks at 1/2/5 steps from 0, labelled on the left) and period
labels along the bottom. A period without data (a gap, see :mod:`diplograph.analysis.trends`)
is an empty dashed slot titled "no data", never a zero bar; a partial period is a lighter bar
whose title says how far its data go.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from diplograph.analysis.trends import Coverage

LEFT = 40  # room for the value labels
BOTTOM = 24  # room for the period labels
TOP = 8  # room above the highest tick


@dataclass(frozen=True)
class Point:
    """One period to draw: its value, whether it is a gap, and a note when partial."""

    label: str
    value: int
    gap: bool = False
    note: str = ""  # "partial: data to 2024-02-10"


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int
    gap: bool = False
    note: str = ""
    kind: str = ""  # the series of a category chart ("s1" for the second), appended to css

    @property
    def partial(self) -> bool:
        return bool(self.note)

    @property
    def css(self) -> str:
        css = "bar gap" if self.gap else "bar partial" if self.note else "bar"
        return f"{css} {self.kind}" if self.kind else css

    @property
    def tooltip(self) -> str:
        if self.gap:
            return f"{self.label}: no data"
        return f"{self.label}: {self.value:,}" + (f" ({self.note})" if self.note else "")


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[tuple[float, str]]  # (x, label) along the bottom
    max_value: float  # the value at the top of the axis
    yticks: list[tuple[float, str]] = field(default_factory=list)  # (y, label) on the left
    left: float = LEFT

    @property
    def empty(self) -> bool:
        return not self.bars

    @property
    def bottom(self) -> int:
        """The y of the value 0 (the period axis)."""
        return self.height - BOTTOM

    @property
    def peak(self) -> int:
        return max((b.value for b in self.bars), default=0)

    @property
    def gaps(self) -> int:
        return sum(b.gap for b in self.bars)

    @property
    def partial_notes(self) -> list[str]:
        """``2024 partial: data to 2024-02-10`` for each partial bar."""
        return [f"{b.label} {b.note}" for b in self.bars if b.note]


def value_axis(top: float, bottom: float, n: int = 4) -> tuple[float, list[tuple[float, str]]]:
    """A 0-based count axis reaching at least ``top`` in whole 1/2/5 steps: its top and
    (y, label) ticks."""
    values = axis_values(top, n)
    scale = values[-1]
    ticks = [(scale_y(v, scale, bottom), _fmt(v)) for v in values]
    return scale, ticks


def axis_values(top: float, n: int = 4) -> list[float]:
    """The tick values of a 0-based count axis reaching at least ``top`` in 1/2/5 steps."""
    raw = max(top, 1.0) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = max(1.0, next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw * (1 - 1e-9)))
    return [i * step for i in range(max(1, math.ceil(top / step - 1e-9)) + 1)]


def scale_y(value: float, scale: float, bottom: float) -> float:
    """The y of ``value`` on an axis from 0 (at ``bottom``) to ``scale`` (at ``TOP``)."""
    return round(bottom - value / (scale or 1) * (bottom - TOP), 2)


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:g}"


def place_bars(
    points: Sequence[Point], left: float, step: float, scale: float, bottom: float
) -> list[Bar]:
    """One bar per point in slots of ``step`` from ``left``; a gap fills its slot's height."""
    bar_w = max(min(step - min(2.0, step * 0.2), 48.0), 1.0)
    bars = []
    for i, p in enumerate(points):
        x = round(left + i * step + (step - bar_w) / 2, 2)
        y = TOP if p.gap else scale_y(p.value, scale, bottom)
        bars.append(
            Bar(x, y, round(bar_w, 2), round(bottom - y, 2), p.label, p.value, p.gap, p.note)
        )
    return bars


def period_ticks(
    labels: list[str], left: float, step: float, max_ticks: int
) -> list[tuple[float, str]]:
    """A few of ``labels`` under their slots."""
    every = max(1, -(-len(labels) // max_ticks))
    return [(round(left + i * step + step / 2, 2), labels[i]) for i in range(0, len(labels), every)]


def bar_chart(
    points: Sequence[tuple[str, int] | Point],
    width: int = 720,
    height: int = 180,
    max_ticks: int = 8,
    top: int | None = None,
) -> Chart:
    """Bars for (label, value) points or :class:`Point`, scaled to the tallest (or to ``top``,
    so that charts drawn side by side share one scale), with a value axis and period labels."""
    pts = [p if isinstance(p, Point) else Point(p[0], p[1]) for p in points]
    if not pts:
        return Chart(width, height, [], [], 0)
    bottom = height - BOTTOM
    scale, yticks = value_axis(max([top or 0, *(p.value for p in pts)]), bottom)
    step = (width - LEFT) / len(pts)
    bars = place_bars(pts, LEFT, step, scale, bottom)
    ticks = period_ticks([p.label for p in pts], LEFT, step, max_ticks)
    return Chart(width, height, bars, ticks, scale, yticks)


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


def covered_points(
    counts: dict[str, int], periods: list[str], by: str, cov: Coverage | None
) -> list[Point]:
    """Points for ``periods``: a zero without coverage is a gap; edge periods get their note."""
    if cov is None or not cov.months:
        return [Point(p, counts.get(p, 0)) for p in periods]
    return [
        Point(
            p,
            counts.get(p, 0),
            gap=not counts.get(p) and not cov.covers(p, by),
            note=cov.partial_note(p, by),
        )
        for p in periods
    ]


def monthly_chart(
    rows: list[dict[str, object]], last_n: int = 120, coverage: Coverage | None = None
) -> Chart:
    """Events per month (summed over types), the latest ``last_n``; a month without any
    stored document (``coverage``) is a gap, one without events a zero."""
    totals: dict[str, int] = {}
    for r in rows:
        period = str(r["period"])
        totals[period] = totals.get(period, 0) + int(str(r["count"]))
    if not totals:
        return bar_chart([])
    months = months_between(min(totals), max(totals))[-last_n:]
    return bar_chart(covered_points(totals, months, "month", coverage))


def yearly_chart(by_year: dict[str, int], coverage: Coverage | None = None) -> Chart:
    """Events per year; a year without any stored document (``coverage``) is a gap."""
    if not by_year:
        return bar_chart([])
    years = [str(y) for y in range(int(min(by_year)), int(max(by_year)) + 1)]
    return bar_chart(covered_points(by_year, years, "year", coverage), max_ticks=12)


LABEL_W = 200  # room for the category labels of a category chart
RIGHT = 36  # room for the value printed after the longest bar
BAR_H = 14  # one bar of a category chart
ROW_GAP = 8  # between the rows of a category chart
LEGEND_H = 18  # the series legend of a category chart with several series


@dataclass(frozen=True)
class CategoryChart:
    """Horizontal bars, one row per category and one bar per series in each row, with a value
    axis along the bottom. Row-major ``bars``: row ``i`` holds ``bars[i*n:(i+1)*n]``."""

    width: int
    height: int
    bars: list[Bar]
    rows: list[tuple[float, str]]  # (y of the row's middle, category) on the left
    xticks: list[tuple[float, str]]  # (x, value) along the bottom
    series: list[str]
    max_value: float
    top: float
    bottom: float  # the y of the value axis
    left: float = LABEL_W

    @property
    def empty(self) -> bool:
        return not self.bars

    @property
    def right(self) -> float:
        """The x of the axis maximum."""
        return self.width - RIGHT

    @property
    def gaps(self) -> int:
        return sum(b.gap for b in self.bars)

    @property
    def legend(self) -> list[tuple[float, str, str]]:
        """(x, series name, bar kind) of each series when there are several."""
        if len(self.series) < 2:
            return []
        return [(self.left + i * 140, s, _kind(i)) for i, s in enumerate(self.series)]

    @property
    def partial_notes(self) -> list[str]:
        """Each distinct note of the partial bars, once."""
        return list(dict.fromkeys(b.note for b in self.bars if b.note))

    def values(self) -> dict[str, list[int | None]]:
        """Each category's values in series order; None for a gap."""
        n = len(self.series)
        return {
            label: [None if b.gap else b.value for b in self.bars[i * n : (i + 1) * n]]
            for i, (_, label) in enumerate(self.rows)
        }


def _kind(series: int) -> str:
    return f"s{series}" if series else ""


def category_chart(
    rows: Sequence[tuple[str, Sequence[int | Point]]],
    series: Sequence[str] = ("",),
    width: int = 640,
) -> CategoryChart:
    """Horizontal bars for (category, one value per series) rows; a :class:`Point` value may
    be a gap (an empty dashed slot across the row) or partial (its ``note``). Each bar's
    tooltip names its category (and series, when there are several) and value."""
    n = len(series)
    top = TOP + (LEGEND_H if n > 1 else 0)
    row_h = n * BAR_H + ROW_GAP
    bottom = top + len(rows) * row_h
    cells = [
        (label, i, v if isinstance(v, Point) else Point(label, v))
        for label, values in rows
        for i, v in enumerate(values)
    ]
    values = axis_values(max([0, *(p.value for _, _, p in cells)]))
    scale, span = values[-1], width - RIGHT - LABEL_W
    bars = []
    for k, (label, i, p) in enumerate(cells):
        y = top + (k // n) * row_h + ROW_GAP / 2 + i * BAR_H
        w = span if p.gap else round(p.value / scale * span, 2)
        name = f"{label}, {series[i]}" if n > 1 else label
        bars.append(Bar(LABEL_W, y, w, BAR_H - 1, name, p.value, p.gap, p.note, _kind(i)))
    return CategoryChart(
        width=width,
        height=int(bottom + BOTTOM),
        bars=bars,
        rows=[(top + r * row_h + row_h / 2, label) for r, (label, _) in enumerate(rows)],
        xticks=[(round(LABEL_W + v / scale * span, 2), _fmt(v)) for v in values],
        series=list(series),
        max_value=scale,
        top=top,
        bottom=bottom,
    )
