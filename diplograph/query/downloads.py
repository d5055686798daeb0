"""Downloads of record lists as CSV or JSON: one fixed column set per kind, for every surface.

The dashboard's list views (``?format=csv``), the API's list endpoints (``format=csv``) and the
CLI's ``--format csv`` write these columns in this order whatever the row count, so a file
from one filter has the same header as a file from another. CSV goes through the stdlib
:mod:`csv` module (quoting, embedded newlines); JSON is ``{"data": [...], "count": n}`` with
the same columns per row. Actor codes carry their Wikidata id in the column beside them
(``source_wikidata``, ``a_wikidata``, ``subject_wikidata``; empty without one). Besides the
four record kinds, search hits, conflicts and the partners-by-tier table download the same way
(:func:`search_rows`, :func:`conflict_rows`, :func:`tier_rows` shape their rows), and so do
the analysis views: the map (:func:`map_rows`), the network (:func:`network_rows`), the
comparison (:func:`compare_rows`), the alerts (:func:`alert_rows`) and a partner's page
(:func:`partner_rows`). Counts by type are one text cell, ``VISIT=3; MEET=2``.
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
    from diplograph.analysis.trends import SeriesQuery
    from diplograph.query.compare import ComparePublic
    from diplograph.query.conflicts import Conflict
    from diplograph.query.history import AlertPublic
    from diplograph.query.map import MapPublic
    from diplograph.query.network import NetworkPublic
    from diplograph.query.schemas import PartnerProfile, PartnerSummary

Record = Literal["documents", "events", "figures", "relations"]  # store record lists
View = Literal["map", "network", "compare", "alerts", "partner"]  # the analysis views
Kind = Record | Literal["search", "conflicts", "tiers"] | View
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
    # layer: partner (a country or organisation), place (a dot on the map) or unplaced
    "map": tuple(
        (
            "layer code name kind country lat lon tier tier_since events by_type written wikidata"
        ).split()
    ),
    "network": tuple(
        (
            "a a_name a_wikidata b b_name b_wikidata count a_to_b b_to_a cooperative "
            "conflictual tone by_type"
        ).split()
    ),
    # breakdown: year (key: the year, both sides over the same years) or type (key: the type)
    "compare": tuple("code name partner partner_name tier breakdown key events".split()),
    "alerts": tuple(
        (
            "period through a a_wikidata b b_wikidata series direction observed expected "
            "score surprise interval_lo interval_hi evidence evidence_refs"
        ).split()
    ),
    # section: tier (a timeline step), activity (events per year and type), event (the
    # latest events) or figure (figures about the partner)
    "partner": tuple(
        (
            "home partner section id date type level value qualifier unit source doc_id "
            "sent_idx text"
        ).split()
    ),
}
# actor code column → its Wikidata id column, per kind
WIKIDATA_COLUMNS: dict[str, dict[str, str]] = {
    "events": {"source_code": "source_wikidata", "target_code": "target_wikidata"},
    "figures": {"subject": "subject_wikidata"},
    "relations": {"a": "a_wikidata", "b": "b_wikidata"},
    "network": {"a": "a_wikidata", "b": "b_wikidata"},
    "alerts": {"a": "a_wikidata", "b": "b_wikidata"},
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


def counts_text(counts: Mapping[str, int]) -> str:
    """``{"VISIT": 3, "MEET": 2}`` → ``VISIT=3; MEET=2`` (the order kept: most first)."""
    return "; ".join(f"{key}={n}" for key, n in counts.items())


def map_rows(m: MapPublic) -> list[dict[str, Any]]:
    """The map's tables: its partners, then its places, then the locations off the map."""
    partners = [
        {**p.model_dump(exclude={"by_type"}), "layer": "partner", "by_type": counts_text(p.by_type)}
        for p in m.partners
    ]
    places = [
        {**p.model_dump(exclude={"by_type", "written"}), "layer": "place",
         "by_type": counts_text(p.by_type), "written": "; ".join(p.written)}
        for p in m.places
    ]  # fmt: skip
    unplaced = [{"layer": "unplaced", "name": u.location, "events": u.events} for u in m.unplaced]
    return partners + places + unplaced


def network_rows(net: NetworkPublic) -> list[dict[str, Any]]:
    """The network's pairs, most events first, with both actors' names."""
    names = {n.code: n.name for n in net.nodes}
    return [
        {**e.model_dump(exclude={"by_type"}), "a_name": names.get(e.a), "b_name": names.get(e.b),
         "by_type": counts_text(e.by_type)}
        for e in net.edges
    ]  # fmt: skip


def network_filters(net: NetworkPublic) -> Filters:
    """The network's filters, for its file name: focus, types and group, period."""
    types = ",".join([*net.types, *([net.group] if net.group else [])])
    return Filters(country=net.focus, type=types or None, since=net.since, until=net.until)


def compare_name(c: ComparePublic) -> str:
    """The compared countries, for the file name: ``VNM-vs-PHL``."""
    return "-vs-".join(s.code for s in c.sides)


def compare_rows(c: ComparePublic) -> list[dict[str, Any]]:
    """Each side's events per year (over the shared years), then per type (every type either
    side has, zeros kept): the chart and the table of the comparison."""
    out = []
    for s in c.sides:
        side = {"code": s.code, "name": s.name, "partner": c.partner,
                "partner_name": c.partner_name, "tier": s.tier}  # fmt: skip
        out += [{**side, "breakdown": "year", "key": y, "events": s.by_year.get(y, 0)}
                for y in c.years]  # fmt: skip
        out += [{**side, "breakdown": "type", "key": t, "events": s.by_type.get(t, 0)}
                for t in c.types]  # fmt: skip
    return out


def alert_filters(q: SeriesQuery, quad: str | None) -> Filters:
    """The alerts' filters, for the file name: pair, series (``quad``), period."""
    return Filters(country=q.country, partner=q.partner, type=quad, since=q.since, until=q.until)


def _evidence_ref(e: Mapping[str, Any]) -> str:
    """``doc#sent`` for an extracted event, ``dataset/file:row`` for an imported cell."""
    if e.get("doc_id"):
        return f"{e['doc_id']}#{e.get('sent_idx')}"
    return f"{e.get('dataset') or ''}/{e.get('file') or ''}:{e.get('row')}"


def alert_rows(alerts: Iterable[AlertPublic]) -> list[dict[str, Any]]:
    """One row per alert, highest score first: its numbers and its evidence items' references."""
    out = []
    for a in alerts:
        lo, hi = a.interval[:2] if a.interval else (None, None)
        evidence = [e.model_dump() for e in a.evidence]
        out.append(
            {**a.model_dump(exclude={"interval", "evidence"}), "interval_lo": lo,
             "interval_hi": hi, "evidence": len(evidence),
             "evidence_refs": "; ".join(_evidence_ref(e) for e in evidence)}
        )  # fmt: skip
    return out


def partner_rows(p: PartnerProfile) -> list[dict[str, Any]]:
    """A partner's page as rows: tier steps, events per year and type, latest events, figures."""
    pair = {"home": p.home, "partner": p.code}
    tiers = [
        {**pair, "section": "tier", "date": s.date, "level": s.level, "source": s.source,
         "doc_id": s.doc_id, "text": s.note}
        for s in p.timeline
    ]  # fmt: skip
    activity = [
        {**pair, "section": "activity", "date": c.year, "type": c.type, "value": c.count}
        for c in p.event_counts
    ]
    events = [
        {**pair, "section": "event", "id": e.id, "date": e.date, "type": e.type,
         "doc_id": e.doc_id, "sent_idx": e.evidence.sent_idx, "text": e.evidence.text}
        for e in p.latest_events
    ]  # fmt: skip
    figures = [
        {**pair, "section": "figure", "id": f.id, "date": f.period, "type": f.indicator,
         "value": f.value, "qualifier": f.qualifier, "unit": f.unit, "doc_id": f.doc_id,
         "sent_idx": f.evidence.sent_idx, "text": f.evidence.text}
        for f in p.figures
    ]  # fmt: skip
    return tiers + activity + events + figures


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
