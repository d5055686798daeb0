"""Server-rendered dashboard on the API's app: Jinja2 templates, one CSS and one JS file.

Everything is bundled in the package (no CDN) and all document text is autoescaped.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from diplograph.web.pages import render_error, router

STATIC = Path(__file__).parent / "static"

__all__ = ["mount_dashboard"]


def mount_dashboard(app: FastAPI) -> None:
    """Add the dashboard pages, ``/static`` and the HTML error page to ``app``."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(router)
    app.state.render_error = render_error
