"""``create_app(settings)``: the FastAPI application (API routes, dashboard, error envelope)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from diplograph import __version__
from diplograph.api.deps import StorePool
from diplograph.api.errors import install_error_handlers
from diplograph.api.middleware import SecurityHeadersMiddleware
from diplograph.api.routes import read_router, write_router
from diplograph.settings import Settings, get_settings

DESCRIPTION = (
    "Read-only JSON API over a Diplograph store: documents, events, figures, relations, "
    "full-text search, partner profiles and stats. Lists are paged as `{data, count}` with "
    "`limit` and `offset`, records newest first; errors share one envelope "
    "`{ok: false, error, errors, status}`. "
    "`POST /api/documents` exists only when `DIPLOGRAPH_TOKEN` is set."
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for ``settings`` (default: from ``DIPLOGRAPH_*`` environment variables)."""
    settings = settings or get_settings()
    pool = StorePool(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
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
    install_error_handlers(app)
    app.add_middleware(SecurityHeadersMiddleware)
    app.include_router(read_router)
    if settings.token:
        app.include_router(write_router)

    from diplograph.web import mount_dashboard

    mount_dashboard(app)
    return app
