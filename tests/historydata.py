"""Invented event history for the outlook, API and dashboard tests (nothing from outside data).

``rows(...)`` makes imported records like ``import-events --format csv`` stores them.
"""

from __future__ import annotations

from typing import Any


def months(n: int, start: str = "2008-01") -> list[str]:
    """``n`` consecutive ``YYYY-MM`` labels from ``start``."""
    y, m = int(start[:4]), int(start[5:])
    return [f"{y + (m - 1 + i) // 12}-{(m - 1 + i) % 12 + 1:02d}" for i in range(n)]


def rows(
    counts: dict[str, int],
    a: str,
    b: str,
    type: str | None = None,
    quad: int = 1,
    file: str = "made.csv",
    start_row: int = 0,
    event_name: str | None = None,
) -> list[dict[str, Any]]:
    """One imported cell per month with a non-zero count."""
    out = []
    for i, (month, n) in enumerate(sorted(counts.items())):
        if n:
            out.append(
                {
                    "dataset": "csv",
                    "file": file,
                    "row": start_row + i,
                    "date": month,
                    "source_code": a,
                    "source_name": a,
                    "target_code": b,
                    "target_name": b,
                    "type": type,
                    "event_name": event_name,
                    "quad_class": quad,
                    "count": n,
                }
            )
    return out
