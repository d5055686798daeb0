"""``diplograph serve``: the JSON API and the dashboard under uvicorn."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer


def register(app: typer.Typer) -> None:
    """Attach ``serve`` to the main CLI."""
    app.command()(serve)


def serve(
    db: Annotated[
        str | None,
        typer.Option(
            "--db", envvar="DIPLOGRAPH_DB", help="SQLite database file [default: ./diplograph.db]."
        ),
    ] = None,
    host: Annotated[
        str, typer.Option(help="Interface to listen on; 0.0.0.0 exposes it to the network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1, max=64, help="Server processes; each keeps its own store pool and cache."
        ),
    ] = 1,
    request_budget: Annotated[
        float | None,
        typer.Option(
            envvar="DIPLOGRAPH_REQUEST_BUDGET",
            min=0.01,
            help="Seconds a read request may work before it stops with 503 [default: 5].",
        ),
    ] = None,
) -> None:
    """Serve the read-only JSON API (/api, docs at /docs) and the dashboard (/).

    Set DIPLOGRAPH_TOKEN to enable POST /api/documents (bearer token). A read request that
    works past --request-budget seconds, or whose client leaves, stops and answers 503.

    Example: diplograph serve --db demo.db --port 8000
    """
    import uvicorn

    from diplograph.server import create_app
    from diplograph.settings import get_settings

    settings = get_settings(db=db, request_budget=request_budget)
    if "://" not in settings.db and not Path(settings.db).exists():
        typer.echo(
            f"note: {settings.db} does not exist yet; it will be created empty. "
            "Fill it with `diplograph ingest PATH --db ...`.",
            err=True,
        )
    typer.echo(f"Diplograph on http://{host}:{port}/ (API docs at /docs); Ctrl+C stops it.")
    # SIGTERM: stop taking requests and give in-flight ones 3 s, not the 60 s they once held
    # the server for; a slow request is cut rather than outliving the process, and the
    # whole shutdown ends within 5 s (#19)
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": "info",
        "timeout_graceful_shutdown": 3,
        "timeout_keep_alive": 5,
    }
    if workers == 1:
        uvicorn.run(create_app(settings), **options)
        return
    # several processes build their own app from the environment: pass the options on
    os.environ["DIPLOGRAPH_DB"] = settings.db
    os.environ["DIPLOGRAPH_REQUEST_BUDGET"] = str(settings.request_budget)
    uvicorn.run("diplograph.server:create_app", factory=True, workers=workers, **options)
