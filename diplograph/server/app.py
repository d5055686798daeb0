"""``create_app(settings)``: the FastAPI application and its one route table."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from diplograph import __version__, api, web
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


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for ``settings`` (default: from ``DIPLOGRAPH_*`` environment variables)."""
    settings = settings or get_settings()
    pool = StorePool(settings)

    compute = ComputePool(settings)  # worker processes, started at the first computation
    # a result many requests wait for may compute for longer than one request's budget (#19)
    cache = ResultCache(pool, compute, limit=12 * settings.request_budget)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        threading.Thread(target=compute.start, name="diplograph-compute-start", daemon=True).start()
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
    app.state.list_limiter = anyio.CapacityLimiter(LIST_THREADS)
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
