"""Server-rendered dashboard: Jinja2 templates, one CSS and one JS file, over ``query/``.

Everything is bundled in the package (no CDN) and all document text is autoescaped. The
server (``diplograph.server``) mounts ``ROUTERS``, ``STATIC`` and ``render_error``.
"""

from __future__ import annotations

from pathlib import Path

from diplograph.web.alerts import router as alerts_router
from diplograph.web.conflicts import router as conflicts_router
from diplograph.web.map import router as map_router
from diplograph.web.network import router as network_router
from diplograph.web.pages import render_error, router
from diplograph.web.records import router as records_router
from diplograph.web.reviews import router as reviews_router

STATIC = Path(__file__).parent / "static"
ROUTERS = (
    router,
    records_router,
    network_router,
    map_router,
    reviews_router,
    conflicts_router,
    alerts_router,
)

__all__ = ["ROUTERS", "STATIC", "render_error"]
