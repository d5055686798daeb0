"""Incremental conflicts and trends (#19): a full computation on a 10,000-document store
against the update of its cached result after 100 more documents.

What it measures
----------------
* Builds (or reuses, ``--db``/``--keep``) the synthetic SQLite store of
  ``bench/api_latency.py`` (N documents: 3 events, 1 figure each, a tier record in ten) and
  copies it for each round, so every round starts from the same N documents.
* Per round: ``find_conflicts`` on the N documents (full, cold: what a request after any
  ingest cost before), then ``save_documents_batch`` of ``--add`` new synthetic documents (an
  append), then ``update_conflicts`` from the first result (incremental) and
  ``find_conflicts`` again (full, for comparison and to check that both are equal). The same
  for ``/api/trends``'s computation (``trend_points``, VNM by month, extracted events).
* The pickle round trip of the cached conflicts result: the server ships the base to a
  compute process and the result back (``ComputePool``), on top of the update itself.
* Reports the median over ``--rounds`` of each, in ms. Single-threaded, no server.

How to run
----------
    .venv/bin/python bench/incremental.py                         # 10,000 + 100, 3 rounds
    .venv/bin/python bench/incremental.py --db /tmp/inc10k.db --keep --rounds 5
    .venv/bin/python bench/incremental.py --pg postgresql://...   # also on PostgreSQL
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_latency import build, make_document  # noqa: E402

from diplograph.query.conflicts import find_conflicts, update_conflicts  # noqa: E402
from diplograph.query.history import series_query, trend_points, update_trend_points  # noqa: E402
from diplograph.store import SQLiteStore, Store, open_store  # noqa: E402


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t0) * 1000, out


def add_documents(store: Store, first: int, n: int) -> None:
    """``n`` new synthetic documents, ids after the store's, through the store's batch writer."""
    rnd = random.Random(first)
    items = []
    for i in range(first, first + n):
        doc, x = make_document(i, rnd)
        items.append((doc, hashlib.sha256(doc.text.encode()).hexdigest(), x))
    store.save_documents_batch(items, None)


def one_round(store: Store, n: int, add: int) -> dict[str, float]:
    """Full and incremental times (ms) on ``store`` holding ``n`` documents, plus ``add``."""
    q = series_query("VNM", sources="extracted")
    out: dict[str, float] = {}
    out["conflicts full (N)"], before = timed(lambda: find_conflicts(store))
    out["trends full (N)"], points = timed(lambda: trend_points(store, q))
    dump_ms, blob = timed(lambda: pickle.dumps(before, protocol=pickle.HIGHEST_PROTOCOL))
    out["pickle: base to worker and back (x2)"] = 2 * (
        dump_ms + timed(lambda: pickle.loads(blob))[0]
    )
    out["cached result size (MB)"] = len(blob) / 1e6
    add_documents(store, n, add)
    out["conflicts incremental (N+add)"], inc = timed(lambda: update_conflicts(store, before))
    out["conflicts full (N+add)"], full = timed(lambda: find_conflicts(store))
    out["trends incremental (N+add)"], inc_t = timed(lambda: update_trend_points(store, points, q))
    out["trends full (N+add)"], full_t = timed(lambda: trend_points(store, q))
    assert [c.to_dict() for c in inc[:2000]] == [c.to_dict() for c in full[:2000]]
    assert len(inc) == len(full) and inc_t == full_t
    out["conflicts (N+add)"] = len(full)
    return out


def fill_postgres(url: str, n: int) -> Store:
    """A PostgreSQL store with the same N synthetic documents (COPY batches), emptied first."""
    store = open_store(url)
    conn = store.conn  # type: ignore[attr-defined]
    conn.execute("TRUNCATE documents, events, figures, relations, mentions, sentences CASCADE")
    add_documents(store, 0, n)
    conn.execute("ANALYZE")
    return store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=10_000, help="documents in the store")
    ap.add_argument("--add", type=int, default=100, help="documents added before the update")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--db", type=Path, help="SQLite store to build or reuse")
    ap.add_argument("--keep", action="store_true", help="keep --db for the next run")
    ap.add_argument("--pg", help="also measure on this PostgreSQL URL (its tables are emptied)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="diplograph-inc-"))
    db = args.db or tmp / "base.db"
    if not db.exists():
        print(f"building {args.n:,} documents in {db} ...", flush=True)
        build(db, args.n)
    results: dict[str, list[dict[str, float]]] = {"sqlite": []}
    for r in range(args.rounds):
        copy = tmp / f"round{r}.db"
        shutil.copy(db, copy)
        store = SQLiteStore(str(copy))
        results["sqlite"].append(one_round(store, args.n, args.add))
        store.close()
        copy.unlink()
    if args.pg:
        results["postgresql"] = []
        for _ in range(args.rounds):
            pg = fill_postgres(args.pg, args.n)
            results["postgresql"].append(one_round(pg, args.n, args.add))
            pg.close()
    for backend, rounds in results.items():
        print(f"\n{backend}: {args.n:,} documents + {args.add}, median of {len(rounds)} rounds")
        for key in rounds[0]:
            value = statistics.median(r[key] for r in rounds)
            print(f"  {key:<42} {value:>12,.1f}")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
        if args.db and not args.keep:
            args.db.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
