"""CLI command groups beyond the spine, one module per area.

Each module defines ``register(app: typer.Typer) -> None``; ``cli.py`` calls every
registered module in ``MODULES``. Add a module name here to expose its commands.
"""

from __future__ import annotations

import difflib
import importlib
import re
from datetime import date

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


_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def iso_date(value: str | None) -> str | None:
    """Typer callback: YYYY, YYYY-M[M] or YYYY-M[M]-D[D] → zero-padded ISO; anything else exits 2.

    "2023-9" becomes "2023-09"; "09/2023", "11-09-2023" and "2023-13-01" are errors with an
    example, never ignored.
    """
    if value is None:
        return None
    m = _DATE.match(value.strip())
    if m:
        year, month, day = m.groups()
        try:
            date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            m = None
    if m is None:
        raise typer.BadParameter(
            f"{value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2023-09 or 2023-09-14"
        )
    year, month, day = m.groups()
    return "-".join([year, *(f"{int(x):02d}" for x in (month, day) if x)])


def event_type(value: str | None) -> str | None:
    """Typer callback: an event type of the list (any case); an unknown one exits 2 with hints."""
    if value is None:
        return None
    from diplograph.corpus.validate import EVENT_TYPES

    upper = value.strip().upper().replace(" ", "_")
    if upper in EVENT_TYPES:
        return upper
    close = difflib.get_close_matches(upper, EVENT_TYPES, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise typer.BadParameter(f"unknown event type {value!r}{hint} Types: {', '.join(EVENT_TYPES)}")


def register_all(app: typer.Typer) -> None:
    """Attach every command group listed in MODULES to the main app."""
    for name in MODULES:
        module = importlib.import_module(f"diplograph.commands.{name}")
        module.register(app)
