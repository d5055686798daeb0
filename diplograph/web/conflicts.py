"""``/conflicts``: disagreements between sources, both evidence sentences in their context."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from diplograph.query.conflicts import Conflict, find_conflicts, update_conflicts
from diplograph.query.downloads import conflict_rows
from diplograph.query.views import find_spans, segments
from diplograph.server.cache import cached_result
from diplograph.server.deps import DATE, StoreDep
from diplograph.server.downloads import download_response
from diplograph.store import Filters, Store
from diplograph.web.pages import (
    PAGE_SIZE,
    Format,
    PageNo,
    Text,
    _actor,
    _clean,
    _downloads,
    _pager,
    _render,
)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

KINDS = {
    "figure": "different figures",
    "event_date": "different dates",
    "event_place": "different places",
    "tier": "different tiers",
    "tier_double_count": "one upgrade, several reports",
}
_NUMBER = re.compile(r"\d[\d,.]*")


def _needles(value: str) -> list[str | None]:
    """What to highlight in a sentence for a stated value: the value, else its number."""
    number = _NUMBER.search(value)
    return [value, number.group(0).rstrip(".,") if number else None]


def conflict_cards(store: Store, conflicts: list[Conflict]) -> list[dict[str, Any]]:
    """Each conflict with its evidence sentences, the sentence before and after, highlights."""
    sentences: dict[str, dict[int, str]] = {}
    cards = []
    for c in conflicts:
        sides = []
        for value, ev in zip(c.values, c.evidence, strict=False):
            doc = str(ev["doc"])
            if doc not in sentences:
                sentences[doc] = {s["idx"]: s["text"] for s in store.sentences(doc)}
            idx = ev.get("sent_idx")
            text = ev.get("sentence") or ""
            spans = find_spans(text, _needles(value))[:1]
            sides.append(
                {
                    "value": value,
                    "doc_id": doc,
                    "sent_idx": idx,
                    "before": sentences[doc].get(idx - 1, "") if idx is not None else "",
                    "after": sentences[doc].get(idx + 1, "") if idx is not None else "",
                    "parts": segments(text, spans),
                }
            )
        cards.append({"kind": KINDS.get(c.kind, c.kind), "c": c, "sides": sides})
    return cards


@router.get("/conflicts")
def conflicts(
    request: Request,
    store: StoreDep,
    country: Text = None,
    since: Text = None,
    until: Text = None,
    page: PageNo = 1,
    format: Format = None,
) -> Response:
    """Conflicts between sources, filtered like `diplograph conflicts`; ``format`` downloads
    every conflict of the filters."""
    f = Filters(
        country=_actor(country, "country"),
        since=_clean(since, DATE, "since"),
        until=_clean(until, DATE, "until"),
    )
    found = cached_result(  # as /api/conflicts
        request, ("conflicts", f), find_conflicts, f, update=update_conflicts
    )
    if format:
        return download_response("conflicts", conflict_rows(found), f, format)
    start = (page - 1) * PAGE_SIZE
    return _render(
        request,
        "conflicts.html",
        cards=conflict_cards(store, found[start : start + PAGE_SIZE]),
        filters=f,
        pg=_pager(request, len(found), page),
        dl=_downloads(request),
        any_documents=bool(found) or store.count("documents", Filters()) > 0,
    )
