"""Quad-class accuracy on the ConfliBERT CAMEO sentence-classification split (outside data).

What it measures
----------------
``conflibert-cameo/cameo_class/test.tsv`` holds 451 English news sentences (2017-2018), one per
line as ``sentence<TAB>label``, labelled with the Phoenix quad class:

    0 neutral (CAMEO 01-02)            1 verbal cooperation (03-05)
    2 material cooperation (06-08)     3 verbal conflict (09-13, 16)
    4 material conflict (14, 15, 17-20)

Each sentence is run through ``diplograph.extract.extract`` as a one-sentence document. Our
highest-confidence event (ties: the first) is mapped to a quad class with ``QUAD`` below; no
event means 0 (neutral). Reported: accuracy, per-class precision/recall/F1, macro-F1, the
confusion matrix, and the majority-class baseline for scale. No tuning.

Mapping (CAMEO's convention, which the Phoenix quad classes follow):
* VISIT, MEET, CALL, CONFERENCE -> 1: CAMEO 04 consult (040 discuss by telephone, 042/043 make or
  host a visit, 044 meet at a third location, 046 engage in negotiation).
* STATEMENT_SUPPORT -> 1: CAMEO 051 praise or endorse.
* AGREE_SIGN -> 1: CAMEO 057 sign formal agreement sits in 05 (diplomatic cooperation), i.e.
  verbal cooperation, not material.
* PARTNERSHIP_UPGRADE -> 1: a change of diplomatic relations is diplomatic cooperation (CAMEO 05,
  e.g. 054 grant diplomatic recognition), not 06 material cooperation.
* ELECTED -> 1: our PLOVER mapping treats it as SUPPORT (other states voted for the elected
  one), i.e. CAMEO 05 endorsement.
* AID -> 2: CAMEO 07 provide aid.
* EVACUATE -> 2: our PLOVER mapping is RETREAT/withdraw, CAMEO 08 yield (material cooperation).
* OTHER_COOPERATE -> 2: CAMEO 06 engage in material cooperation.
* PROTEST_ACCUSE -> 3: CAMEO 11 disapprove / 112 accuse / 13x.
* SANCTION -> 3: CAMEO 16 reduce relations (163 impose embargo, boycott or sanctions; 1663
  expel diplomats) is verbal conflict in the Phoenix quad scheme (SOURCE.txt: "3 = verbal
  conflict 09-13,16"); the labels agree: most training sentences about sanctions carry 3.
* OTHER_CONFLICT -> 4: our PLOVER mapping is COERCE, CAMEO 17 coerce.

The data is read from ``../shared/external-benchmarks`` relative to the repository root, or from
``--data-dir`` / ``$DIPLOGRAPH_EXTERNAL_BENCHMARKS``; when the folder is absent the script prints
"skipped: folder not found" and exits 0. Never copy the data into the repository.

How to run
----------
    .venv/bin/python bench/conflibert_cameo.py
    .venv/bin/python bench/conflibert_cameo.py --split train --json /tmp/conflibert.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ENV_VAR = "DIPLOGRAPH_EXTERNAL_BENCHMARKS"
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO_ROOT.parent / "shared" / "external-benchmarks"
SUBDIR = "conflibert-cameo"

CLASSES = ["neutral", "verbal coop", "material coop", "verbal conflict", "material conflict"]
QUAD: dict[str, int] = {
    "VISIT": 1,
    "MEET": 1,
    "CALL": 1,
    "CONFERENCE": 1,
    "STATEMENT_SUPPORT": 1,
    "AGREE_SIGN": 1,
    "PARTNERSHIP_UPGRADE": 1,
    "ELECTED": 1,
    "AID": 2,
    "EVACUATE": 2,
    "OTHER_COOPERATE": 2,
    "PROTEST_ACCUSE": 3,
    "SANCTION": 3,
    "OTHER_CONFLICT": 4,
}


def data_dir(cli: str | None) -> Path:
    return Path(cli or os.environ.get(ENV_VAR) or DEFAULT_DIR)


def read_split(path: Path) -> list[tuple[str, int]]:
    rows: list[tuple[str, int]] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            text, sep, label = line.rpartition("\t")
            if not sep or not label.strip().isdigit() or int(label) not in range(5):
                raise SystemExit(f"{path}:{n}: expected 'sentence<TAB>0-4'")
            rows.append((text, int(label)))
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description="Score diplograph events, mapped to Phoenix quad classes, against the "
        "ConfliBERT CAMEO sentence-classification data (conflibert-cameo/cameo_class).",
    )
    p.add_argument(
        "--data-dir", help=f"external-benchmarks folder (default: ${ENV_VAR} or {DEFAULT_DIR})"
    )
    p.add_argument(
        "--split",
        choices=["test", "train"],
        default="test",
        help="which split to score (default test)",
    )
    p.add_argument("--json", metavar="PATH", help="also write the results as JSON to PATH")
    p.add_argument("--limit", type=int, help="score only the first N sentences (smoke test)")
    a = p.parse_args(argv)

    path = data_dir(a.data_dir) / SUBDIR / "cameo_class" / f"{a.split}.tsv"
    if not path.is_file():
        print(f"skipped: folder not found ({path.parent}); set --data-dir or ${ENV_VAR}")
        return 0

    from diplograph.extract import extract
    from diplograph.models import Document

    rows = read_split(path)
    if a.limit:
        rows = rows[: a.limit]
    n = len(rows)
    k = len(CLASSES)
    matrix = [[0] * k for _ in range(k)]  # matrix[gold][pred]
    types: Counter[str] = Counter()

    extract(Document(id="warm", text="France met Japan.", published="2018-01-01"))
    t0 = time.perf_counter()
    for i, (text, gold) in enumerate(rows):
        x = extract(Document(id=f"s{i}", text=text, published="2018-01-01"))
        ev = max(x.events, key=lambda e: e.confidence) if x.events else None
        types[ev.type if ev else "none"] += 1
        pred = QUAD.get(ev.type, 0) if ev else 0
        matrix[gold][pred] += 1
    elapsed = time.perf_counter() - t0

    correct = sum(matrix[c][c] for c in range(k))
    gold_n = [sum(matrix[c]) for c in range(k)]
    pred_n = [sum(matrix[g][c] for g in range(k)) for c in range(k)]
    per_class: list[dict[str, object]] = []
    f1s: list[float] = []
    for c in range(k):
        prec = matrix[c][c] / pred_n[c] if pred_n[c] else 0.0
        rec = matrix[c][c] / gold_n[c] if gold_n[c] else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        f1s.append(f1)
        per_class.append(
            {
                "class": c,
                "name": CLASSES[c],
                "gold": gold_n[c],
                "predicted": pred_n[c],
                "precision": prec,
                "recall": rec,
                "f1": f1,
            }
        )
    macro_f1 = sum(f1s) / k
    majority = max(range(k), key=lambda c: gold_n[c])
    covered = n - types["none"]

    print(f"ConfliBERT CAMEO {a.split} ({path}): {n} sentences, extract {elapsed:.1f} s")
    print(f"  coverage (any event)   {100 * covered / n:5.1f}% ({covered}/{n})")
    print(f"  accuracy               {100 * correct / n:5.1f}% ({correct}/{n})")
    print(f"  macro-F1               {macro_f1:.3f}")
    print(
        f"  majority baseline      {100 * gold_n[majority] / n:5.1f}% (always {majority} "
        f"{CLASSES[majority]})"
    )
    print()
    print(f"  {'class':<20} {'gold':>5} {'pred':>5} {'precision':>10} {'recall':>7} {'F1':>6}")
    for r in per_class:
        print(
            f"  {r['class']} {r['name']:<18} {r['gold']:>5} {r['predicted']:>5} "
            f"{r['precision']:>10.3f} {r['recall']:>7.3f} {r['f1']:>6.3f}"
        )
    print()
    print("  confusion matrix (rows gold, columns ours)")
    print("  " + " " * 8 + "".join(f"{c:>6}" for c in range(k)))
    for g in range(k):
        print(f"  gold {g}  " + "".join(f"{matrix[g][c]:>6}" for c in range(k)))
    print()
    print("  our event types: " + ", ".join(f"{t} {c}" for t, c in types.most_common()))

    if a.json:
        out = {
            "data": str(path),
            "split": a.split,
            "sentences": n,
            "seconds": elapsed,
            "coverage": covered / n if n else None,
            "accuracy": correct / n if n else None,
            "macro_f1": macro_f1,
            "majority_baseline": gold_n[majority] / n if n else None,
            "per_class": per_class,
            "confusion": matrix,
            "mapping": QUAD,
            "event_types": dict(types),
            "python": sys.version.split()[0],
        }
        Path(a.json).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {a.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
