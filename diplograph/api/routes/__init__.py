"""API routers: ``read_router`` (always) and ``write_router`` (only with DIPLOGRAPH_TOKEN)."""

from __future__ import annotations

from fastapi import APIRouter

from diplograph.api.routes import (
    ask,
    conflicts,
    documents,
    events,
    explain,
    figures,
    history,
    network,
    partners,
    relations,
    search,
    stats,
    upload,
)
from diplograph.api.routes import map as world_map  # /api/map; `map` is a builtin
from diplograph.query.schemas import ErrorEnvelope

ERRORS: dict[int | str, dict[str, object]] = {
    404: {"model": ErrorEnvelope, "description": "Not found"},
    422: {"model": ErrorEnvelope, "description": "Invalid parameters"},
}

read_router = APIRouter(prefix="/api", responses=ERRORS)
for module in (
    documents,
    events,
    figures,
    relations,
    search,
    partners,
    stats,
    conflicts,
    history,
    network,
    world_map,
    explain,
    ask,
):
    read_router.include_router(module.router)

write_router = APIRouter(prefix="/api", responses=ERRORS)
write_router.include_router(upload.router)

__all__ = ["read_router", "write_router"]
