"""HTTP surface: a FastAPI app serving the JSON API under ``/api`` and the dashboard under ``/``.

Example: ``uvicorn --factory diplograph.api:create_app`` or ``diplograph serve --db demo.db``.
"""

from __future__ import annotations

from diplograph.api.app import create_app

__all__ = ["create_app"]
