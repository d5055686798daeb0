"""``/map``: the world map of a country's relations, drawn server-side as SVG (issue 17)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from diplograph.query.downloads import map_rows
from diplograph.query.map import build_map
from diplograph.query.places import gazetteer_size
from diplograph.server.cache import cached_result
from diplograph.server.deps import DATE, SettingsDep
from diplograph.server.downloads import download_response
from diplograph.store import Filters
from diplograph.web.map_chart import map_chart
from diplograph.web.network import _api_link
from diplograph.web.pages import Format, Text, _actor, _clean, _downloads, _render, with_query

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/map")
def world_map(
    request: Request,
    settings: SettingsDep,
    focus: Text = None,
    since: Text = None,
    until: Text = None,
    format: Format = None,
) -> Response:
    """Partners coloured by tier, circles by events, and the places of the focus's events;
    ``format`` downloads its tables (partners, places, unplaced locations)."""
    text = (focus or "").strip()
    code = _actor(text, "focus") or settings.home
    dates = _clean(since, DATE, "since"), _clean(until, DATE, "until")
    m = cached_result(request, ("map", code, *dates), build_map, code, *dates)  # per version
    rows = map_rows(m)
    if format:
        return download_response("map", rows, Filters(country=m.focus, since=m.since,
                                                      until=m.until), format)  # fmt: skip
    keep = with_query(m.focus, settings)  # partner pages seen from the focus
    period = {"since": m.since or "", "until": m.until or ""}
    events = {  # each partner's events with the focus in the period, on the events page
        p.code: "/events?" + urlencode({k: v for k, v in {"country": m.focus, "partner": p.code,
                                                          **period}.items() if v})
        for p in m.partners
    }  # fmt: skip
    return _render(
        request,
        "map.html",
        m=m,
        chart=map_chart(m, keep=keep),
        with_q=keep,
        focus=text or settings.home,
        events=events,
        gazetteer=gazetteer_size(),
        api=_api_link(request, "/api/map"),
        dl=_downloads(request),
        rows=len(rows),
    )
