"""Strict user inputs, the same everywhere (CLI, API, notebooks): names, dates, event types.

Each function returns the normalised value or raises :class:`InputError` with an example or
the nearest suggestions; nothing is silently ignored.
"""

from __future__ import annotations

import difflib
import re
from datetime import date

from diplograph.errors import DiplographError


class InputError(DiplographError, ValueError):
    """A value a user typed that cannot be used as given."""

    code = "D409"


_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)


def actor_code(value: str | None) -> str | None:
    """A country or organisation in any common spelling → its code ("Viet Nam" → VNM);
    a leading "the" is read as written in prose ("the Philippines", "the U.S.")."""
    if value is None:
        return None
    from diplograph.query.names import UnknownName, resolve_name

    try:
        return resolve_name(value).code
    except UnknownName as e:
        bare = _ARTICLE.sub("", value.strip())
        if bare != value.strip():
            try:
                return resolve_name(bare).code
            except UnknownName:
                pass
        raise InputError(str(e).removeprefix("[D000] ")) from None


def iso_date(value: str | None) -> str | None:
    """YYYY, YYYY-M[M] or YYYY-M[M]-D[D] → zero-padded ISO ("2023-9" → "2023-09")."""
    if value is None:
        return None
    m = _DATE.match(value.strip())
    if m:
        year, month, day = m.groups()
        try:
            date(int(year), int(month or 1), int(day or 1))
            if not 1800 <= int(year) <= 2199:  # a typo, not a period anyone has records for
                m = None
        except ValueError:
            m = None
    if m is None:
        raise InputError(
            f"{value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2023-09 or 2023-09-14"
        )
    year, month, day = m.groups()
    return "-".join([year, *(f"{int(x):02d}" for x in (month, day) if x)])


def event_type(value: str | None) -> str | None:
    """An event type of the list, any case ("visit" → VISIT); unknown ones get suggestions."""
    if value is None:
        return None
    from diplograph.vocabulary import EVENT_TYPES

    upper = value.strip().upper().replace(" ", "_")
    if upper in EVENT_TYPES:
        return upper
    close = difflib.get_close_matches(upper, EVENT_TYPES, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise InputError(f"unknown event type {value!r}{hint} Types: {', '.join(EVENT_TYPES)}")
