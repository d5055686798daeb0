"""``/api/events``: extracted events with their evidence."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from diplograph.query.downloads import list_rows
from diplograph.query.schemas import EventPublic, Page
from diplograph.server.deps import EventFiltersDep, ListFormat, StoreDep
from diplograph.server.downloads import CSV_RESPONSE, download_response

router = APIRouter(tags=["records"])


@router.get("/events", response_model=Page[EventPublic], responses=CSV_RESPONSE)
def list_events(
    store: StoreDep, filters: EventFiltersDep, format: ListFormat = "json"
) -> Page[EventPublic] | Response:
    """Events filtered like `diplograph events` (country, partner, type, since, until, doc);
    an unknown type is a 422 with the nearest types. `format=csv`: the same rows as CSV."""
    rows = list_rows(store, "events", filters)
    if format == "csv":
        return download_response("events", rows, filters, "csv")
    return Page(
        data=[EventPublic.from_row(r) for r in rows],
        count=store.count("events", filters),
        limit=filters.limit or 0,
        offset=filters.offset,
    )
