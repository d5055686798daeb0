"""``/api/conflicts``: disagreements between sources, each with both evidence sentences."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from diplograph.query.conflicts import find_conflicts, update_conflicts
from diplograph.query.downloads import conflict_rows
from diplograph.query.schemas import ConflictPublic, Page
from diplograph.server.deps import (
    CacheDep,
    Country,
    Limit,
    ListFormat,
    Offset,
    Since,
    Until,
    actor_code,
)
from diplograph.server.downloads import CSV_RESPONSE, download_response
from diplograph.store import Filters

router = APIRouter(tags=["conflicts"])


@router.get("/conflicts", response_model=Page[ConflictPublic], responses=CSV_RESPONSE)
async def list_conflicts(
    cache: CacheDep,
    country: Country = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: ListFormat = "json",
) -> Page[ConflictPublic] | Response:
    """Different values for the same indicator, subject and period; different dates or places
    for one event; different tiers for one pair at the same time; `tier_double_count`: one tier
    upgrade reported by two sentences, each flag citing both (like `diplograph conflicts`).
    `country` is a code or a name in any common spelling (a typo is a 422 with suggestions).
    Computed once per store version and filter set, then paged from the cache; after an
    ingest that only added documents, updated from the cached result with the new records.
    `format=csv`: the same conflicts as CSV, one row each with both sides."""
    filters = Filters(country=actor_code(country, "country"), since=since, until=until)
    found = await cache.get(
        ("conflicts", filters), find_conflicts, filters, update=update_conflicts
    )
    if format == "csv":
        rows = conflict_rows(found[offset : offset + limit])
        return download_response("conflicts", rows, filters, "csv")
    return Page(
        data=[ConflictPublic.from_dict(c.to_dict()) for c in found[offset : offset + limit]],
        count=len(found),
        limit=limit,
        offset=offset,
    )
