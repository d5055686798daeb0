"""Jobs that tie the stages together: ingest (read → extract → store) and re-extract."""

from __future__ import annotations

import logging
import os
import socket
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from diplograph.errors import ExtractError, IngestError
from diplograph.extract import EXTRACTOR_VERSION, extract
from diplograph.extract.language import SUPPORTED
from diplograph.ingest import read_documents
from diplograph.ingest.normalize import content_hash
from diplograph.models import Document, Extraction
from diplograph.settings import Settings
from diplograph.store import Store

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    """Counts for one ingest run; ``errors`` holds one line per failed item."""

    new: int = 0
    updated: int = 0
    duplicate: int = 0
    failed: int = 0
    events: int = 0
    figures: int = 0
    relations: int = 0
    errors: list[IngestError | ExtractError] = field(default_factory=list)
    # documents in a language the extractor does not read: stored, counted, not extracted
    unsupported: Counter[str] = field(default_factory=Counter)

    def count_language(self, extraction: Extraction) -> None:
        if extraction.language not in SUPPORTED:
            self.unsupported[extraction.language] += 1

    def language_notes(self) -> list[str]:
        """ "12 documents in vi: stored, not extracted", one line per language."""
        return [
            f"{n} document{'s' if n != 1 else ''} in {lang}: stored, not extracted "
            "(the extractor reads English)"
            for lang, n in sorted(self.unsupported.items())
        ]

    @property
    def documents(self) -> int:
        return self.new + self.updated + self.duplicate

    def as_dict(self) -> dict[str, int]:
        return {
            "new": self.new,
            "updated": self.updated,
            "duplicate": self.duplicate,
            "failed": self.failed,
            "events": self.events,
            "figures": self.figures,
            "relations": self.relations,
        }


def ingest_documents(
    paths: Iterable[str],
    store: Store,
    settings: Settings,
    on_item: Callable[[str, str], None] | None = None,
) -> IngestSummary:
    """Read every item under ``paths``, extract it and store it, one transaction each.

    Bad items are recorded in ``failures`` and reported through ``on_item``; the batch goes
    on. Re-running the same command skips what is already stored (same id, same text).
    """
    max_bytes = int(settings.max_file_mb * 1_000_000)
    label = "ingest " + " ".join(paths if isinstance(paths, list) else [])
    return ingest_items(read_documents(paths, max_bytes=max_bytes), store, settings, on_item, label)


def ingest_items(
    items: Iterable[Document | IngestError],
    store: Store,
    settings: Settings,
    on_item: Callable[[str, str], None] | None = None,
    label: str = "ingest",
) -> IngestSummary:
    """Extract and store documents already read (errors among them are recorded), one run."""
    summary = IngestSummary()
    with recorded_run(store, label, summary) as run_id:
        for item in items:
            if isinstance(item, IngestError):
                summary.failed += 1
                summary.errors.append(item)
                store.record_failure(run_id, item.item or "?", item.code, item.message)
                if on_item:
                    on_item(item.item or "?", "failed")
                continue
            try:
                status = _ingest_one(item, store, settings, run_id, summary)
            except Exception as exc:  # noqa: BLE001 — one bad item must not stop the batch
                status = not_stored(exc, item, store, run_id, summary)
            if on_item:
                on_item(item.source_path or item.id, status)
    return summary


def _alive(pid: int) -> bool:
    """Whether a process of this machine with ``pid`` still exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


def mark_crashed_runs(store: Store) -> list[int]:
    """Runs still ``running`` whose process on this machine is gone (kill -9, power loss)
    are marked ``crashed``; runs of other machines or of live processes are left alone.
    Returns the ids marked."""
    host = socket.gethostname()
    crashed = [
        int(r["id"])
        for r in store.running_runs()
        if r.get("pid") and r.get("host") == host and not _alive(int(r["pid"]))
    ]
    for run_id in crashed:
        store.finish_run(run_id, {}, "crashed")
    return crashed


@contextmanager
def recorded_run(store: Store, label: str, summary: IngestSummary) -> Iterator[int]:
    """A run in the store's ``runs`` table: ``done``, ``partial`` (some items failed) or,
    when the block raises (a crash, Ctrl-C), ``interrupted``. Earlier runs whose process died
    without a word are marked ``crashed`` first (:func:`mark_crashed_runs`)."""
    mark_crashed_runs(store)
    run_id = store.start_run(label, EXTRACTOR_VERSION)
    try:
        yield run_id
    except BaseException:
        store.finish_run(run_id, summary.as_dict(), "interrupted")
        raise
    store.finish_run(run_id, summary.as_dict(), "done" if not summary.failed else "partial")


def not_stored(
    exc: Exception, doc: Document, store: Store, run_id: int, summary: IngestSummary
) -> str:
    """An unexpected error while storing one document: logged, counted, recorded (D199)."""
    log.exception("unexpected error on %s", doc.source_path or doc.id)
    err = IngestError(
        f"could not be stored: {type(exc).__name__}: {exc}",
        item=doc.source_path or doc.id,
        code="D199",
    )
    return _record_failure(err, doc, store, run_id, summary)


def _record_failure(
    err: IngestError | ExtractError,
    doc: Document,
    store: Store,
    run_id: int | None,
    summary: IngestSummary,
) -> str:
    """Count one failed item and keep it in the store's ``failures`` table."""
    summary.failed += 1
    summary.errors.append(err)
    store.record_failure(run_id, err.item or doc.id, err.code, err.message)
    return "failed"


def _ingest_one(
    doc: Document, store: Store, settings: Settings, run_id: int, summary: IngestSummary
) -> str:
    if len(doc.text) > settings.max_doc_chars:
        too_long = IngestError(
            f"document has {len(doc.text):,} characters, over the {settings.max_doc_chars:,} "
            "limit; split it or raise DIPLOGRAPH_MAX_DOC_CHARS",
            item=doc.source_path or doc.id,
            code="D103",
        )
        return _record_failure(too_long, doc, store, run_id, summary)
    digest = content_hash(doc.text)
    if store.document_status(doc, digest) == "duplicate":
        summary.duplicate += 1
        return "duplicate"
    try:
        extraction = extract(doc, home=settings.home)
    except Exception as exc:  # noqa: BLE001 — one bad document must not stop the batch
        crashed = ExtractError(
            f"extraction failed: {type(exc).__name__}: {exc}",
            item=doc.source_path or doc.id,
            code="D201",
        )
        return _record_failure(crashed, doc, store, run_id, summary)
    if extraction.language != doc.lang:
        doc = replace(doc, lang=extraction.language)
    status = store.save_document(doc, digest, extraction, run_id)
    if status == "duplicate":
        summary.duplicate += 1
        return status
    if status == "new":
        summary.new += 1
    else:
        summary.updated += 1
    summary.events += len(extraction.events)
    summary.figures += len(extraction.figures)
    summary.relations += len(extraction.relations)
    summary.count_language(extraction)
    return status


def reextract_all(
    store: Store,
    settings: Settings,
    on_item: Callable[[str, str], None] | None = None,
    force: bool = False,
) -> IngestSummary:
    """Recompute the records of documents whose extractor version hash is stale.

    A document is stale when it was extracted by another version (rules, gazetteer or
    model changed). ``force`` re-extracts every document.
    """
    summary = IngestSummary()
    versions = store.extractor_versions()
    for doc in store.iter_documents():
        if not force and versions.get(doc.id) == EXTRACTOR_VERSION:
            summary.duplicate += 1
            if on_item:
                on_item(doc.id, "current")
            continue
        try:
            x = extract(doc, home=settings.home)
        except Exception as exc:  # noqa: BLE001
            crashed = ExtractError(
                f"extraction failed: {type(exc).__name__}: {exc}", item=doc.id, code="D201"
            )
            _record_failure(crashed, doc, store, None, summary)
            continue
        store.replace_extraction(x)
        summary.updated += 1
        summary.events += len(x.events)
        summary.figures += len(x.figures)
        summary.relations += len(x.relations)
        if on_item:
            on_item(doc.id, "updated")
    return summary
