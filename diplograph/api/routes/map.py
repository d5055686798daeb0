"""``/api/map``: a country's partners by tier and events, and its events' places (issue 17)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from diplograph.query.downloads import map_rows
from diplograph.query.map import MapPublic, build_map
from diplograph.server.deps import (
    NAME,
    SettingsDep,
    Since,
    StoreDep,
    Until,
    ViewFormat,
    actor_code,
)
from diplograph.server.downloads import CSV_RESPONSE, download_response
from diplograph.store import Filters

router = APIRouter(tags=["analysis"])


@router.get("/map", response_model=MapPublic, responses=CSV_RESPONSE)
def get_map(
    store: StoreDep,
    settings: SettingsDep,
    focus: Annotated[
        str | None,
        Query(
            pattern=NAME,
            max_length=80,
            description="Focus country or organisation in any spelling [DIPLOGRAPH_HOME].",
        ),
    ] = None,
    since: Since = None,
    until: Until = None,
    format: ViewFormat = None,
) -> MapPublic | Response:
    """The focus's partners, each with its current tier and its events with the focus in the
    period, and the places named in the focus's events (geocoded from the bundled gazetteer,
    with the locations it does not know). Unknown names are a 422 with suggestions.
    `format=csv|json`: the `/map` download, one row per partner, place and unplaced location."""
    code = actor_code(focus, "focus") or settings.home
    m = build_map(store, code, since=since, until=until)
    if format:
        filters = Filters(country=m.focus, since=since, until=until)
        return download_response("map", map_rows(m), filters, format)
    return m
