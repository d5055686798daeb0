"""Storage: ``open_store(url)`` returns a backend behind the :class:`Store` seam."""

from __future__ import annotations

from diplograph.errors import ConfigError
from diplograph.store.base import Filters, Store
from diplograph.store.sqlite import SQLiteStore

__all__ = ["Filters", "SQLiteStore", "Store", "open_store"]


def open_store(url: str) -> Store:
    """Open a store: a file path, ``sqlite:///path`` or ``:memory:``."""
    if url.startswith(("postgresql", "postgres:")):
        raise ConfigError(
            "the PostgreSQL backend is not available yet (issue 7); use a SQLite path",
            code="D401",
        )
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///") :]
    return SQLiteStore(url)
