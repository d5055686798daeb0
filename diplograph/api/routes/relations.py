"""``/api/relations``: relationship tiers found in documents."""

from __future__ import annotations

from fastapi import APIRouter

from diplograph.query.schemas import Page, RelationPublic
from diplograph.server.deps import FiltersDep, StoreDep

router = APIRouter(tags=["records"])


@router.get("/relations", response_model=Page[RelationPublic])
def list_relations(store: StoreDep, filters: FiltersDep) -> Page[RelationPublic]:
    """Relations; `type` matches the level, e.g. `comprehensive strategic partnership`."""
    return Page(
        data=[RelationPublic.from_row(r) for r in store.relations(filters)],
        count=store.count("relations", filters),
        limit=filters.limit or 0,
        offset=filters.offset,
    )
