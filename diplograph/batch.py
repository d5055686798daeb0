# dask.distributed ships without type hints for Client/LocalCluster:
# mypy: disable-error-code="no-untyped-call"
"""Parallel and distributed ingest: extraction in worker processes or on a Dask cluster.

The parent process reads the input, skips what is stored already, sends partitions of
documents to :func:`extract_partition` (pure: documents in, extractions or error markers out)
and writes the results in input order, a batch at a time, with
``Store.save_documents_batch`` (COPY on PostgreSQL). A document whose extraction crashes is
recorded in ``failures`` (D201) exactly as in :func:`diplograph.jobs.ingest_documents`; the
partition goes on. So the stored records are the same as a single-process run's.

    run_batch(paths, store, settings, workers=2)            # local processes
    run_batch(paths, store, settings, dask="local")         # a LocalCluster on this machine
    run_batch(paths, store, settings, dask="tcp://scheduler:8786")
"""

from __future__ import annotations

import logging
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from multiprocessing import get_context
from typing import Any, Protocol

from diplograph.errors import ConfigError, ExtractError, IngestError
from diplograph.extract import extract
from diplograph.ingest import read_documents
from diplograph.ingest.normalize import content_hash
from diplograph.jobs import IngestSummary, not_stored, recorded_run
from diplograph.models import Document, Extraction
from diplograph.settings import Settings
from diplograph.store import Store

__all__ = ["ExtractFailure", "extract_partition", "run_batch"]

log = logging.getLogger(__name__)

BATCH_SIZE = 32  # documents per partition and per write


@dataclass(frozen=True)
class ExtractFailure:
    """What :func:`extract_partition` returns for a document whose extraction raised."""

    message: str


Extractor = Callable[[Document, str], Extraction]


def _extract(doc: Document, home: str) -> Extraction:
    return extract(doc, home=home)


def extract_partition(
    docs: list[Document], home: str, extractor: Extractor = _extract
) -> list[Extraction | ExtractFailure]:
    """Extract each document; a crash becomes an :class:`ExtractFailure`, never an exception.

    Pure and picklable, so a process pool or a Dask worker can run it. ``extractor`` must be
    a module-level function (it travels to the workers by name).
    """
    out: list[Extraction | ExtractFailure] = []
    for doc in docs:
        try:
            out.append(extractor(doc, home))
        except Exception as exc:  # noqa: BLE001 — one bad document must not stop the partition
            out.append(ExtractFailure(f"extraction failed: {type(exc).__name__}: {exc}"))
    return out


def _save_all(
    store: Store,
    items: list[tuple[Document, str, Extraction]],
    run_id: int,
    summary: IngestSummary,
) -> list[str]:
    """Store a partition in one batch; if the batch fails, each document in its own
    transaction, so one bad record fails alone instead of rolling back its 31 neighbours."""
    if not items:
        return []
    try:
        return list(store.save_documents_batch(items, run_id))
    except Exception:  # noqa: BLE001 — retried one by one below, where the culprit is named
        log.warning("batch of %d documents failed; storing them one by one", len(items))
    out: list[str] = []
    for doc, digest, extraction in items:
        try:
            out.append(store.save_document(doc, digest, extraction, run_id))
        except Exception as exc:  # noqa: BLE001 — one bad document must not stop the batch
            out.append(not_stored(exc, doc, store, run_id, summary))
    return out


def _die_with_parent() -> None:
    """Linux: the kernel ends this worker when the ingest process dies, even by SIGKILL.

    Without it a killed ``ingest --workers N`` left its workers alive for minutes (#19).
    Elsewhere a no-op: the workers then exit when their queue's pipe closes.
    """
    if sys.platform != "linux":
        return
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


def _warm_up() -> None:
    """Build the spaCy pipeline and gazetteer once per worker process."""
    _die_with_parent()
    from diplograph.extract.gazetteer import load_gazetteer
    from diplograph.extract.pipeline import build_nlp

    build_nlp()
    load_gazetteer()


class _Submitter(Protocol):
    def __call__(self, docs: list[Document], home: str, extractor: Extractor) -> Any: ...


@dataclass
class _Entry:
    """One input item in input order: a failure, a duplicate, or a document to extract."""

    item: str
    doc: Document | None = None
    digest: str = ""
    error: IngestError | None = None
    duplicate: bool = False


class _Done:
    """A finished 'future' for in-process extraction (``workers=1``)."""

    def __init__(self, value: list[Extraction | ExtractFailure]) -> None:
        self.value = value

    def result(self) -> list[Extraction | ExtractFailure]:
        return self.value


@contextmanager
def _executor(workers: int, dask: str | None) -> Iterator[tuple[_Submitter, int]]:
    """A ``submit(docs, home) -> future`` function and how many partitions to keep in flight."""
    if dask:
        try:
            from distributed import Client, LocalCluster
        except ImportError as err:
            raise ConfigError(
                f"--dask needs dask.distributed ({err}); pip install 'diplograph[scale]'",
                code="D403",
            ) from err
        cluster = None
        if dask == "local":
            cluster = LocalCluster(
                n_workers=max(2, workers),
                threads_per_worker=1,
                processes=True,
                # the scheduler always serves HTTP; None would still take port 8787 and warn
                # when two clusters run at once, so let the system pick a free port
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
        else:
            try:
                client = Client(dask, timeout=30)
            except OSError as err:
                raise ConfigError(
                    f"cannot reach the Dask scheduler at {dask}: {err}; start one with "
                    "`dask scheduler` and workers with `dask worker {dask}`",
                    code="D403",
                ) from err
        try:
            client.run(_warm_up)
            n = max(1, len(client.scheduler_info().get("workers", {})))

            def submit_dask(docs: list[Document], home: str, extractor: Extractor) -> Any:
                return client.submit(extract_partition, docs, home, extractor, pure=False)

            yield submit_dask, 2 * n + 1
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
        return
    if workers <= 1:

        def submit_inline(docs: list[Document], home: str, extractor: Extractor) -> Any:
            return _Done(extract_partition(docs, home, extractor))

        yield submit_inline, 1
        return
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=get_context("spawn"), initializer=_warm_up
    ) as pool:

        def submit_pool(docs: list[Document], home: str, extractor: Extractor) -> Future[Any]:
            return pool.submit(extract_partition, docs, home, extractor)

        yield submit_pool, 2 * workers + 1


def run_batch(
    paths: Iterable[str],
    store: Store,
    settings: Settings,
    *,
    workers: int = 1,
    dask: str | None = None,
    batch_size: int = BATCH_SIZE,
    on_item: Callable[[str, str], None] | None = None,
    extractor: Extractor = _extract,
) -> IngestSummary:
    """Ingest like :func:`~diplograph.jobs.ingest_documents`, extracting in parallel.

    ``workers``: local worker processes (1 = in this process); ``dask``: ``"local"`` for a
    LocalCluster with ``max(2, workers)`` workers, or a scheduler address
    (``tcp://host:8786``). Results are written in input order, ``batch_size`` at a time.
    ``extractor`` replaces :func:`~diplograph.extract.extract` (tests inject failures).
    """
    paths = list(paths)
    summary = IngestSummary()
    max_bytes = int(settings.max_file_mb * 1_000_000)
    with (
        recorded_run(store, "ingest " + " ".join(paths), summary) as run_id,
        _executor(workers, dask) as (submit, in_flight),
    ):
        pending: deque[tuple[list[_Entry], Any]] = deque()
        for chunk in _chunks(_entries(paths, store, settings, max_bytes), batch_size):
            docs = [e.doc for e in chunk if e.doc is not None and not e.duplicate]
            future = submit(docs, settings.home, extractor) if docs else _Done([])
            pending.append((chunk, future))
            while len(pending) > in_flight:
                _write(*pending.popleft(), store, settings, run_id, summary, on_item, extractor)
        while pending:
            _write(*pending.popleft(), store, settings, run_id, summary, on_item, extractor)
    return summary


def _entries(
    paths: list[str], store: Store, settings: Settings, max_bytes: int
) -> Iterator[_Entry]:
    """Input items in order, with read errors, size refusals and duplicates decided here."""
    for item in read_documents(paths, max_bytes=max_bytes):
        if isinstance(item, IngestError):
            yield _Entry(item.item or "?", error=item)
            continue
        name = item.source_path or item.id
        if len(item.text) > settings.max_doc_chars:
            err = IngestError(
                f"document has {len(item.text):,} characters, over the "
                f"{settings.max_doc_chars:,} limit; split it or raise DIPLOGRAPH_MAX_DOC_CHARS",
                item=name,
                code="D103",
            )
            yield _Entry(name, error=err)
            continue
        digest = content_hash(item.text)
        dup = store.document_status(item, digest) == "duplicate"
        yield _Entry(name, doc=item, digest=digest, duplicate=dup)


def _chunks(entries: Iterator[_Entry], size: int) -> Iterator[list[_Entry]]:
    """Groups of entries holding at most ``size`` documents to extract."""
    chunk: list[_Entry] = []
    n = 0
    for e in entries:
        chunk.append(e)
        if e.doc is not None and not e.duplicate:
            n += 1
        if n >= size:
            yield chunk
            chunk, n = [], 0
    if chunk:
        yield chunk


def _results(
    future: Any, docs: list[Document], home: str, extractor: Extractor
) -> list[Extraction | ExtractFailure]:
    """A partition's results; a lost partition (dead worker) is redone in this process."""
    try:
        result: list[Extraction | ExtractFailure] = future.result()
        return result
    except Exception as exc:  # noqa: BLE001 — the worker, not a document, failed
        log.warning("partition of %d documents failed (%s); extracting it here", len(docs), exc)
        return extract_partition(docs, home, extractor)


def _write(
    chunk: list[_Entry],
    future: Any,
    store: Store,
    settings: Settings,
    run_id: int,
    summary: IngestSummary,
    on_item: Callable[[str, str], None] | None,
    extractor: Extractor,
) -> None:
    """Record failures and store the extractions of one partition, in input order."""
    docs = [e.doc for e in chunk if e.doc is not None and not e.duplicate]
    results = iter(_results(future, docs, settings.home, extractor))
    outcome: list[tuple[_Entry, str | Extraction]] = []
    to_save: list[tuple[Document, str, Extraction]] = []
    for e in chunk:
        if e.error is not None:
            summary.failed += 1
            summary.errors.append(e.error)
            store.record_failure(run_id, e.error.item or e.item, e.error.code, e.error.message)
            outcome.append((e, "failed"))
        elif e.duplicate or e.doc is None:
            summary.duplicate += 1
            outcome.append((e, "duplicate"))
        else:
            r = next(results)
            if isinstance(r, ExtractFailure):
                err = ExtractError(r.message, item=e.item, code="D201")
                summary.failed += 1
                summary.errors.append(err)
                store.record_failure(run_id, e.item, err.code, err.message)
                outcome.append((e, "failed"))
            else:
                doc = e.doc if r.language == e.doc.lang else replace(e.doc, lang=r.language)
                to_save.append((doc, e.digest, r))
                outcome.append((e, r))
    statuses = iter(_save_all(store, to_save, run_id, summary))
    for e, res in outcome:
        status = res
        if isinstance(res, Extraction):
            status = next(statuses)  # "failed" is counted and recorded by _save_all
            if status == "new":
                summary.new += 1
            elif status == "updated":
                summary.updated += 1
            elif status == "duplicate":
                summary.duplicate += 1
            if status in ("new", "updated"):
                summary.events += len(res.events)
                summary.figures += len(res.figures)
                summary.relations += len(res.relations)
                summary.count_language(res)
        if on_item:
            on_item(e.item, str(status))
