"""``/api/relations``: relationship tiers found in documents."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from diplograph.query.downloads import list_rows
from diplograph.query.schemas import Page, RelationPublic
from diplograph.server.deps import FiltersDep, ListFormat, StoreDep
from diplograph.server.downloads import CSV_RESPONSE, download_response

router = APIRouter(tags=["records"])


@router.get("/relations", response_model=Page[RelationPublic], responses=CSV_RESPONSE)
def list_relations(
    store: StoreDep, filters: FiltersDep, format: ListFormat = "json"
) -> Page[RelationPublic] | Response:
    """Relations; `type` matches the level, e.g. `comprehensive strategic partnership`.
    `format=csv`: the same rows as CSV."""
    rows = list_rows(store, "relations", filters)
    if format == "csv":
        return download_response("relations", rows, filters, "csv")
    return Page(
        data=[RelationPublic.from_row(r) for r in rows],
        count=store.count("relations", filters),
        limit=filters.limit or 0,
        offset=filters.offset,
    )
