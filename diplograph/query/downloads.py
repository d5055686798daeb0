"""Downloads of record lists as CSV or JSON: one fixed column set per kind, for every surface.

The dashboard's list views (``?format=csv``), the API's list endpoints (``format=csv``) and the
CLI's ``--format csv`` write these columns in this order whatever the row count, so a file
from one filter has the same header as a file from another. CSV goes through the stdlib
:mod:`csv` module (quoting, embedded newlines); JSON is ``{"data": [...], "count": n}`` with
the same columns per row.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any, Literal

from diplograph.store import Filters, Store

Kind = Literal["documents", "events", "figures", "relations"]
FORMATS = ("csv", "json")

# Every column of each kind's store rows, in order (tests compare them with real rows).
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": tuple("id title published outlet fmt version events figures relations".split()),
    "events": tuple(
        (
            "id doc_id sent_idx start end sentence type plover_type plover_mode source_code "
            "source_name source_person source_role target_code target_name target_person "
            "target_role date location status confidence trigger produced_by"
        ).split()
    ),
    "figures": tuple(
        (
            "id doc_id sent_idx start end sentence indicator value unit qualifier period "
            "subject text produced_by"
        ).split()
    ),
    "relations": tuple(
        "id doc_id sent_idx start end sentence a b level date status previous produced_by".split()
    ),
}
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def list_rows(store: Store, kind: Kind, filters: Filters) -> list[dict[str, Any]]:
    """The rows ``filters`` select, in the store's order for them (limit and offset kept)."""
    readers = {
        "documents": store.documents,
        "events": store.events,
        "figures": store.figures,
        "relations": store.relations,
    }
    return readers[kind](filters)


def all_rows(store: Store, kind: Kind, filters: Filters) -> list[dict[str, Any]]:
    """Every row the filters select, across all pages of a view (limit and offset dropped)."""
    return list_rows(store, kind, replace(filters, limit=None, offset=0))


def project(kind: Kind, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows cut to the kind's fixed columns (a missing column is ``None``)."""
    cols = COLUMNS[kind]
    return [{c: r.get(c) for c in cols} for r in rows]


def to_csv(kind: Kind, rows: Iterable[dict[str, Any]]) -> str:
    """CSV text: the kind's header, then one line per row (RFC 4180 quoting, CRLF)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS[kind], extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def to_json(kind: Kind, rows: Iterable[dict[str, Any]]) -> str:
    """``{"data": [...], "count": n}`` with the kind's columns per row."""
    data = project(kind, rows)
    return json.dumps({"data": data, "count": len(data)}, ensure_ascii=False)


def render_download(kind: Kind, rows: Iterable[dict[str, Any]], fmt: str) -> str:
    """The body of a download in ``fmt`` (``csv`` or ``json``)."""
    if fmt == "csv":
        return to_csv(kind, rows)
    if fmt == "json":
        return to_json(kind, rows)
    raise ValueError(f"unknown format {fmt!r}; use csv or json")


def download_name(kind: Kind, filters: Filters, fmt: str) -> str:
    """A file name that says what was filtered: ``events-VNM-CHN-VISIT-2023.csv``."""
    parts = [kind, filters.country, filters.partner, filters.type, filters.since]
    if filters.until:
        parts.append(f"to-{filters.until}")
    stem = "-".join(p for p in parts if p)
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", stem)[:120] + f".{fmt}"
