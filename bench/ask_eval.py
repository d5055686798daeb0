"""Question answering benchmark: accuracy (EVAL.md "Questions") and answer latency.

Ingests a corpus into a temporary database, answers every question of a questions file with
``diplograph.query.ask.answer``, writes the predictions as JSON Lines and, when the reference
scorer is present, runs it on them.

Usage: .venv/bin/python bench/ask_eval.py [--corpus DIR] [--questions FILE] [--out FILE] [-v]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from diplograph.jobs import ingest_documents
from diplograph.query.ask import answer
from diplograph.settings import Settings
from diplograph.store import SQLiteStore

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "news")
    ap.add_argument("--questions", type=Path, default=SHARED / "corpus" / "news-questions.jsonl")
    ap.add_argument("--scorer", type=Path, default=SHARED / "tools" / "score_qa.py")
    ap.add_argument("--out", type=Path, default=None, help="predictions file [temporary]")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every answer")
    args = ap.parse_args()
    questions = [json.loads(x) for x in args.questions.read_text().splitlines() if x.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "ask.db")
        store = SQLiteStore(db)
        ingest_documents([str(args.corpus)], store, Settings(db=db))
        answer(store, "warm up")  # first call loads nothing heavy, but keep timings fair
        preds, times = [], []
        for q in questions:
            t0 = time.perf_counter()
            a = answer(store, q["q"])
            times.append((time.perf_counter() - t0) * 1000)
            preds.append({"q": q["q"], **a.to_dict()})
            if args.verbose:
                ev = a.evidence[0]["doc"] if a.evidence else "-"
                print(f"{q['doc']} {ev:>4} {a.answer!r}  <-  gold {q['answer']!r}")
        store.close()
        out = args.out or Path(tmp) / "predictions.jsonl"
        out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds))
        times.sort()
        p50 = statistics.median(times)
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        print(f"questions={len(questions)} latency_ms p50={p50:.1f} p95={p95:.1f}")
        if args.scorer.exists():
            res = subprocess.run(
                [sys.executable, str(args.scorer), str(args.questions), str(out)],
                capture_output=True,
                text=True,
                check=False,
            )
            print(res.stdout.strip() or res.stderr.strip())
        else:
            print(f"scorer {args.scorer} not found; predictions in {out}")


if __name__ == "__main__":
    main()
