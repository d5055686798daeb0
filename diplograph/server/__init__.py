"""The HTTP server: one FastAPI app composing the JSON API (``api/``) and the dashboard (``web/``).

``api`` and ``web`` both read through ``query/`` and never import each other. ``app`` sits
above them and holds the one route table (``app.ROUTES``); ``deps`` (the store pool and
request parameters), ``errors`` (the error envelope), ``downloads`` (CSV/JSON file responses),
``middleware`` (security headers, the request budget), ``cache`` (expensive results and list
counts per store version), ``compute`` (the worker processes that compute them) and ``lists``
(the list endpoints' one path) are the request plumbing both use, and import neither.

Example: ``uvicorn --factory diplograph.server:create_app`` or ``diplograph serve --db demo.db``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from diplograph.settings import Settings

__all__ = ["create_app"]


def create_app(settings: Settings | None = None, warm: bool = True) -> FastAPI:
    """The app for ``settings``; imported lazily so ``web`` and ``api`` can use ``deps``.
    ``warm``: start computing the unfiltered conflicts when the server starts."""
    from diplograph.server.app import create_app as build

    return build(settings, warm)
