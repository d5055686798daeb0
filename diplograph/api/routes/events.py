"""``/api/events``: extracted events with their evidence."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from diplograph.query.schemas import EventPublic, Page
from diplograph.server.deps import EventFiltersDep, ListFormat
from diplograph.server.downloads import CSV_RESPONSE
from diplograph.server.lists import list_response

router = APIRouter(tags=["records"])


@router.get("/events", response_model=Page[EventPublic], responses=CSV_RESPONSE)
async def list_events(
    request: Request, filters: EventFiltersDep, format: ListFormat = "json"
) -> Response:
    """Events filtered like `diplograph events` (country, partner, type, since, until, doc);
    an unknown type is a 422 with the nearest types. `format=csv`: the same rows as CSV."""
    return await list_response(request, "events", filters, format)
