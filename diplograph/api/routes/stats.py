"""``/api/stats``: store counts."""

from __future__ import annotations

from fastapi import APIRouter

from diplograph.query.canonical import stats_with_canonical
from diplograph.query.schemas import StatsPublic
from diplograph.server.deps import CacheDep

router = APIRouter(tags=["stats"])


@router.get("/stats", response_model=StatsPublic)
async def get_stats(cache: CacheDep) -> StatsPublic:
    """Counts of documents, sentences, events (by type), figures, relations and failures.

    `events` counts event records; `canonical_events` counts real-world events (one event
    reported by several documents counts once), also by type. Kept per store version.
    """
    return StatsPublic(**await cache.get(("stats",), stats_with_canonical))
