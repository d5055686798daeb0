"""Storage: ``open_store(url)`` returns a backend behind the :class:`Store` seam."""

from __future__ import annotations

from pathlib import Path

from diplograph.errors import ConfigError
from diplograph.store.base import Filters, Store
from diplograph.store.sqlite import SQLiteStore

__all__ = ["Filters", "SQLiteStore", "Store", "open_store"]


def open_existing_store(url: str) -> Store:
    """Open a store that must already exist: a read never creates an empty database."""
    path = url[len("sqlite:///") :] if url.startswith("sqlite:///") else url
    is_file = not url.startswith(("postgresql:", "postgresql+", "postgres:")) and path != ":memory:"
    if is_file and not Path(path).exists():
        raise ConfigError(
            f"no store at {path}; create one with: diplograph ingest PATH --db {path}",
            code="D407",
        )
    return open_store(url)


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
