"""``/api/stats``: store counts."""

from __future__ import annotations

from fastapi import APIRouter

from diplograph.query.canonical import stats_with_canonical
from diplograph.query.schemas import StatsPublic
from diplograph.server.deps import StoreDep

router = APIRouter(tags=["stats"])


@router.get("/stats", response_model=StatsPublic)
def get_stats(store: StoreDep) -> StatsPublic:
    """Counts of documents, sentences, events (by type), figures, relations and failures.

    `events` counts event records; `canonical_events` counts real-world events (one event
    reported by several documents counts once), also by type.
    """
    return StatsPublic(**stats_with_canonical(store))
