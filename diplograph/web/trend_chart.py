"""The partner trend chart: counts per period as bars and the forecast band, as inline SVG.

Geometry is computed here (like :mod:`diplograph.query.charts`); the template only places it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from diplograph.analysis.trends import SeriesQuery, build_series
from diplograph.errors import ConfigError
from diplograph.query.charts import Bar
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
    forecast: ForecastPublic | None = None
    note: str = ""
    total: int = 0
    extracted: int = 0
    imported: int = 0
    labels: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.bars


def trend_chart(
    counts: list[tuple[str, int]],
    by: str,
    fc: ForecastPublic | None = None,
    width: int = 720,
    height: int = 200,
    max_ticks: int = 8,
) -> TrendChart:
    """Scale observed counts and the forecast (if any) into one SVG box."""
    if not counts:
        return TrendChart(width, height, by, [], [], 0)
    ahead = fc.forecast if fc else []
    slots = len(counts) + len(ahead)
    top = max([v for _, v in counts] + [p.hi95 for p in ahead]) or 1
    plot_h = height - 24
    step = width / slots
    bar_w = max(min(step - min(2.0, step * 0.2), 48.0), 1.0)

    def y(v: float) -> float:
        return round(plot_h - v / top * (plot_h - 4), 2)

    bars = [
        Bar(
            x=round(i * step + (step - bar_w) / 2, 2),
            y=y(v),
            width=round(bar_w, 2),
            height=round(plot_h - y(v), 2),
            label=label,
            value=v,
        )
        for i, (label, v) in enumerate(counts)
    ]
    labels = [p for p, _ in counts] + [p.period for p in ahead]
    every = max(1, -(-slots // max_ticks))
    ticks = [(round(i * step + step / 2, 2), labels[i]) for i in range(0, slots, every)]
    chart = TrendChart(width, height, by, bars, ticks, top, labels=labels)
    if not ahead:
        return chart
    xs = [round((len(counts) + i) * step + step / 2, 2) for i in range(len(ahead))]

    def band(lo: list[float], hi: list[float]) -> str:
        upper = [f"{x},{y(h)}" for x, h in zip(xs, hi, strict=True)]
        lower = [f"{x},{y(v)}" for x, v in zip(reversed(xs), reversed(lo), strict=True)]
        return " ".join(upper + lower)

    return TrendChart(
        width,
        height,
        by,
        bars,
        ticks,
        top,
        band80=band([p.lo80 for p in ahead], [p.hi80 for p in ahead]),
        band95=band([p.lo95 for p in ahead], [p.hi95 for p in ahead]),
        line=" ".join(f"{x},{y(p.forecast)}" for x, p in zip(xs, ahead, strict=True)),
        forecast=fc,
        labels=labels,
    )


def partner_trend(store: Store, home: str, code: str) -> TrendChart:
    """Events of the pair per month (per year past 10 years), with a forecast band if possible."""
    home, code = home.upper(), code.upper()
    q = SeriesQuery(home, code if code != home else None, by="month")
    series = build_series(store, q)
    if len(series.periods) > MAX_MONTHS:
        q = SeriesQuery(q.country, q.partner, by="year")
        series = build_series(store, q)
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
    chart = trend_chart(list(zip(series.periods, series.total, strict=True)), q.by, fc)
    return TrendChart(
        **{
            **chart.__dict__,
            "note": note,
            "total": sum(series.total),
            "extracted": sum(series.extracted),
            "imported": sum(series.imported),
        }
    )
