"""The JSON API under ``/api``: routers over ``query/`` (the app is composed in ``server/``)."""

from __future__ import annotations

from diplograph.api.routes import read_router, write_router

__all__ = ["read_router", "write_router"]
