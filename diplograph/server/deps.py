"""Dependencies: settings, a per-request store, the result cache, paging and filter
parameters, the token."""

from __future__ import annotations

import hmac
import queue
import threading
from collections.abc import AsyncIterator, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Annotated, Literal

from fastapi import Depends, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool

from diplograph.budget import current_budget
from diplograph.server.cache import ResultCache
from diplograph.settings import Settings
from diplograph.store import Filters, SQLiteStore, Store, open_store

CODE = r"^[A-Za-z][A-Za-z0-9_-]{1,15}$"
DATE = r"^(1[89]|2[01])\d\d(-\d{2}(-\d{2})?)?$"  # years 1800-2199
NAME = r"^[^\W\d_][\w.()’]*(?:[ '’-]+[\w.()’]+)*$"  # "Viet Nam", "U.S.", "Côte d'Ivoire"
MAX_LIMIT = 500


async def get_settings(request: Request) -> Settings:
    """The settings ``create_app`` was built with."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def open_request_store(settings: Settings) -> Store:
    """Open a store that any one thread at a time may use (requests hop between threads)."""
    url = settings.db
    if url.startswith(("postgresql", "postgres:")):
        pg = open_store(url)
        from diplograph.server.pgbudget import install
        from diplograph.store.postgres import PostgresStore

        if isinstance(pg, PostgresStore):  # a statement past the budget is cancelled (#19)
            install(pg.conn)
        return pg
    path = url[len("sqlite:///") :] if url.startswith("sqlite:///") else url
    store = SQLiteStore(path, check_same_thread=False)
    store.conn.execute("PRAGMA cache_size = -16000")  # 16 MB page cache, kept between requests
    # a statement still running when its request's budget is over is interrupted (#19)
    store.conn.set_progress_handler(_interrupt_over_budget, PROGRESS_STEPS)
    return store


PROGRESS_STEPS = 10_000  # SQLite VM steps between budget checks (about 0.1 ms of work)


def _interrupt_over_budget() -> int:
    budget = current_budget()
    return 1 if budget is not None and budget.is_over() else 0


class StorePool:
    """Reuses open stores between requests so SQLite's page cache stays warm.

    Each request holds one store exclusively; at most ``size`` idle stores are kept.
    """

    def __init__(self, settings: Settings, size: int = 8) -> None:
        self.settings = settings
        self.size = size
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._watcher: Store | None = None  # reads the data version only (never lent out)
        self._watcher_lock = threading.Lock()

    def acquire(self) -> Store:
        store = self.acquire_idle()
        return open_request_store(self.settings) if store is None else store

    def acquire_idle(self) -> Store | None:
        """An idle store if there is one (never blocks)."""
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return None

    def release(self, store: Store) -> None:
        with self._lock:
            if self._idle.qsize() < self.size:
                self._idle.put(store)
                return
        store.close()

    @contextmanager
    def lease(self) -> Iterator[Store]:
        """A store held for the ``with`` block, in the calling (worker) thread."""
        store = self.acquire()
        try:
            yield store
        finally:
            self.release(store)

    def data_version(self) -> Hashable:
        """The store's data version, read on one connection kept for it alone.

        SQLite's ``PRAGMA data_version`` only compares within one connection, and moves there
        whenever any other connection or process commits; the pooled connections write
        (uploads) and are lent to one request at a time, so none of them can be the reference.
        """
        with self._watcher_lock:
            if self._watcher is None:
                self._watcher = open_request_store(self.settings)
            try:
                return self._watcher.data_version()
            except Exception:
                self._watcher.close()  # reopened on the next call (a restarted server)
                self._watcher = None
                raise

    def close(self) -> None:
        """Close every idle store and the version watcher (at shutdown)."""
        with self._watcher_lock:
            if self._watcher is not None:
                self._watcher.close()
                self._watcher = None
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


async def get_store(request: Request) -> AsyncIterator[Store]:
    """A store from the app's pool, held for this request only.

    An async dependency: taking an idle store needs no thread (two thread hops fewer per
    request: list throughput +35% under 200 clients, #19); opening a new one (a PostgreSQL
    connection) still happens in a worker thread, off the event loop.
    """
    pool: StorePool = request.app.state.store_pool
    store = pool.acquire_idle()
    if store is None:
        store = await run_in_threadpool(open_request_store, pool.settings)
    try:
        yield store
    finally:
        pool.release(store)


StoreDep = Annotated[Store, Depends(get_store)]


async def get_cache(request: Request) -> ResultCache:
    """The app's cache of expensive results, keyed per store version (no thread hop)."""
    cache: ResultCache = request.app.state.result_cache
    return cache


CacheDep = Annotated[ResultCache, Depends(get_cache)]

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
Country = Annotated[
    str | None,
    Query(
        pattern=NAME,
        max_length=80,
        description="Country or organisation: a code or a name in any common spelling "
        "(VNM, Viet Nam, the U.S.).",
    ),
]
Partner = Annotated[
    str | None,
    Query(pattern=NAME, max_length=80, description="Other actor of the pair, e.g. USA or U.S."),
]
Type = Annotated[
    str | None,
    Query(max_length=80, description="Event type, figure indicator or relation level."),
]
Since = Annotated[str | None, Query(pattern=DATE, description="Earliest date, YYYY[-MM[-DD]].")]
Until = Annotated[
    str | None, Query(pattern=DATE, description="Latest date, YYYY[-MM[-DD]] (inclusive).")
]
Doc = Annotated[str | None, Query(max_length=300, description="Only records of this document.")]


def actor_code(value: str | None, param: str) -> str | None:
    """A country or organisation name or code → its code; unknown names are a 422 with hints."""
    from diplograph.query.inputs import InputError
    from diplograph.query.inputs import actor_code as resolve

    try:
        return resolve(value)
    except InputError as e:
        error = {"loc": ("query", param), "msg": e.message, "type": "value_error"}
        raise RequestValidationError([error]) from None


async def record_filters(
    country: Country = None,
    partner: Partner = None,
    type: Type = None,
    since: Since = None,
    until: Until = None,
    doc: Doc = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Filters:
    """The CLI's filters (``--country --partner --type --since --until``) plus paging (an
    async dependency, like the others here: no thread hop for a dictionary lookup).

    API lists are ordered newest first (by date, then id), unlike the CLI's document order.
    """
    return Filters(
        country=actor_code(country, "country"),
        partner=actor_code(partner, "partner"),
        type=type or None,
        since=since,
        until=until,
        doc=doc,
        limit=limit,
        offset=offset,
        newest_first=True,
    )


FiltersDep = Annotated[Filters, Depends(record_filters)]


async def event_filters(filters: FiltersDep) -> Filters:
    """:func:`record_filters` with the event type checked: a typo is a 422 with suggestions."""
    from diplograph.query.inputs import InputError, event_type

    try:
        return replace(filters, type=event_type(filters.type))
    except InputError as e:
        error = {"loc": ("query", "type"), "msg": e.message, "type": "value_error"}
        raise RequestValidationError([error]) from None


EventFiltersDep = Annotated[Filters, Depends(event_filters)]
ListFormat = Annotated[
    Literal["json", "csv"],
    Query(
        description="json (the page as `{data, count, limit, offset}`) or csv: the same rows "
        "with a fixed column set, as the dashboard's downloads.",
    ),
]
ViewFormat = Annotated[
    Literal["json", "csv"] | None,
    Query(
        description="Left out: the structured answer. csv or json: the rows of the dashboard "
        "view with the same filters and a fixed column set (JSON as `{data, count}`), as its "
        "Download links give.",
    ),
]


def require_token(
    settings: SettingsDep,
    authorization: Annotated[str | None, Header(description="Bearer <DIPLOGRAPH_TOKEN>")] = None,
) -> None:
    """Refuse the request unless it carries ``Authorization: Bearer <DIPLOGRAPH_TOKEN>``."""
    expected = settings.token
    if not expected:
        raise HTTPException(404, "write endpoints are disabled; set DIPLOGRAPH_TOKEN")
    scheme, _, value = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        value.strip().encode(), expected.encode()
    ):
        raise HTTPException(
            401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"}
        )
