"""``/figures`` and ``/relations``: filtered record tables with their evidence and downloads."""

from __future__ import annotations

import difflib

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from diplograph.query.views import TIERS
from diplograph.server.deps import DATE, StoreDep
from diplograph.store import Filters
from diplograph.web.pages import (
    PAGE_SIZE,
    Format,
    PageNo,
    Text,
    _actor,
    _clean,
    _record_list,
)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _level(value: str | None) -> str | None:
    """A relationship tier of the list, any case; a typo is a 400 with the nearest tier."""
    text = " ".join((value or "").lower().split())
    if not text:
        return None
    if text in TIERS:
        return text
    close = difflib.get_close_matches(text, TIERS, n=2, cutoff=0.5)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    raise HTTPException(400, f"type: unknown tier {value!r}; {hint}Tiers: {', '.join(TIERS)}")


@router.get("/figures")
def figures(
    request: Request,
    store: StoreDep,
    country: Text = None,
    type: Text = None,
    since: Text = None,
    until: Text = None,
    page: PageNo = 1,
    format: Format = None,
) -> Response:
    """Figures: ``country`` is the subject, ``type`` the indicator, dates the period."""
    f = Filters(
        country=_actor(country, "country"),
        type=(type or "").strip() or None,
        since=_clean(since, DATE, "since"),
        until=_clean(until, DATE, "until"),
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        newest_first=True,
    )
    return _record_list(request, store, "figures", f, format, page)


@router.get("/relations")
def relations(
    request: Request,
    store: StoreDep,
    country: Text = None,
    partner: Text = None,
    type: Text = None,
    since: Text = None,
    until: Text = None,
    page: PageNo = 1,
    format: Format = None,
) -> Response:
    """Relationship tiers found in documents: the pair, the tier and its evidence."""
    f = Filters(
        country=_actor(country, "country"),
        partner=_actor(partner, "partner"),
        type=_level(type),
        since=_clean(since, DATE, "since"),
        until=_clean(until, DATE, "until"),
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        newest_first=True,
    )
    return _record_list(request, store, "relations", f, format, page)
