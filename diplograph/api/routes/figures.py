"""``/api/figures``: extracted numbers (value, unit, qualifier, period, subject)."""

from __future__ import annotations

from fastapi import APIRouter

from diplograph.query.schemas import FigurePublic, Page
from diplograph.server.deps import FiltersDep, StoreDep

router = APIRouter(tags=["records"])


@router.get("/figures", response_model=Page[FigurePublic])
def list_figures(store: StoreDep, filters: FiltersDep) -> Page[FigurePublic]:
    """Figures; `country` matches the subject, `type` the indicator, dates the period."""
    return Page(
        data=[FigurePublic.from_row(r) for r in store.figures(filters)],
        count=store.count("figures", filters),
        limit=filters.limit or 0,
        offset=filters.offset,
    )
