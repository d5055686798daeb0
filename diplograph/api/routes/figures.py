"""``/api/figures``: extracted numbers (value, unit, qualifier, period, subject)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from diplograph.query.downloads import list_rows
from diplograph.query.schemas import FigurePublic, Page
from diplograph.server.deps import FiltersDep, ListFormat, StoreDep
from diplograph.server.downloads import CSV_RESPONSE, download_response

router = APIRouter(tags=["records"])


@router.get("/figures", response_model=Page[FigurePublic], responses=CSV_RESPONSE)
def list_figures(
    store: StoreDep, filters: FiltersDep, format: ListFormat = "json"
) -> Page[FigurePublic] | Response:
    """Figures; `country` matches the subject, `type` the indicator, dates the period.
    `format=csv`: the same rows as CSV."""
    rows = list_rows(store, "figures", filters)
    if format == "csv":
        return download_response("figures", rows, filters, "csv")
    return Page(
        data=[FigurePublic.from_row(r) for r in rows],
        count=store.count("figures", filters),
        limit=filters.limit or 0,
        offset=filters.offset,
    )
