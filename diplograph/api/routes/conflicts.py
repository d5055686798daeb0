"""``/api/conflicts``: disagreements between sources, each with both evidence sentences."""

from __future__ import annotations

from fastapi import APIRouter

from diplograph.query.conflicts import find_conflicts
from diplograph.query.schemas import ConflictPublic, Page
from diplograph.server.deps import CacheDep, Country, Limit, Offset, Since, Until
from diplograph.store import Filters

router = APIRouter(tags=["conflicts"])


@router.get("/conflicts", response_model=Page[ConflictPublic])
async def list_conflicts(
    cache: CacheDep,
    country: Country = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ConflictPublic]:
    """Different values for the same indicator, subject and period; different dates or places
    for one event; different tiers for one pair at the same time (like `diplograph conflicts`).
    Computed once per store version and filter set, then paged from the cache."""
    filters = Filters(country=country, since=since, until=until)
    found = await cache.get(("conflicts", filters), find_conflicts, filters)
    return Page(
        data=[ConflictPublic.from_dict(c.to_dict()) for c in found[offset : offset + limit]],
        count=len(found),
        limit=limit,
        offset=offset,
    )
