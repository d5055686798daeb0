"""Writers: the evaluation format of EVAL.md, JSON Lines, CSV and Parquet."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from diplograph.errors import ConfigError
from diplograph.extract.relations import framework_level
from diplograph.query.downloads import with_wikidata
from diplograph.query.identifiers import wikidata_id
from diplograph.store import Filters, Store

FORMATS = ("eval", "jsonl", "csv", "parquet")


def _actor(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    code = row.get(f"{side}_code")
    if not code:
        return None
    return {
        "code": code,
        "name": row.get(f"{side}_name"),
        "person": row.get(f"{side}_person"),
        "role": row.get(f"{side}_role"),
    }


def _with_wikidata(actor: dict[str, Any] | None) -> dict[str, Any] | None:
    """An actor object with its Wikidata id (``jsonl`` only: ``eval`` keeps EVAL.md's keys)."""
    return actor and {**actor, "wikidata": wikidata_id(actor["code"])}


def eval_records(store: Store) -> dict[str, list[dict[str, Any]]]:
    """The three record lists of the evaluation format, in document order."""
    events = [
        {
            "doc": r["doc_id"],
            "sentence": r["sentence"],
            "start": r["start"],
            "end": r["end"],
            "type": r["type"],
            "plover": {"event_type": r["plover_type"], "mode": r["plover_mode"]},
            "source": _actor(r, "source"),
            "target": _actor(r, "target"),
            "date": r["date"],
            "location": r["location"],
            "confidence": r["confidence"],
            "status": r["status"],
            "produced_by": r.get("produced_by"),
        }
        for r in store.events(Filters())
    ]
    figures = [
        {
            "doc": r["doc_id"],
            "sentence": r["sentence"],
            "start": r["start"],
            "end": r["end"],
            "indicator": r["indicator"],
            "value": _number(r["value"]),
            "unit": r["unit"],
            "qualifier": r["qualifier"],
            "period": r["period"],
            "subject": r["subject"],
        }
        for r in store.figures(Filters())
    ]
    relations = [
        {
            "doc": r["doc_id"],
            "sentence": r["sentence"],
            "start": r["start"],
            "end": r["end"],
            "a": r["a"],
            "b": r["b"],
            "level": framework_level(r["sentence"], r["level"], r["a"], r["b"]),
            "date": r["date"],
            "status": r["status"],
            "previous": r["previous"],
        }
        for r in store.relations(Filters())
    ]
    return {"events": events, "figures": figures, "relations": relations}


def _number(v: float) -> float | int:
    return int(v) if float(v).is_integer() else v


def export_store(store: Store, fmt: str, out: Path) -> list[Path]:
    """Write the store's records to ``out`` in ``fmt``; returns the files written."""
    if fmt not in FORMATS:
        raise ConfigError(
            f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}", code="D402"
        )
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if fmt in ("eval", "jsonl"):
        records = eval_records(store)
        if fmt == "jsonl":
            for r in records["events"]:
                r["source"], r["target"] = _with_wikidata(r["source"]), _with_wikidata(r["target"])
            records["documents"] = store.documents(Filters())
        for name, rows in records.items():
            path = out / f"{name}.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            written.append(path)
        return written
    tables = {  # actor codes with their Wikidata ids (``source_wikidata`` …), as downloads
        "documents": store.documents(Filters()),
        "events": with_wikidata("events", store.events(Filters())),
        "figures": with_wikidata("figures", store.figures(Filters())),
        "relations": with_wikidata("relations", store.relations(Filters())),
    }
    for name, rows in tables.items():
        if fmt == "csv":
            path = out / f"{name}.csv"
            with path.open("w", encoding="utf-8", newline="") as fh:
                if rows:
                    w = csv.DictWriter(fh, fieldnames=list(rows[0]))
                    w.writeheader()
                    w.writerows(rows)
            written.append(path)
        else:
            try:
                import pyarrow as pa
                import pyarrow.parquet as pq
            except ImportError as err:
                raise ConfigError(
                    "Parquet export needs pyarrow: pip install 'diplograph[parquet]'",
                    code="D403",
                ) from err
            path = out / f"{name}.parquet"
            pq.write_table(pa.Table.from_pylist(rows), path)
            written.append(path)
    return written
