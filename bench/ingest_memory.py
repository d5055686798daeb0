"""Peak memory of one `diplograph ingest` on hostile single inputs (issue 19, "bounded memory").

Each case is written to a temporary folder and ingested by a child process
(`python -m diplograph ingest PATH --db …`); its peak RSS comes from ``getrusage`` of the
finished child. The target is < 300 MB for any single input. The good article beside each
hostile one must still be stored (the batch goes on).

Cases: a 200 MB JSON Lines line, a JSON file just under the 25 MB file limit (one article of
24 MB of text), a 30 MB JSON file (over the limit), 200 MB on standard input, and a plain
article as the baseline (interpreter, spaCy and the models).

Usage: .venv/bin/python bench/ingest_memory.py [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

GOOD = {"id": "good", "text": "Vietnam and Japan signed an agreement on clean energy in Hanoi."}
MB = 1_000_000


def _write_good(folder: Path) -> None:
    (folder / "good.json").write_text(json.dumps(GOOD), encoding="utf-8")


def _big_text(path: Path, head: str, chunk: str, size: int, tail: str) -> None:
    """Written in 1 MB pieces: a 200 MB string in this process would raise the children's
    peak too (Linux carries the RSS high-water mark across fork)."""
    piece = chunk * (MB // len(chunk))
    with path.open("w", encoding="utf-8") as fh:
        fh.write(head)
        for _ in range(size // len(piece)):
            fh.write(piece)
        fh.write(tail)


def _jsonl_line(folder: Path) -> None:
    after = json.dumps({**GOOD, "id": "after"})
    _big_text(folder / "huge.jsonl", '{"id": "huge", "text": "', "a", 200 * MB, f'"}}\n{after}\n')


def _json_under(folder: Path) -> None:
    _big_text(folder / "big.json", '{"id": "big", "text": "', "Vietnam and Japan met. ",
              24 * MB, '"}')  # fmt: skip


def _json_over(folder: Path) -> None:
    _big_text(folder / "over.json", '{"id": "over", "text": "', "a", 30 * MB, '"}')


def _baseline(folder: Path) -> None:
    return None


CASES: dict[str, Callable[[Path], None]] = {
    "baseline (one article)": _baseline,
    "200 MB JSONL line": _jsonl_line,
    "24 MB JSON file": _json_under,
    "30 MB JSON file (over limit)": _json_over,
}


def run_case(name: str, make: Callable[[Path], None], stdin_mb: int = 0) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        _write_good(folder)
        make(folder)
        db = str(Path(tmp) / "m.db")
        cmd = [sys.executable, "-m", "diplograph", "ingest", str(folder), "--db", db]
        stdin = None
        if stdin_mb:
            cmd = [sys.executable, "-m", "diplograph", "ingest", "-", "--db", db]
            stdin = Path(tmp) / "stdin.txt"
            _big_text(stdin, "", "a", stdin_mb * MB, "")
        start = time.perf_counter()
        with open(stdin, "rb") if stdin else open(os.devnull, "rb") as fh:
            proc = subprocess.Popen(
                cmd, stdin=fh, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
            out = proc.stdout.read() if proc.stdout else ""
            _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak, in KiB
            proc.returncode = os.waitstatus_to_exitcode(status)
        took = time.perf_counter() - start
        with sqlite3.connect(db) as conn:
            stored = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
            failed = [r[0] for r in conn.execute("SELECT code FROM failures ORDER BY id")]
        return {
            "case": name,
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "seconds": round(took, 1),
            "exit": proc.returncode,
            "stored": stored,
            "failed": failed,
            "last_line": out.strip().splitlines()[-1:] if out.strip() else [],
        }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, help="write the rows here")
    args = ap.parse_args()
    rows = [run_case(name, make) for name, make in CASES.items()]
    rows.append(run_case("200 MB on standard input", _baseline, stdin_mb=200))
    print("| input | peak RSS (MB) | seconds | exit | stored | failed (code) |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        stored = ", ".join(map(str, r["stored"])) or "none"  # type: ignore[call-overload]
        failed = ", ".join(map(str, r["failed"])) or "none"  # type: ignore[call-overload]
        print(
            f"| {r['case']} | {r['peak_rss_mb']} | {r['seconds']} | {r['exit']} | {stored} "
            f"| {failed} |"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
