"""``/alerts``: periods where a pair departs from its own history, each with its evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from diplograph.query.downloads import alert_filters, alert_rows
from diplograph.query.history import SERIES, alert_list, series_query
from diplograph.server.cache import cached_result
from diplograph.server.deps import DATE, SettingsDep, StoreDep
from diplograph.server.downloads import download_response
from diplograph.web.pages import Format, Text, _actor, _clean, _downloads, _render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PERIODS = ("month", "quarter", "year")


@router.get("/alerts")
def alerts(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    country: Text = None,
    partner: Text = None,
    quad: Text = None,
    by: Text = None,
    since: Text = None,
    until: Text = None,
    top: Annotated[int, Query(ge=1, le=100)] = 10,
    format: Format = None,
) -> Response:
    """Alerts for the home country (or the one asked for), highest score first; ``format``
    downloads them, one row per alert with its evidence references."""
    quad = (quad or "").strip() or None
    by = (by or "").strip() or "month"
    if quad is not None and quad not in SERIES:
        raise HTTPException(
            400, f"quad {quad!r} is not valid; use cooperation, conflict or a class"
        )
    if by not in PERIODS:
        raise HTTPException(400, f"by {by!r} is not valid; use month, quarter or year")
    q = series_query(
        _actor(country, "country") or settings.home,
        _actor(partner, "partner"),
        by,
        quad,
        since=_clean(since, DATE, "since"),
        until=_clean(until, DATE, "until"),
    )
    # per store version, shared with /api/alerts (whose default is 5 evidence items)
    found = cached_result(request, ("alerts", q, top, 5), alert_list, q, top, 5)
    if format:
        return download_response("alerts", alert_rows(found), alert_filters(q, quad), format)
    stats = store.stats()
    return _render(
        request,
        "alerts.html",
        alerts=found,
        q=q,
        quad=quad or "",
        top=top,
        quads=SERIES[1:],
        periods=PERIODS,
        has_history=bool(stats.get("imported_events")),
        dl=_downloads(request),
    )
