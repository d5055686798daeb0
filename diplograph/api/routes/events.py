"""``/api/events``: extracted events with their evidence."""

from __future__ import annotations

from fastapi import APIRouter

from diplograph.query.schemas import EventPublic, Page
from diplograph.server.deps import FiltersDep, StoreDep

router = APIRouter(tags=["records"])


@router.get("/events", response_model=Page[EventPublic])
def list_events(store: StoreDep, filters: FiltersDep) -> Page[EventPublic]:
    """Events filtered like `diplograph events` (country, partner, type, since, until, doc)."""
    return Page(
        data=[EventPublic.from_row(r) for r in store.events(filters)],
        count=store.count("events", filters),
        limit=filters.limit or 0,
        offset=filters.offset,
    )
