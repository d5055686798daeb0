"""``/api/stats``: store counts."""

from __future__ import annotations

from fastapi import APIRouter

from diplograph.api.deps import StoreDep
from diplograph.api.schemas import StatsPublic

router = APIRouter(tags=["stats"])


@router.get("/stats", response_model=StatsPublic)
def get_stats(store: StoreDep) -> StatsPublic:
    """Counts of documents, sentences, events (by type), figures, relations and failures."""
    return StatsPublic(**store.stats())
