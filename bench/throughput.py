"""End-to-end ingest throughput: read + extract + store, in articles per second.

What it measures
----------------
* For each corpus size (default 10,000), backend (SQLite file, PostgreSQL schema) and worker
  count (1 = the plain single-process ``diplograph ingest``; N > 1 = ``ingest --workers N``),
  one fresh store is filled from a JSONL corpus written by ``bench/generate.py`` (cached under
  ``--work``). Each run is a child process, so the numbers do not mix.
* Articles/s over the whole run (worker start-up included), peak RSS of the parent process and
  of the largest worker process (``getrusage``), and — with several sizes — how the time grows
  with corpus size (seconds per 1,000 articles should stay flat: linear).
* PostgreSQL: ``--pg-url``, else ``DIPLOGRAPH_TEST_PG_URL``, else ``scripts/pg-start``'s
  ``.pg/url``; every run gets a fresh schema, dropped afterwards.

How to run
----------
    scripts/pg-start
    .venv/bin/python bench/throughput.py                                 # 10k, 1 and 2 workers
    .venv/bin/python bench/throughput.py --sizes 10000 100000 --backends sqlite --workers 2
    .venv/bin/python bench/throughput.py --json /tmp/throughput.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def _pg_base(arg: str | None) -> str | None:
    if arg:
        return arg
    if os.environ.get("DIPLOGRAPH_TEST_PG_URL"):
        return os.environ["DIPLOGRAPH_TEST_PG_URL"]
    url_file = ROOT / ".pg" / "url"
    return url_file.read_text().strip() if url_file.exists() else None


def _corpus(work: Path, n: int) -> Path:
    from generate import write_corpus

    folder = work / f"corpus-{n}"
    done = folder / ".complete"
    if not done.exists():
        t = time.perf_counter()
        write_corpus(folder, n)
        done.write_text("ok")
        print(f"generated {n:,} articles in {time.perf_counter() - t:.1f}s", file=sys.stderr)
    return folder


def run_one(backend: str, workers: int, corpus: Path, db: str, n: int) -> dict[str, Any]:
    """One measurement, in this (child) process."""
    from diplograph.batch import run_batch
    from diplograph.jobs import ingest_documents
    from diplograph.settings import Settings
    from diplograph.store import open_store

    store = open_store(db)
    settings = Settings(db=db)
    t = time.perf_counter()
    if workers <= 1:
        summary = ingest_documents([str(corpus)], store, settings)
    else:
        summary = run_batch([str(corpus)], store, settings, workers=workers)
    seconds = time.perf_counter() - t
    stats = store.stats()
    store.close()
    return {
        "backend": backend,
        "workers": workers,
        "articles": n,
        "seconds": round(seconds, 2),
        "articles_per_s": round(summary.new / seconds, 1),
        "s_per_1000": round(1000 * seconds / max(1, summary.new), 2),
        "rss_parent_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "rss_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "new": summary.new,
        "failed": summary.failed,
        "events": stats["events"],
        "figures": stats["figures"],
        "relations": stats["relations"],
    }


def _measure(backend: str, workers: int, n: int, work: Path, pg: str | None) -> dict[str, Any]:
    corpus = _corpus(work, n)
    schema = None
    if backend == "sqlite":
        db = str(work / f"bench-{n}-{workers}.db")
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
    else:
        import psycopg

        assert pg is not None
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(pg, autocommit=True) as c:
            c.execute(f"CREATE SCHEMA {schema}")
        db = f"{pg}{'&' if '?' in pg else '?'}options=-csearch_path%3D{schema}"
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--one", backend, str(workers), str(corpus), db, str(n)],
            check=True,
            capture_output=True,
            text=True,
        )
        result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
        return result
    finally:
        if schema and pg:
            import psycopg

            with psycopg.connect(pg, autocommit=True) as c:
                c.execute(f"DROP SCHEMA {schema} CASCADE")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    ap.add_argument("--pg-url", default=None)
    ap.add_argument("--work", type=Path, default=Path("/tmp/diplograph-bench"))
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    ap.add_argument("--one", nargs=5, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        backend, workers, corpus, db, n = args.one
        print(json.dumps(run_one(backend, int(workers), Path(corpus), db, int(n))))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    pg = _pg_base(args.pg_url)
    backends = [b for b in args.backends if b != "postgres" or pg]
    if "postgres" in args.backends and not pg:
        print("no PostgreSQL URL (run scripts/pg-start): skipping postgres", file=sys.stderr)
    print(f"# {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    header = (
        f"{'backend':9} {'workers':>7} {'articles':>9} {'seconds':>8} {'art/s':>7} "
        f"{'s/1k':>6} {'RSS parent MB':>13} {'RSS worker MB':>13} {'events':>8}"
    )
    print(header)
    results = []
    for n in args.sizes:
        for backend in backends:
            for w in args.workers:
                r = _measure(backend, w, n, args.work, pg)
                results.append(r)
                print(
                    f"{r['backend']:9} {r['workers']:>7} {r['articles']:>9,} {r['seconds']:>8} "
                    f"{r['articles_per_s']:>7} {r['s_per_1000']:>6} {r['rss_parent_mb']:>13} "
                    f"{r['rss_worker_mb']:>13} {r['events']:>8,}",
                    flush=True,
                )
    if len(args.sizes) > 1:
        print("\n# growth: seconds per 1,000 articles by size (flat = linear)")
        for backend in backends:
            for w in args.workers:
                row = [r for r in results if r["backend"] == backend and r["workers"] == w]
                cells = ", ".join(f"{r['articles']:,}: {r['s_per_1000']}" for r in row)
                print(f"{backend} x{w}: {cells}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
