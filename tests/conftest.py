"""Shared fixtures: a real store (SQLite in tmp_path, and PostgreSQL), settings, a CLI runner.

The ``store`` fixture runs each test on both backends: ``sqlite`` and ``postgres`` (a fresh
schema per test in the server named by ``DIPLOGRAPH_TEST_PG_URL``; ``make test`` starts one with
scripts/pg-start, otherwise the postgres cases skip). A test stays SQLite-only when it asks for
``db_path`` (a SQLite file) or is marked ``sqlite_only``; ``db_url`` is the store's URL for CLI
calls on either backend.
"""

from __future__ import annotations

import inspect
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

# Fixture stores are built by the rules alone so that record counts pinned by API, web and
# export tests stay stable when the model is retrained; the model has its own tests.
os.environ.setdefault("DIPLOGRAPH_EXTRACTOR", "rules")
# The shipped 5 s request budget is a production limit, not a test assertion: on a loaded CI
# machine a forecast may take longer. Tests of the budget pass their own (tests/test_server_*).
os.environ.setdefault("DIPLOGRAPH_REQUEST_BUDGET", "120")

from diplograph.settings import Settings  # noqa: E402
from diplograph.store import SQLiteStore, Store, open_store

Writer = Callable[..., Path]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


PG_URL = os.environ.get("DIPLOGRAPH_TEST_PG_URL", "")
PG_SKIP = "PostgreSQL tests need DIPLOGRAPH_TEST_PG_URL (make test sets it with scripts/pg-start)"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: needs a PostgreSQL server")
    config.addinivalue_line("markers", "sqlite_only: runs on the SQLite store only")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that uses ``store`` on both backends (see the module docstring)."""
    if "backend" not in metafunc.fixturenames:
        return
    own_args = inspect.signature(metafunc.function).parameters
    if metafunc.definition.get_closest_marker("sqlite_only") or "db_path" in own_args:
        backends = ["sqlite"]
    else:
        backends = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
    metafunc.parametrize("backend", backends, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh, empty schema (dropped afterwards)."""
    if not PG_URL:
        pytest.skip(PG_SKIP)
    import psycopg

    from diplograph.store.postgres import to_conninfo

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(to_conninfo(PG_URL), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with psycopg.connect(to_conninfo(PG_URL), autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    if backend == "postgres":
        s: Store = open_store(request.getfixturevalue("pg_url"))
    else:
        s = SQLiteStore(str(request.getfixturevalue("db_path")))
    yield s
    s.close()


@pytest.fixture
def db_url(store: Store) -> str:
    """The store's URL (SQLite path or PostgreSQL URL), for CLI calls and Settings."""
    return store.url


@pytest.fixture
def settings(db_path: Path) -> Settings:
    return Settings(db=str(db_path))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    """``write("in/a.txt", "text")`` or ``write("x.bin", b"bytes")`` → the created path."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding=encoding)
        return path

    return _write
