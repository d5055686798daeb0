"""File responses for record downloads, shared by the API (``format=csv``) and the dashboard.

A page of rows (the API's ``format=csv``, ≤ 500 rows) is one :func:`download_response`. A full
download of a dashboard list (every row of the filtered view) is streamed by
:func:`stream_download`, because rendering 300,000 events takes longer than one request's
budget (#19). The decision: **the budget applies per chunk of work, not to the whole
download.** The rows are read in pages (1,000 rows, doubling up to 20,000) within one read
snapshot (a concurrent ingest neither repeats nor skips a row); before each page the request's
budget is renewed, so one page (its query and its rendering) must finish within
``DIPLOGRAPH_REQUEST_BUDGET``, however long the whole file takes. A client that disconnects
cancels the budget, and the stream stops before its next page (D502). A page past its budget
(D501) ends the stream by closing the connection without the final chunk: the client sees a
broken transfer, never a silently short file.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import threading
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

import anyio
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.types import Receive, Scope, Send

from diplograph.budget import Budget, current_budget
from diplograph.errors import BudgetError
from diplograph.query.downloads import (
    COLUMNS,
    MEDIA_TYPES,
    Kind,
    Record,
    download_name,
    list_rows,
    project,
    render_download,
)
from diplograph.store import Filters, SQLiteStore, Store

log = logging.getLogger("diplograph.api")
FIRST_PAGE = 1_000  # rows in a stream's first page (the first bytes come quickly)
MAX_PAGE = 20_000  # pages double up to this (about 0.4 s of reading and rendering here)

# OpenAPI: a list endpoint with ``format=csv`` answers text/csv
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}},
}


def download_response(
    kind: Kind,
    rows: Iterable[Mapping[str, Any]],
    filters: Filters,
    fmt: str,
    query: str | None = None,
) -> Response:
    """``rows`` as a CSV or JSON attachment named after the filters (``events-VNM-2023.csv``)
    and, for a search, its words."""
    name = download_name(kind, filters, fmt, query)
    return Response(
        render_download(kind, rows, fmt),
        media_type=MEDIA_TYPES[fmt],
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


def stream_download(
    store: Store, kind: Record, filters: Filters, fmt: str, page: int | None = None
) -> Response:
    """Every row ``filters`` select (limit and offset dropped), streamed as a CSV or JSON
    attachment: the same bytes :func:`download_response` gives, a page of work at a time under
    the request's budget (see the module docstring). ``store`` must stay with the request until
    the response is sent (the store dependency does)."""
    everything = replace(filters, limit=None, offset=0)
    pages = _Pages(store, kind, everything, fmt, page or FIRST_PAGE)
    name = download_name(kind, filters, fmt)
    return _StreamedDownload(
        pages,
        media_type=MEDIA_TYPES[fmt],
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


class _Pages:
    """The chunks of one download: pages of rows read in one snapshot, each rendered."""

    def __init__(self, store: Store, kind: Record, filters: Filters, fmt: str, page: int) -> None:
        if fmt not in MEDIA_TYPES:
            raise ValueError(f"unknown format {fmt!r}; use csv or json")
        self.store, self.kind, self.filters, self.fmt = store, kind, filters, fmt
        self.budget = current_budget() or Budget(None)
        self.rows = 0  # sent so far
        self._size = page
        self._state = "new"  # → "open" (snapshot taken) → "done"
        self._lock = threading.Lock()  # one page at a time; close() waits for a running one

    def __iter__(self) -> _Pages:
        return self

    def __next__(self) -> bytes:
        with self._lock:
            if self._state == "done":
                raise StopIteration
            try:
                return self._page()
            finally:
                if self._state != "open":  # the last page was read, or the read failed
                    self._end()

    def _page(self) -> bytes:
        """The next chunk: the head first, then a page of rows (the tail with the last)."""
        self.budget.renew()  # a page, not the whole file, must fit in the budget
        with self.budget.scope():
            head = ""
            if self._state == "new":
                self._state = "failed"
                _begin_snapshot(self.store)
                self._state = "open"
                head = _csv_lines(self.kind, None) if self.fmt == "csv" else '{"data": ['
            self._state = "failed"  # until the page is read and rendered
            page = replace(self.filters, limit=self._size, offset=self.rows)
            rows = list_rows(self.store, self.kind, page)
            if self.fmt == "csv":
                body = _csv_lines(self.kind, rows)
            else:
                body = ", ".join(
                    json.dumps(r, ensure_ascii=False) for r in project(self.kind, rows)
                )
                body = (", " if self.rows and rows else "") + body
            last = len(rows) < self._size
            if last and self.fmt == "json":
                body += f'], "count": {self.rows + len(rows)}}}'
            self.budget.check()  # rendering counts too
            self.rows += len(rows)
            self._size = min(2 * self._size, MAX_PAGE)
            self._state = "last" if last else "open"
        return (head + body).encode()

    def close(self) -> None:
        """End the snapshot (waits for a page being read); the stream ends here."""
        with self._lock:
            self._end()

    def _end(self) -> None:
        if self._state != "done" and self._state != "new":
            with Budget(None).scope():  # the request's budget may be over: end it regardless
                _end_snapshot(self.store)
        self._state = "done"


def _csv_lines(kind: Kind, rows: Iterable[Mapping[str, Any]] | None) -> str:
    """CSV text of ``rows`` with the kind's columns; ``None``: the header line."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS[kind])
    if rows is None:
        writer.writeheader()
    else:
        writer.writerows(project(kind, rows))
    return buf.getvalue()


def _begin_snapshot(store: Store) -> None:
    """Read every page from one snapshot: SQLite's deferred read transaction (WAL), or a
    PostgreSQL REPEATABLE READ, READ ONLY one."""
    if isinstance(store, SQLiteStore):
        store.conn.execute("BEGIN")  # the first read fixes the snapshot
        return
    conn = getattr(store, "conn", None)
    if conn is not None:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def _end_snapshot(store: Store) -> None:
    conn = getattr(store, "conn", None)
    if isinstance(store, SQLiteStore):
        if store.conn.in_transaction:
            store.conn.execute("ROLLBACK")
    elif conn is not None:
        conn.execute("ROLLBACK")


class _StreamedDownload(StreamingResponse):
    """A streaming response that always ends its snapshot before the store goes back to the
    pool, and ends a stream stopped by the budget without a server error."""

    def __init__(self, pages: _Pages, **kwargs: Any) -> None:
        super().__init__(pages, **kwargs)
        self.pages = pages

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        except BudgetError as err:  # the connection closes without the final chunk
            log.warning(
                "download of %s stopped after %d rows: %s", self.pages.kind, self.pages.rows, err
            )
        finally:
            with anyio.CancelScope(shield=True):
                await run_in_threadpool(self.pages.close)
