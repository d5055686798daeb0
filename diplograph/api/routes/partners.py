"""``/api/partners``: partners of the home country by tier, and one partner's profile."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import Response

from diplograph.query.downloads import partner_rows, tier_rows
from diplograph.query.schemas import PartnerProfile, PartnerSummary
from diplograph.query.views import actor_names, partner_profile, partners_by_tier
from diplograph.server.deps import (
    CODE,
    NAME,
    ListFormat,
    SettingsDep,
    StoreDep,
    ViewFormat,
    actor_code,
)
from diplograph.server.downloads import CSV_RESPONSE, download_response
from diplograph.store import Filters

router = APIRouter(tags=["partners"])

Home = Annotated[
    str | None,
    Query(
        alias="with",
        pattern=NAME,
        max_length=80,
        description="Home side of the pair, a code or a name in any common spelling "
        "[DIPLOGRAPH_HOME].",
    ),
]


@router.get("/partners", response_model=dict[str, list[PartnerSummary]], responses=CSV_RESPONSE)
def list_partners(
    store: StoreDep, settings: SettingsDep, home: Home = None, format: ListFormat = "json"
) -> dict[str, list[PartnerSummary]] | Response:
    """Partners of the home country grouped by current tier (reference table + documents).
    `format=csv`: one row per partner (home, tier, code, name, since, wikidata)."""
    code = actor_code(home, "with") or settings.home
    tiers = partners_by_tier(store, code)
    if format == "csv":
        return download_response("tiers", tier_rows(code, tiers), Filters(country=code), "csv")
    return tiers


@router.get("/partners/{code}", response_model=PartnerProfile, responses=CSV_RESPONSE)
def get_partner(
    code: Annotated[str, Path(pattern=CODE, description="Partner code, e.g. USA.")],
    store: StoreDep,
    settings: SettingsDep,
    home: Home = None,
    latest: Annotated[int, Query(ge=1, le=100, description="How many latest events.")] = 10,
    format: ViewFormat = None,
) -> PartnerProfile | Response:
    """Tier timeline, event counts by type and year, latest events with evidence, figures.
    `format=csv|json`: the partner page's download (`latest=15` as the page), one row per tier
    step, year and type count, latest event and figure."""
    side = actor_code(home, "with") or settings.home
    profile = partner_profile(store, side, code, latest=latest)
    empty = not (profile.timeline or profile.latest_events or profile.figures)
    if empty and profile.code not in actor_names():
        raise HTTPException(404, f"unknown partner {code!r}: use an ISO3 or organisation code")
    if format:
        filters = Filters(country=profile.home, partner=profile.code)
        return download_response("partner", partner_rows(profile), filters, format)
    return profile
