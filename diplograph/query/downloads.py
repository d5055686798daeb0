"""Downloads of record lists as CSV or JSON: one fixed column set per kind, for every surface.

The dashboard's list views (``?format=csv``), the API's list endpoints (``format=csv``) and the
CLI's ``--format csv`` write these columns in this order whatever the row count, so a file
from one filter has the same header as a file from another. CSV goes through the stdlib
:mod:`csv` module (quoting, embedded newlines); JSON is ``{"data": [...], "count": n}`` with
the same columns per row. Actor codes carry their Wikidata id in the column beside them
(``source_wikidata``, ``a_wikidata``, ``subject_wikidata``; empty without one). Besides the
four record kinds, search hits, conflicts and the partners-by-tier table download the same way
(:func:`search_rows`, :func:`conflict_rows`, :func:`tier_rows` shape their rows).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from diplograph.query.identifiers import wikidata_id
from diplograph.store import Filters, Store

if TYPE_CHECKING:  # the CLI imports this module: no numpy or pydantic at its start-up
    from diplograph.query.conflicts import Conflict
    from diplograph.query.schemas import PartnerSummary

Record = Literal["documents", "events", "figures", "relations"]  # store record lists
Kind = Record | Literal["search", "conflicts", "tiers"]
FORMATS = ("csv", "json")

# Every column of each kind's rows, in order (tests compare them with real rows).
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": tuple("id title published outlet fmt version events figures relations".split()),
    "events": tuple(
        (
            "id doc_id sent_idx start end sentence type plover_type plover_mode source_code "
            "source_wikidata source_name source_person source_role target_code target_wikidata "
            "target_name target_person target_role date location status confidence trigger "
            "produced_by"
        ).split()
    ),
    "figures": tuple(
        (
            "id doc_id sent_idx start end sentence indicator value unit qualifier period "
            "subject subject_wikidata text produced_by"
        ).split()
    ),
    "relations": tuple(
        (
            "id doc_id sent_idx start end sentence a a_wikidata b b_wikidata level date status "
            "previous produced_by"
        ).split()
    ),
    "search": tuple("doc_id idx start end text snippet title published score".split()),
    "conflicts": tuple(
        (
            "kind subject value_a doc_a sent_idx_a sentence_a value_b doc_b sent_idx_b "
            "sentence_b note"
        ).split()
    ),
    "tiers": tuple("home tier code name since wikidata".split()),
}
# actor code column → its Wikidata id column, per kind
WIKIDATA_COLUMNS: dict[str, dict[str, str]] = {
    "events": {"source_code": "source_wikidata", "target_code": "target_wikidata"},
    "figures": {"subject": "subject_wikidata"},
    "relations": {"a": "a_wikidata", "b": "b_wikidata"},
}
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def list_rows(store: Store, kind: Record, filters: Filters) -> list[dict[str, Any]]:
    """The rows ``filters`` select, in the store's order for them (limit and offset kept)."""
    readers = {
        "documents": store.documents,
        "events": store.events,
        "figures": store.figures,
        "relations": store.relations,
    }
    return readers[kind](filters)


def all_rows(store: Store, kind: Record, filters: Filters) -> list[dict[str, Any]]:
    """Every row the filters select, across all pages of a view (limit and offset dropped)."""
    return list_rows(store, kind, replace(filters, limit=None, offset=0))


def with_wikidata(kind: str, rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows with the Wikidata id of each actor code beside it (None where the bundled table
    has none); kinds without actor codes come back unchanged."""
    sides = WIKIDATA_COLUMNS.get(kind, {})
    return [{**r, **{col: wikidata_id(r.get(code)) for code, col in sides.items()}} for r in rows]


def project(kind: str, rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows cut to the kind's fixed columns, Wikidata ids added (a missing column is None)."""
    cols = COLUMNS[kind]
    return [{c: r.get(c) for c in cols} for r in with_wikidata(kind, rows)]


def to_csv(kind: Kind, rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV text: the kind's header, then one line per row (RFC 4180 quoting, CRLF)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS[kind])
    writer.writeheader()
    writer.writerows(project(kind, rows))
    return buf.getvalue()


def to_json(kind: Kind, rows: Iterable[Mapping[str, Any]]) -> str:
    """``{"data": [...], "count": n}`` with the kind's columns per row."""
    data = project(kind, rows)
    return json.dumps({"data": data, "count": len(data)}, ensure_ascii=False)


def search_rows(store: Store, query: str, filters: Filters) -> list[dict[str, Any]]:
    """Every hit of a search, best first: the pages of the view end to end (ranked once)."""
    if not query.strip():
        return []
    total = store.count("search", filters, query)
    return store.search(query, replace(filters, limit=max(1, total), offset=0)) if total else []


def conflict_rows(conflicts: Iterable[Conflict]) -> list[dict[str, Any]]:
    """One row per conflict: each side's value, document, sentence index and sentence."""
    out = []
    for c in conflicts:
        row: dict[str, Any] = {"kind": c.kind, "subject": c.subject, "note": c.note}
        for side, value, ev in zip("ab", c.values, c.evidence, strict=False):
            row[f"value_{side}"] = value
            row[f"doc_{side}"] = ev.get("doc")
            row[f"sent_idx_{side}"] = ev.get("sent_idx")
            row[f"sentence_{side}"] = ev.get("sentence")
        out.append(row)
    return out


def tier_rows(home: str, tiers: Mapping[str, Iterable[PartnerSummary]]) -> list[dict[str, Any]]:
    """The partners-by-tier table of ``home``: one row per partner, highest tier first."""
    return [
        {"home": home.upper(), "tier": level, "code": p.code, "name": p.name, "since": p.since,
         "wikidata": p.wikidata}
        for level, partners in tiers.items()
        for p in partners
    ]  # fmt: skip


def render_download(kind: Kind, rows: Iterable[Mapping[str, Any]], fmt: str) -> str:
    """The body of a download in ``fmt`` (``csv`` or ``json``)."""
    if fmt == "csv":
        return to_csv(kind, rows)
    if fmt == "json":
        return to_json(kind, rows)
    raise ValueError(f"unknown format {fmt!r}; use csv or json")


def download_name(kind: Kind, filters: Filters, fmt: str, query: str | None = None) -> str:
    """A file name that says what was filtered: ``events-VNM-CHN-VISIT-2023.csv``,
    ``search-strategic_partnership-2023.json`` (``query``: the search words)."""
    parts = [kind, query, filters.country, filters.partner, filters.type, filters.since]
    if filters.until:
        parts.append(f"to-{filters.until}")
    stem = "-".join(p.strip() for p in parts if p and p.strip())
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", stem)[:120] + f".{fmt}"
