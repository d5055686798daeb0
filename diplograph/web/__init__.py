"""Server-rendered dashboard on the API's app: Jinja2 templates, one CSS and one JS file.

Everything is bundled in the package (no CDN) and all document text is autoescaped.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from diplograph.web.alerts import router as alerts_router
from diplograph.web.conflicts import router as conflicts_router
from diplograph.web.pages import render_error, router
from diplograph.web.reviews import router as reviews_router

STATIC = Path(__file__).parent / "static"

__all__ = ["mount_dashboard"]


def mount_dashboard(app: FastAPI) -> None:
    """Add the dashboard pages, ``/static`` and the HTML error page to ``app``."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(router)
    app.include_router(reviews_router)
    app.include_router(conflicts_router)
    app.include_router(alerts_router)
    app.state.render_error = render_error
