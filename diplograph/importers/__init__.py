"""Import event data coded by other systems (ICEWS and others) into the store.

``import_events(paths, fmt, store)`` reads each file with the reader of ``fmt``, codes actor
names through the gazetteer, and stores the records in ``imported_events`` with their
provenance (dataset, file, row). Bad rows are reported and recorded in ``failures`` like bad
documents in ingest; the batch goes on. Re-importing a file inserts nothing new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from diplograph.errors import ConfigError, DiplographError, IngestError
from diplograph.importers.actors import ActorCoder, load_coder
from diplograph.importers.dyad_counts import read_dyad_counts
from diplograph.importers.generic_csv import read_generic_csv
from diplograph.importers.icews_tkg import read_icews_tkg
from diplograph.importers.records import CodedActor, ImportedEvent
from diplograph.store.base import Store

__all__ = ["FORMATS", "CodedActor", "ImportSummary", "ImportedEvent", "import_events"]

IMPORTER_VERSION = "diplograph.importers.v1"
Reader = Callable[[Path, ActorCoder], Iterator[ImportedEvent | IngestError]]
FORMATS: dict[str, Reader] = {
    "icews-tkg": read_icews_tkg,
    "dyad-counts": read_dyad_counts,
    "csv": read_generic_csv,
}
BATCH = 5000


@dataclass
class ImportSummary:
    """What one import run did."""

    files: int = 0
    rows: int = 0
    inserted: int = 0
    skipped: int = 0  # already stored (re-import)
    failed: int = 0
    uncoded: int = 0  # rows with at least one actor that could not be coded
    overlapping: int = 0  # month × pair × quad cells another dataset also counts
    datasets: set[str] = field(default_factory=set)
    errors: list[DiplographError] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        keys = ("files", "rows", "inserted", "skipped", "failed", "uncoded", "overlapping")
        return {k: getattr(self, k) for k in keys}


def import_events(
    paths: Iterable[str | Path],
    fmt: str,
    store: Store,
    on_error: Callable[[DiplographError], None] | None = None,
) -> ImportSummary:
    """Import files of format ``fmt`` into ``store``; one transaction per batch of rows."""
    if fmt not in FORMATS:
        raise ConfigError(
            f"unknown import format {fmt!r}; use one of {', '.join(FORMATS)}", code="D404"
        )
    reader, coder = FORMATS[fmt], load_coder()
    summary = ImportSummary()
    run_id = store.start_run(f"import-events --format {fmt}", IMPORTER_VERSION)

    def fail(err: DiplographError) -> None:
        summary.failed += 1
        summary.errors.append(err)
        store.record_failure(run_id, err.item or "", err.code, err.message)
        if on_error is not None:
            on_error(err)

    def flush(batch: list[ImportedEvent]) -> None:
        inserted, skipped = store.add_imported_events([r.as_row() for r in batch], run_id)
        summary.inserted += inserted
        summary.skipped += skipped
        batch.clear()

    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            fail(IngestError("path does not exist or is not a file", item=str(raw), code="D108"))
            continue
        summary.files += 1
        batch: list[ImportedEvent] = []
        try:
            for rec in reader(path, coder):
                if isinstance(rec, DiplographError):
                    fail(rec)
                    continue
                summary.rows += 1
                summary.uncoded += int(rec.source.uncoded or rec.target.uncoded)
                summary.datasets.add(rec.dataset)
                batch.append(rec)
                if len(batch) >= BATCH:
                    flush(batch)
        except OSError as err:
            fail(IngestError(f"cannot read: {err.strerror or err}", item=str(raw), code="D108"))
        if batch:
            flush(batch)
    # overlapping datasets are not added up: each cell counts from one (store.imported_counts)
    summary.overlapping = sum(store.imported_overlap(d) for d in sorted(summary.datasets))
    store.finish_run(run_id, summary.as_dict(), "done" if not summary.failed else "partial")
    return summary
