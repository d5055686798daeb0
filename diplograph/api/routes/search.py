"""``/api/search``: BM25-ranked full-text search over sentences, with highlight spans."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from diplograph.query.schemas import Page, SearchHit
from diplograph.query.views import snippet_spans
from diplograph.server.deps import FiltersDep, ListFormat, StoreDep
from diplograph.server.downloads import CSV_RESPONSE, download_response
from diplograph.store import Filters, Store

router = APIRouter(tags=["search"])


def search_page(store: Store, q: str, filters: Filters) -> Page[SearchHit]:
    """One page of ranked hits; `highlights` are offsets into each hit's `text`."""
    rows = store.search(q, filters)
    hits = [
        SearchHit(
            doc_id=r["doc_id"],
            idx=r["idx"],
            start=r["start"],
            end=r["end"],
            text=r["text"],
            snippet=r["snippet"],
            highlights=snippet_spans(r["text"], r["snippet"]),
            score=r["score"],
            title=r.get("title"),
            published=r.get("published"),
        )
        for r in rows
    ]
    return Page(
        data=hits,
        count=store.count("search", filters, q),
        limit=filters.limit or 0,
        offset=filters.offset,
    )


@router.get("/search", response_model=Page[SearchHit], responses=CSV_RESPONSE)
def search(
    store: StoreDep,
    filters: FiltersDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description='Words or "a phrase".')],
    format: ListFormat = "json",
) -> Page[SearchHit] | Response:
    """Sentences matching all words (or quoted phrases), best first, filtered like the CLI.
    `format=csv`: the same hits as CSV."""
    if format == "csv":
        return download_response("search", store.search(q, filters), filters, "csv", q)
    return search_page(store, q, filters)
