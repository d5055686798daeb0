"""CLI command groups beyond the spine, one module per area.

Each module defines ``register(app: typer.Typer) -> None``; ``cli.py`` calls every
registered module in ``MODULES``. Add a module name here to expose its commands.
"""

from __future__ import annotations

import importlib

import typer

MODULES: list[str] = ["web", "history", "analysis", "corpus"]


def actor_code(value: str | None) -> str | None:
    """Typer callback: a country or organisation in any common spelling → its code.

    "Viet Nam", "vietnam", "VN" and "VNM" all give VNM; an unknown name is a usage error (exit 2)
    with the nearest suggestions, never a silent empty result.
    """
    if value is None:
        return None
    from diplograph.query.names import UnknownName, resolve_name

    try:
        return resolve_name(value).code
    except UnknownName as e:
        raise typer.BadParameter(str(e).removeprefix("[D000] ")) from None


def register_all(app: typer.Typer) -> None:
    """Attach every command group listed in MODULES to the main app."""
    for name in MODULES:
        module = importlib.import_module(f"diplograph.commands.{name}")
        module.register(app)
