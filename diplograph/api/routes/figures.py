"""``/api/figures``: extracted numbers (value, unit, qualifier, period, subject)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from diplograph.query.schemas import FigurePublic, Page
from diplograph.server.deps import FiltersDep, ListFormat
from diplograph.server.downloads import CSV_RESPONSE
from diplograph.server.lists import list_response

router = APIRouter(tags=["records"])


@router.get("/figures", response_model=Page[FigurePublic], responses=CSV_RESPONSE)
async def list_figures(
    request: Request, filters: FiltersDep, format: ListFormat = "json"
) -> Response:
    """Figures; `country` matches the subject, `type` the indicator, dates the period.
    `format=csv`: the same rows as CSV."""
    return await list_response(request, "figures", filters, format)
