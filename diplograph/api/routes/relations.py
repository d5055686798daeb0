"""``/api/relations``: relationship tiers found in documents."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from diplograph.query.schemas import Page, RelationPublic
from diplograph.server.deps import FiltersDep, ListFormat
from diplograph.server.downloads import CSV_RESPONSE
from diplograph.server.lists import list_response

router = APIRouter(tags=["records"])


@router.get("/relations", response_model=Page[RelationPublic], responses=CSV_RESPONSE)
async def list_relations(
    request: Request, filters: FiltersDep, format: ListFormat = "json"
) -> Response:
    """Relations; `type` matches the level, e.g. `comprehensive strategic partnership`.
    `format=csv`: the same rows as CSV."""
    return await list_response(request, "relations", filters, format)
