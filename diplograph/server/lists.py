"""The list endpoints' one code path: ``/api/events``, ``/documents``, ``/figures``,
``/relations`` (#19).

A list route is an async handler that hands :func:`list_response` its validated filters; the
work runs in one worker thread, at most :data:`LIST_THREADS` lists at once per process (a
FIFO queue instead of 40 threads taking turns at the GIL). The thread takes a store from the
pool only once it runs, so a request still queued holds no connection (a per-request store
dependency held one for every request in flight: 200 cold SQLite connections under 200
clients), and it builds the whole answer: the CSV download or the JSON page.

The JSON page is the body FastAPI would send for the route's ``response_model=Page[...]``,
which stays for the OpenAPI schema: the rows become their model's fields as plain values
(``row_fields``) and are serialized once (:func:`~diplograph.query.schemas.page_json`), with no
model built, validated and validated again per row. ``count`` comes from the app's
:class:`~diplograph.server.cache.CountCache`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anyio.to_thread
from fastapi import Request
from fastapi.responses import Response

from diplograph.query.downloads import Record, list_rows
from diplograph.query.schemas import EventPublic, FigurePublic, RelationPublic, page_json
from diplograph.server.cache import CountCache
from diplograph.server.deps import StorePool
from diplograph.server.downloads import download_response
from diplograph.store import Filters
from diplograph.store.base import Row

LIST_THREADS = 4  # list requests running at once in one server process

# how a stored row becomes the fields of its list's model (None: a documents row already is)
FIELDS: dict[Record, Callable[[Row], dict[str, Any]] | None] = {
    "documents": None,
    "events": EventPublic.row_fields,
    "figures": FigurePublic.row_fields,
    "relations": RelationPublic.row_fields,
}


async def list_response(request: Request, kind: Record, filters: Filters, fmt: str) -> Response:
    """The rows of ``kind`` that ``filters`` select: CSV (``fmt="csv"``) or a JSON page."""
    pool: StorePool = request.app.state.store_pool
    counts: CountCache = request.app.state.count_cache
    fields = FIELDS[kind]

    def build() -> Response:
        with pool.lease() as store:
            rows = list_rows(store, kind, filters)
            if fmt == "csv":
                return download_response(kind, rows, filters, "csv")
            data = rows if fields is None else [fields(r) for r in rows]
            count = counts.count(store, kind, filters)
        body = page_json(data, count, filters.limit or 0, filters.offset)
        return Response(body, media_type="application/json")

    return await anyio.to_thread.run_sync(build, limiter=request.app.state.list_limiter)
