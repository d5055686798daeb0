"""Learning curve: held-back and check F1 of the event decider trained on 25/50/100% of the
training documents (same seed, same order), to show whether more annotation still pays.

Usage: .venv/bin/python bench/learning_curve.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from diplograph.corpus.splits import get_split, load_split, run_split
from diplograph.evaluation import score
from diplograph.extract import extract
from diplograph.extract.pipeline import build_nlp
from diplograph.learn.decider import load_decider
from diplograph.learn.examples import examples_for
from diplograph.learn.train import event_training_pairs, train_all


def main() -> None:
    examples = examples_for(event_training_pairs(load_split(get_split("train"))))
    docs = sorted({e.doc for e in examples})
    nlp = build_nlp()
    print("| training documents | held-back events.type+actors | check events.type+actors |")
    print("|---|---|---|")
    for share in (0.25, 0.5, 1.0):
        keep = set(docs[:: round(1 / share)]) if share < 1 else set(docs)
        with tempfile.TemporaryDirectory() as tmp:
            train_all([e for e in examples if e.doc in keep], Path(tmp))
            dec = load_decider(Path(tmp))
            row = []
            for name in ("heldback", "check"):
                sp = get_split(name)
                if not sp.available():
                    row.append("n/a")
                    continue
                gold, recs = run_split(
                    load_split(sp), lambda d, dec=dec: extract(d, nlp=nlp, decider=dec)
                )
                row.append(f"{score(gold, **recs).levels[1].f1:.3f}")
        print(f"| {len(keep)} ({share:.0%}) | {row[0]} | {row[1]} |", flush=True)


if __name__ == "__main__":
    main()
