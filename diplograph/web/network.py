"""``/network`` and ``/compare``: who meets (or protests) whom, and two countries side by side."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from diplograph.analysis.trends import Coverage, data_coverage
from diplograph.query.charts import Chart, bar_chart, covered_points
from diplograph.query.compare import ComparePublic, compare_countries
from diplograph.query.downloads import compare_name, compare_rows, network_filters, network_rows
from diplograph.query.inputs import InputError
from diplograph.query.network import GROUPS, build_network, parse_group, parse_types
from diplograph.server.deps import DATE, SettingsDep, StoreDep
from diplograph.server.downloads import download_response
from diplograph.store import Filters
from diplograph.vocabulary import EVENT_TYPES
from diplograph.web.network_chart import network_chart
from diplograph.web.pages import Format, Text, _actor, _clean, _downloads, _render, with_query

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

T = TypeVar("T")
ALL = "all"  # focus=all: the whole graph, no focus country


def _api_link(request: Request, path: str) -> str:
    """The JSON of this page: the API path with the page's own parameters."""
    params = {k: v for k, v in request.query_params.items() if v}
    return path + ("?" + urlencode(params) if params else "")


def _checked(parse: Callable[[str | None], T], value: str | None, what: str) -> T:
    """``parse(value)``; its InputError becomes a 400 that names the parameter."""
    try:
        return parse(value)
    except InputError as e:
        raise HTTPException(400, f"{what}: {e.message}") from None


@router.get("/network")
def network(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    focus: Text = None,
    types: Text = None,
    group: Text = None,
    since: Text = None,
    until: Text = None,
    format: Format = None,
) -> Response:
    """The actors a focus country has events with, and the events among them, as a graph;
    ``format`` downloads its pairs."""
    text = (focus or "").strip()
    code = None if text.lower() == ALL else _actor(text, "focus") or settings.home
    net = build_network(
        store,
        code,
        since=_clean(since, DATE, "since"),
        until=_clean(until, DATE, "until"),
        types=_checked(parse_types, types, "types"),
        group=_checked(parse_group, group, "group"),
    )
    if format:
        return download_response("network", network_rows(net), network_filters(net), format)
    keep = with_query(net.focus, settings)  # partner pages seen from the focus
    return _render(
        request,
        "network.html",
        net=net,
        chart=network_chart(net, keep=keep),
        with_q=keep,
        focus=text or settings.home,
        event_types=EVENT_TYPES,
        groups=list(GROUPS),
        api=_api_link(request, "/api/network"),
        dl=_downloads(request),
    )


def _charts(c: ComparePublic, coverage: Coverage | None = None) -> list[Chart]:
    """One per-year bar chart per country, on the same scale so heights compare; a year
    without events or any stored document (``coverage``) is a gap, not a zero."""
    top = max((n for s in c.sides for n in s.by_year.values()), default=0)
    return [
        bar_chart(
            covered_points(s.by_year, list(s.by_year), "year", coverage),
            width=360,
            height=150,
            max_ticks=6,
            top=top,
        )
        for s in c.sides
    ]


@router.get("/compare")
def compare(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    a: Text = None,
    b: Text = None,
    partner: Text = None,
    since: Text = None,
    until: Text = None,
    format: Format = None,
) -> Response:
    """Two countries side by side with one partner: events by type and year, tier history;
    ``format`` downloads both countries' events per year and per type."""
    first = _actor(a, "a") or settings.home
    second, other = _actor(b, "b"), _actor(partner, "partner")
    period = {"since": _clean(since, DATE, "since"), "until": _clean(until, DATE, "until")}
    result: ComparePublic | None = None
    if second and other:
        try:
            result = compare_countries(store, first, second, other, **period)
        except InputError as e:
            raise HTTPException(400, e.message) from None
    rows = compare_rows(result) if result else []
    if format:  # without a second country and a partner: the header only
        f = Filters(partner=other, since=period["since"], until=period["until"])
        name = compare_name(result) if result else None
        return download_response("compare", rows, f, format, name)
    links = {  # each side's events with the partner in the period, on the events page
        side.code: "/events?"
        + urlencode(
            {k: v for k, v in {"country": side.code, "partner": other, **period}.items() if v}
        )
        for side in (result.sides if result else [])
    }
    return _render(
        request,
        "compare.html",
        c=result,
        charts=_charts(result, data_coverage(store, ("extracted",))) if result else [],
        links=links,
        form={"a": (a or "").strip() or first, "b": b or "", "partner": partner or "", **period},
        api=_api_link(request, "/api/compare"),
        dl=_downloads(request),
        rows=len(rows),
    )
