"""The partner trend chart: counts per period as bars and the forecast band, as inline SVG.

Geometry is computed with :mod:`diplograph.query.charts` (value axis, bars, gaps, partial
periods); the template only places it. The forecast starts after the last complete, covered
period, so its first point may share the slot of a partial period.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from diplograph.analysis.trends import Series, SeriesQuery, build_series, data_coverage
from diplograph.errors import ConfigError
from diplograph.query.charts import (
    BOTTOM,
    LEFT,
    Bar,
    Point,
    period_ticks,
    place_bars,
    scale_y,
    value_axis,
)
from diplograph.query.history import ForecastPublic, forecast_series, forecasting_available
from diplograph.store import Store

MAX_MONTHS = 120  # longer histories are drawn per year
HORIZON = {"month": 6, "year": 3}


@dataclass(frozen=True)
class TrendChart:
    """Bars for observed periods; polygons for the 80%/95% bands and a forecast line."""

    width: int
    height: int
    by: str
    bars: list[Bar]
    ticks: list[tuple[float, str]]
    max_value: float
    band80: str = ""  # SVG polygon points
    band95: str = ""
    line: str = ""  # SVG polyline points
    marks: list[tuple[float, float, str]] = field(default_factory=list)  # forecast (x, y, title)
    forecast: ForecastPublic | None = None
    note: str = ""
    total: int = 0
    extracted: int = 0
    imported: int = 0
    labels: list[str] = field(default_factory=list)
    yticks: list[tuple[float, str]] = field(default_factory=list)
    left: float = LEFT

    @property
    def empty(self) -> bool:
        return not self.bars

    @property
    def bottom(self) -> int:
        return self.height - BOTTOM

    @property
    def gaps(self) -> int:
        return sum(b.gap for b in self.bars)

    @property
    def partial_notes(self) -> list[str]:
        return [f"{b.label} {b.note}" for b in self.bars if b.note]


def trend_chart(
    counts: list[tuple[str, int]] | list[Point],
    by: str,
    fc: ForecastPublic | None = None,
    width: int = 720,
    height: int = 200,
    max_ticks: int = 8,
) -> TrendChart:
    """Scale observed counts (gaps and partial periods marked) and the forecast (if any) into
    one SVG box with a value axis."""
    pts = [p if isinstance(p, Point) else Point(p[0], p[1]) for p in counts]
    if not pts:
        return TrendChart(width, height, by, [], [], 0)
    ahead = fc.forecast if fc else []
    labels = [p.label for p in pts]
    labels += [p.period for p in ahead if p.period not in labels]
    bottom = height - BOTTOM
    scale, yticks = value_axis(max([p.value for p in pts] + [p.hi95 for p in ahead]), bottom)
    step = (width - LEFT) / len(labels)
    bars = place_bars(pts, LEFT, step, scale, bottom)
    ticks = period_ticks(labels, LEFT, step, max_ticks)
    chart = TrendChart(width, height, by, bars, ticks, scale, labels=labels, yticks=yticks)
    if not ahead:
        return chart
    xs = [round(LEFT + labels.index(p.period) * step + step / 2, 2) for p in ahead]

    def y(v: float) -> float:
        return scale_y(v, scale, bottom)

    def band(lo: list[float], hi: list[float]) -> str:
        upper = [f"{x},{y(h)}" for x, h in zip(xs, hi, strict=True)]
        lower = [f"{x},{y(v)}" for x, v in zip(reversed(xs), reversed(lo), strict=True)]
        return " ".join(upper + lower)

    return TrendChart(
        **{
            **chart.__dict__,
            "band80": band([p.lo80 for p in ahead], [p.hi80 for p in ahead]),
            "band95": band([p.lo95 for p in ahead], [p.hi95 for p in ahead]),
            "line": " ".join(f"{x},{y(p.forecast)}" for x, p in zip(xs, ahead, strict=True)),
            "marks": [
                (
                    x,
                    y(p.forecast),
                    f"{p.period}: forecast {p.forecast:g} "
                    f"(80% {p.lo80:g}–{p.hi80:g}, 95% {p.lo95:g}–{p.hi95:g})",
                )
                for x, p in zip(xs, ahead, strict=True)
            ],
            "forecast": fc,
        }
    )


def series_points(series: Series) -> list[Point]:
    """The series' totals as chart points, its gaps and partial periods marked."""
    return [
        Point(p, n, gap=bool(series.gap and series.gap[i]), note=series.partial_note(i))
        for i, (p, n) in enumerate(zip(series.periods, series.total, strict=True))
    ]


def partner_trend(store: Store, home: str, code: str) -> TrendChart:
    """Events of the pair per month (per year past 10 years), with a forecast band if possible."""
    home, code = home.upper(), code.upper()
    q = SeriesQuery(home, code if code != home else None, by="month")
    cov = data_coverage(store, q.origins)
    series = build_series(store, q, coverage=cov)
    if len(series.periods) > MAX_MONTHS:
        q = SeriesQuery(q.country, q.partner, by="year")
        series = build_series(store, q, coverage=cov)
    fc: ForecastPublic | None = None
    note = ""
    if not series.periods:
        pass
    elif not forecasting_available():
        note = "No forecast: install the analysis extra (statsmodels)."
    else:
        try:
            fc = forecast_series(series, HORIZON[q.by], f"{home}–{code}")
        except ConfigError as err:
            note = f"No forecast: {err}"
    chart = trend_chart(series_points(series), q.by, fc)
    return TrendChart(
        **{
            **chart.__dict__,
            "note": note,
            "total": sum(series.total),
            "extracted": sum(series.extracted),
            "imported": sum(series.imported),
        }
    )
