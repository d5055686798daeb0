"""``/api/map``: a country's partners by tier and events, and its events' places (issue 17)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from diplograph.query.map import MapPublic, build_map
from diplograph.server.deps import NAME, SettingsDep, Since, StoreDep, Until, actor_code

router = APIRouter(tags=["analysis"])


@router.get("/map", response_model=MapPublic)
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
) -> MapPublic:
    """The focus's partners, each with its current tier and its events with the focus in the
    period, and the places named in the focus's events (geocoded from the bundled gazetteer,
    with the locations it does not know). Unknown names are a 422 with suggestions."""
    code = actor_code(focus, "focus") or settings.home
    return build_map(store, code, since=since, until=until)
