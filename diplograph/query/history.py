"""Event history for the API and dashboard: schemas and functions behind trends/alerts/forecast.

Plain functions over a :class:`~diplograph.store.Store` (only protocol methods), so the
routes, the dashboard pages and tests share them.
"""

from __future__ import annotations

import importlib.util

from pydantic import BaseModel, Field

from diplograph.analysis.alerts import Alert, find_alerts
from diplograph.analysis.trends import (
    DATASETS,
    ORIGINS,
    PERIODS,
    Series,
    SeriesQuery,
    SeriesState,
    series_state,
    shift_period,
    update_series,
)
from diplograph.importers.cameo import QUAD_CLASSES
from diplograph.store import Store

SERIES = ("all", *QUAD_CLASSES)


class TrendPoint(BaseModel):
    """Counts of one period: total, by quad half and by origin, and the balance.

    ``gap``: the store has no data for the period (its 0 is missing data, not a count);
    ``partial``: the store's data start or end inside it (its count is incomplete)."""

    period: str
    count: int
    cooperation: int
    conflict: int
    balance: float | None = None
    extracted: int
    imported: int
    gap: bool = False
    partial: bool = False


class AlertEvidence(BaseModel):
    """An imported cell (dataset/file/row) or an extracted event (document/sentence)."""

    origin: str
    date: str | None = None
    dataset: str | None = None
    file: str | None = None
    row: int | None = None
    source: str | None = None
    target: str | None = None
    event: str | None = None
    count: int | None = None
    doc_id: str | None = None
    sent_idx: int | None = None
    type: str | None = None
    sentence: str | None = None


class AlertPublic(BaseModel):
    """One departure of a pair's series from its own history."""

    period: str
    through: str
    a: str
    b: str
    series: str
    observed: float
    expected: float
    score: float
    direction: str
    surprise: float | None = None  # −log10 tail probability under the count model
    interval: list[int] | None = None  # 80% range of the expected count
    evidence: list[AlertEvidence] = Field(default_factory=list)

    @classmethod
    def from_alert(cls, al: Alert) -> AlertPublic:
        d = al.to_dict()
        return cls(**{**d, "evidence": [AlertEvidence(**e) for e in d["evidence"]]})


class ForecastPoint(BaseModel):
    period: str
    forecast: float
    lo80: float
    hi80: float
    lo95: float
    hi95: float


class ForecastPublic(BaseModel):
    """Point forecasts with 80% and 95% intervals after the last observed period."""

    series: str
    model: str
    by: str
    last_observed: str  # the last period fitted: complete and covered
    fitted_from: str = ""  # the first period fitted (after the last gap)
    fitted_periods: int = 0
    forecast: list[ForecastPoint]


def parse_sources(sources: str | None) -> tuple[str, ...]:
    """``extracted,imported`` or dataset names → origins; ValueError names the bad ones."""
    origins = tuple(s.strip().lower() for s in (sources or "").split(",") if s.strip())
    bad = [o for o in origins if o not in ORIGINS + DATASETS]
    if bad:
        raise ValueError(f"unknown sources {', '.join(bad)}; use {', '.join(ORIGINS + DATASETS)}")
    return origins or ORIGINS


def series_query(
    country: str | None,
    partner: str | None = None,
    by: str = "month",
    quad: str | None = None,
    types: str | None = None,
    since: str | None = None,
    until: str | None = None,
    sources: str | None = None,
) -> SeriesQuery:
    """A validated :class:`SeriesQuery`; ValueError says what is wrong with which parameter."""
    if by not in PERIODS:
        raise ValueError(f"unknown by {by!r}; use month, quarter or year")
    if quad and quad not in SERIES:
        raise ValueError(f"unknown quad {quad!r}; use {', '.join(QUAD_CLASSES)}")
    return SeriesQuery(
        country=country.upper() if country else None,
        partner=partner.upper() if partner else None,
        by=by,
        types=tuple(t.strip().upper() for t in (types or "").split(",") if t.strip()),
        quads=QUAD_CLASSES[quad] if quad and quad != "all" else (),
        since=since,
        until=until,
        origins=parse_sources(sources),
    )


class TrendPoints(list[TrendPoint]):
    """The points of a series, oldest first, with the series and the state to update them
    (#19)."""

    state: SeriesState | None = None
    series: Series | None = None


def trend_points(store: Store, q: SeriesQuery) -> TrendPoints:
    """The series of ``q`` as points, oldest first."""
    return _points(*series_state(store, q))


def update_trend_points(store: Store, previous: TrendPoints, q: SeriesQuery) -> TrendPoints:
    """:func:`trend_points` now, adding to ``previous`` the events appended since it was
    computed (:func:`~diplograph.analysis.trends.update_series`)."""
    state = previous.state
    if state is None or state.query != q:
        return trend_points(store, q)
    return _points(*update_series(store, state))


def _points(series: Series, state: SeriesState) -> TrendPoints:
    points = TrendPoints(TrendPoint(**r) for r in series.rows())
    points.state, points.series = state, series
    return points


def alert_list(store: Store, q: SeriesQuery, top: int, evidence: int = 5) -> list[AlertPublic]:
    """Alerts for ``q``, highest score first, each with its evidence."""
    return [AlertPublic.from_alert(a) for a in find_alerts(store, q, top=top, evidence=evidence)]


def forecasting_available() -> bool:
    """True when statsmodels (the ``analysis`` extra) is importable."""
    return importlib.util.find_spec("statsmodels") is not None


def forecast_points(store: Store, points: TrendPoints, horizon: int, label: str) -> ForecastPublic:
    """Forecast the series behind cached trend points: the series is updated incrementally
    with the trends (:func:`update_trend_points`); only the model fit runs again."""
    if points.series is None:
        raise ValueError("trend points without their series")
    return forecast_series(points.series, horizon, label)


def forecast_series(series: Series, horizon: int, label: str) -> ForecastPublic:
    """Forecast ``series`` from its complete, covered periods (see
    :func:`~diplograph.analysis.forecast.fit_window`); ConfigError when statsmodels is missing
    or that history is short."""
    from diplograph.analysis.forecast import fit_forecast, fit_window

    by = series.query.by
    periods, counts = fit_window(series)
    fc = fit_forecast(counts, horizon, by)
    last = periods[-1] if periods else ""
    points = [
        ForecastPoint(
            period=shift_period(last, by, i + 1),
            forecast=round(fc.mean[i], 2),
            lo80=round(fc.lo80[i], 2),
            hi80=round(fc.hi80[i], 2),
            lo95=round(fc.lo95[i], 2),
            hi95=round(fc.hi95[i], 2),
        )
        for i in range(horizon)
    ]
    return ForecastPublic(
        series=label,
        model=fc.model,
        by=by,
        last_observed=last,
        fitted_from=periods[0] if periods else "",
        fitted_periods=len(periods),
        forecast=points,
    )
