"""Storage: ``open_store(url)`` returns a backend behind the :class:`Store` seam."""

from __future__ import annotations

from diplograph.errors import ConfigError
from diplograph.store.base import Filters, Store
from diplograph.store.sqlite import SQLiteStore

__all__ = ["Filters", "SQLiteStore", "Store", "open_store"]


def open_store(url: str) -> Store:
    """Open a store: a file path, ``sqlite:///path``, ``:memory:`` or a PostgreSQL URL
    (``postgresql://``, ``postgres://``, ``postgresql+psycopg://``)."""
    if url.startswith(("postgresql:", "postgresql+", "postgres:")):
        try:
            from diplograph.store.postgres import PostgresStore
        except ImportError as err:
            raise ConfigError(
                f"the PostgreSQL backend needs psycopg ({err}); "
                "install it with: pip install 'diplograph[scale]'",
                code="D401",
            ) from err
        return PostgresStore(url)
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///") :]
    return SQLiteStore(url)
