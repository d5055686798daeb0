"""``/api/trends``, ``/api/alerts`` and ``/api/forecast``: event history (issue 9)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from diplograph.analysis.trends import SeriesQuery
from diplograph.errors import ConfigError
from diplograph.query.downloads import alert_filters, alert_rows
from diplograph.query.history import (
    SERIES,
    AlertPublic,
    ForecastPublic,
    TrendPoint,
    alert_list,
    forecast_points,
    forecasting_available,
    series_query,
    trend_points,
    update_trend_points,
)
from diplograph.query.schemas import ErrorEnvelope, Page
from diplograph.server.deps import (
    NAME,
    CacheDep,
    Country,
    Limit,
    Offset,
    Partner,
    Since,
    Until,
    ViewFormat,
    actor_code,
)
from diplograph.server.downloads import CSV_RESPONSE, download_response

router = APIRouter(tags=["history"])

By = Annotated[str, Query(pattern=r"^(month|quarter|year)$", description="month, quarter, year.")]
Quad = Annotated[
    str | None,
    Query(
        pattern=r"^(verbal|material)?-?(cooperation|conflict)$",
        description="verbal-cooperation, material-cooperation, verbal-conflict, "
        "material-conflict, cooperation or conflict.",
    ),
]
Types = Annotated[
    str | None,
    Query(
        pattern=r"^[A-Za-z_]+(,[A-Za-z_]+)*$",
        max_length=200,
        description="Our event types, comma-separated: VISIT,CALL.",
    ),
]
Sources = Annotated[
    str | None,
    Query(
        max_length=100,
        description="extracted, imported or an import dataset (icews-tkg, dyad-counts, csv), "
        "comma-separated [extracted,imported].",
    ),
]


def _query(
    country: str | None,
    partner: str | None,
    by: str,
    quad: str | None,
    types: str | None,
    since: str | None,
    until: str | None,
    sources: str | None,
) -> SeriesQuery:
    # names in any spelling, as everywhere else ("Viet Nam", "the U.S."): unknown → 422
    country, partner = actor_code(country, "country"), actor_code(partner, "partner")
    try:
        return series_query(country, partner, by, quad, types, since, until, sources)
    except ValueError as err:
        raise HTTPException(422, str(err)) from err


@router.get("/trends", response_model=Page[TrendPoint])
async def get_trends(
    cache: CacheDep,
    country: Annotated[
        str,
        Query(pattern=NAME, max_length=80, description="Country or organisation, e.g. VNM."),
    ],
    partner: Partner = None,
    by: By = "month",
    quad: Quad = None,
    types: Types = None,
    since: Since = None,
    until: Until = None,
    sources: Sources = None,
    limit: Limit = 500,
    offset: Offset = 0,
) -> Page[TrendPoint]:
    """Counts per period (oldest first, empty periods 0), like `diplograph trends`."""
    q = _query(country, partner, by, quad, types, since, until, sources)
    points = await cache.get(("trends", q), trend_points, q, update=update_trend_points)
    return Page(data=points[offset : offset + limit], count=len(points), limit=limit, offset=offset)


@router.get("/alerts", response_model=Page[AlertPublic], responses=CSV_RESPONSE)
async def get_alerts(
    cache: CacheDep,
    country: Country = None,
    partner: Partner = None,
    by: By = "month",
    quad: Quad = None,
    types: Types = None,
    since: Since = None,
    until: Until = None,
    sources: Sources = None,
    top: Annotated[int, Query(ge=1, le=100, description="How many alerts.")] = 10,
    evidence: Annotated[int, Query(ge=0, le=50, description="Evidence items per alert.")] = 5,
    format: ViewFormat = None,
) -> Page[AlertPublic] | Response:
    """Periods where a pair departs from its own history, highest score first (`alerts`).
    `format=csv|json`: the `/alerts` download, one row per alert with its evidence references."""
    q = _query(country, partner, by, quad, types, since, until, sources)
    found = await cache.get(("alerts", q, top, evidence), alert_list, q, top, evidence)
    if format:
        return download_response("alerts", alert_rows(found), alert_filters(q, quad), format)
    return Page(data=found, count=len(found), limit=top, offset=0)


@router.get(
    "/forecast",
    response_model=ForecastPublic,
    responses={501: {"model": ErrorEnvelope, "description": "statsmodels is not installed"}},
)
async def get_forecast(
    cache: CacheDep,
    country: Annotated[str, Query(pattern=NAME, max_length=80, description="e.g. VNM.")],
    partner: Annotated[str, Query(pattern=NAME, max_length=80, description="e.g. China.")],
    series: Annotated[
        str, Query(pattern="^(" + "|".join(SERIES) + ")$", description="all or a quad class.")
    ] = "all",
    by: By = "month",
    horizon: Annotated[int, Query(ge=1, le=12, description="Periods ahead (1-12).")] = 6,
    sources: Sources = None,
) -> ForecastPublic:
    """Point forecasts with 80% and 95% intervals (model chosen by validation), like `forecast`."""
    if not forecasting_available():
        raise HTTPException(
            501, "forecasts need statsmodels: pip install 'diplograph[analysis]' [D405]"
        )
    q = _query(country, partner, by, series, None, None, None, sources)
    label = f"{q.country}–{q.partner} {series}"
    try:
        points = await cache.get(("trends", q), trend_points, q, update=update_trend_points)
        key = ("forecast", q, horizon, label)
        return await cache.get(key, forecast_points, points, horizon, label)
    except ConfigError as err:
        raise HTTPException(422, str(err)) from err
