"""``create_app(settings)``: the FastAPI application and its one route table."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager

import anyio
from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from diplograph import __version__, api, web
from diplograph.query.conflicts import (
    country_base,
    derive_conflicts,
    find_conflicts,
    update_conflicts,
)
from diplograph.server.cache import CountCache, ResultCache
from diplograph.server.compute import ComputePool
from diplograph.server.deps import StorePool
from diplograph.server.errors import install_error_handlers
from diplograph.server.lists import LIST_THREADS
from diplograph.server.middleware import (
    RejectNulMiddleware,
    RequestBudgetMiddleware,
    SecurityHeadersMiddleware,
)
from diplograph.settings import Settings, get_settings
from diplograph.store import Filters

log = logging.getLogger("diplograph.api")

# The route table: every router of the server, and when it is mounted.
ROUTES: tuple[tuple[str, APIRouter], ...] = (
    ("always", api.read_router),  # /api/… reads
    ("token", api.write_router),  # POST /api/documents, only with DIPLOGRAPH_TOKEN
    *(("always", r) for r in web.ROUTERS),  # the dashboard pages
)

DESCRIPTION = (
    "Read-only JSON API over a Diplograph store: documents, events, figures, relations, "
    "full-text search, partner profiles, the event network, the world map of a country's "
    "relations, country comparisons and stats. "
    "Lists are paged as `{data, count}` with `limit` and `offset`, records newest first "
    "(`format=csv` for the same rows as CSV); errors share one envelope "
    "`{ok: false, error, errors, status}`. "
    "`POST /api/documents` exists only when `DIPLOGRAPH_TOKEN` is set."
)


def _conflicts_source(key: Hashable) -> Hashable | None:
    """``("conflicts", filters)`` with a country → the same without it (see
    :func:`~diplograph.query.conflicts.derive_conflicts`), the key of the API and the page."""
    if not (isinstance(key, tuple) and len(key) == 2 and isinstance(key[1], Filters)):
        return None
    base = country_base(key[1])
    return None if base is None else (key[0], base)


def _start(compute: ComputePool, cache: ResultCache, warm: bool) -> None:
    """At server start, in a thread: the first worker, then (``warm``) the computation the
    dashboard and the API need first and that costs most, the conflicts of every country (3 s
    for 10,000 documents; each country's are derived from it)."""
    compute.start()
    if not warm:
        return
    try:
        cache.warm(("conflicts", Filters()), find_conflicts, Filters(), update=update_conflicts)
    except Exception:  # the store cannot be read yet: the first request computes it
        log.warning("could not start computing the conflicts at start-up", exc_info=True)


def create_app(settings: Settings | None = None, warm: bool = True) -> FastAPI:
    """Build the app for ``settings`` (default: from ``DIPLOGRAPH_*`` environment variables).
    ``warm``: start computing the unfiltered conflicts when the server starts."""
    settings = settings or get_settings()
    pool = StorePool(settings)

    compute = ComputePool(settings)  # worker processes, started at the first computation
    # a result many requests wait for may compute for longer than one request's budget (#19)
    turns = anyio.CapacityLimiter(LIST_THREADS)  # the list requests' queue, first come first
    # served; a cached result takes its turn in it too (see diplograph.server.cache)
    cache = ResultCache(pool, compute, limit=12 * settings.request_budget, turns=turns)
    cache.derive(find_conflicts, _conflicts_source, derive_conflicts)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:  # open (and migrate) a new store here, before a worker process opens it too
            try:  # concurrently: two migrations of one new SQLite file fail
                await anyio.to_thread.run_sync(pool.data_version)
            except Exception:  # the first request says what is wrong
                log.warning("could not open the store at start-up", exc_info=True)
        start = threading.Thread(
            target=_start, args=(compute, cache, warm), name="diplograph-compute-start", daemon=True
        )
        start.start()
        yield
        compute.close()
        pool.close()

    app = FastAPI(
        lifespan=lifespan,
        title="Diplograph",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # Swagger UI loads from a CDN; /docs is our own offline page instead
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.store_pool = pool
    app.state.result_cache = cache
    app.state.count_cache = CountCache(pool)
    app.state.list_limiter = turns
    app.state.compute_pool = compute
    install_error_handlers(app)
    app.add_middleware(RequestBudgetMiddleware, seconds=settings.request_budget)
    app.add_middleware(RejectNulMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    for when, router in ROUTES:
        if when == "always" or (when == "token" and settings.token):
            app.include_router(router)
    app.mount("/static", StaticFiles(directory=web.STATIC), name="static")
    app.state.render_error = web.render_error
    return app
