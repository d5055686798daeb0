"""CLI command groups beyond the spine, one module per area.

Each module defines ``register(app: typer.Typer) -> None``; ``cli.py`` calls every
registered module in ``MODULES``. Add a module name here to expose its commands.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import typer

MODULES: list[str] = ["web", "history", "analysis", "corpus"]


def _typer(fn: Callable[[str | None], str | None]) -> Callable[[str | None], str | None]:
    """A strict input of :mod:`diplograph.query.inputs` as a Typer callback (exit 2 on error)."""

    def callback(value: str | None) -> str | None:
        from diplograph.query.inputs import InputError

        try:
            return fn(value)
        except InputError as e:
            raise typer.BadParameter(e.message) from None

    callback.__doc__ = fn.__doc__
    return callback


def _lazy(name: str) -> Callable[[str | None], str | None]:
    def call(value: str | None) -> str | None:
        from diplograph.query import inputs

        result: str | None = getattr(inputs, name)(value)
        return result

    return call


actor_code = _typer(_lazy("actor_code"))
iso_date = _typer(_lazy("iso_date"))
event_type = _typer(_lazy("event_type"))


def register_all(app: typer.Typer) -> None:
    """Attach every command group listed in MODULES to the main app."""
    for name in MODULES:
        module = importlib.import_module(f"diplograph.commands.{name}")
        module.register(app)
