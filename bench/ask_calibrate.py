"""Fit the confidence of ``ask`` on the training questions; report calibration on held-back ones.

Answers ``corpus/questions/train.jsonl`` over ``corpus/train`` and fits a logistic regression
from each answer's signals to "answer and evidence right" (EVAL.md rule, our own
``evaluation.question_correct``). Writes ``diplograph/data/ask/calibration.json``; then answers
the held-back questions over ``corpus/heldback`` and prints the calibration table.

Usage: .venv/bin/python bench/ask_calibrate.py [--no-write]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from diplograph.evaluation import question_correct
from diplograph.jobs import ingest_documents
from diplograph.query import ask as ask_mod
from diplograph.settings import Settings
from diplograph.store import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "diplograph" / "data" / "ask" / "calibration.json"
SEED = 13
BINS = (0.0, 0.5, 0.7, 0.9, 1.01)


def run(corpus: Path, questions: list[Path]) -> list[tuple[dict[str, Any], Any]]:
    """Answer every question over a fresh store of ``corpus``: (gold, Answer) pairs."""
    qs = [json.loads(x) for p in questions for x in p.read_text().splitlines() if x.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "cal.db")
        store = SQLiteStore(db)
        ingest_documents([str(corpus)], store, Settings(db=db))
        out = [(q, ask_mod.answer(store, q["q"])) for q in qs]
        store.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true", help="only print the held-back table")
    args = ap.parse_args()
    if not args.no_write:
        from sklearn.linear_model import LogisticRegression

        OUT.unlink(missing_ok=True)
        ask_mod._calibration.cache_clear()
        train = run(ROOT / "corpus/train/news", [ROOT / "corpus/questions/train.jsonl"])
        rows = [(a.signals, question_correct(q, a.to_dict())[1]) for q, a in train if a.answer]
        names = sorted({k for sig, _ in rows for k in sig})
        x = [[sig.get(k, 0.0) for k in names] for sig, _ in rows]
        y = [int(ok) for _, ok in rows]
        model = LogisticRegression(C=1.0, max_iter=2000, random_state=SEED).fit(x, y)
        weights = {k: round(float(w), 5) for k, w in zip(names, model.coef_[0], strict=True)}
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(
            json.dumps(
                {
                    "bias": round(float(model.intercept_[0]), 5),
                    "weights": weights,
                    "trained_on": "corpus/questions/train.jsonl",
                    "answered": len(rows),
                    "right": sum(y),
                },
                indent=1,
            )
            + "\n"
        )
        print(f"fitted on {len(rows)} answered training questions ({sum(y)} right) → {OUT}")
        ask_mod._calibration.cache_clear()
    qfiles = sorted((ROOT / "corpus/questions").glob("heldback-*.jsonl"))
    held = run(ROOT / "corpus/heldback/news", qfiles)
    print(f"held-back questions: {len(held)}")
    print("| confidence | answers | right | share right |")
    print("|---|---|---|---|")
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        sel = [question_correct(q, a.to_dict())[1] for q, a in held
               if a.answer and lo <= a.confidence < hi]  # fmt: skip
        share = f"{sum(sel) / len(sel):.2f}" if sel else "-"
        print(f"| {lo:.1f}–{min(hi, 1.0):.1f} | {len(sel)} | {sum(sel)} | {share} |")
    unknown = sum(1 for _, a in held if a.answer is None)
    both = sum(question_correct(q, a.to_dict())[1] for q, a in held)
    print(f"no answer: {unknown}; answer + evidence right: {both}/{len(held)}")


if __name__ == "__main__":
    main()
