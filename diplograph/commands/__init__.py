"""CLI command groups beyond the spine, one module per area.

Each module defines ``register(app: typer.Typer) -> None``; ``cli.py`` calls every
registered module in ``MODULES``. Add a module name here to expose its commands.
"""

from __future__ import annotations

import importlib

import typer

MODULES: list[str] = ["web", "history", "analysis", "corpus"]


def register_all(app: typer.Typer) -> None:
    """Attach every command group listed in MODULES to the main app."""
    for name in MODULES:
        module = importlib.import_module(f"diplograph.commands.{name}")
        module.register(app)
