"""Is event confidence calibrated on text never trained on? A reliability table per split.

Runs the shipped extractor on each split and marks every predicted event right when the
scorer's greedy events.type+actors matching gives it a gold event; then prints, per bin of
confidence, how many events fall in it and how often they are right.

Usage: .venv/bin/python bench/event_calibration.py [--split heldback --split check]
"""

from __future__ import annotations

import argparse
from typing import Any

from diplograph.corpus.splits import get_split, load_split, run_split
from diplograph.evaluation import LEVELS
from diplograph.extract import extract
from diplograph.extract.pipeline import build_nlp
from diplograph.learn.calibrate import reliability

MATCH = next(m for name, _, m in LEVELS if name == "events.type+actors")


def right_flags(gold: dict[str, dict[str, Any]], events: list[dict[str, Any]]) -> list[bool]:
    """For each predicted event, whether the scorer's greedy matching pairs it with a gold one."""
    flags = [False] * len(events)
    by_doc: dict[str, list[int]] = {}
    for i, e in enumerate(events):
        by_doc.setdefault(e["doc"], []).append(i)
    for doc, g in gold.items():
        idx = by_doc.get(doc, [])
        for ge in g.get("events", []):
            hit = next((i for i in idx if not flags[i] and MATCH(ge, events[i])), None)
            if hit is not None:
                flags[hit] = True
    return flags


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", action="append", default=[], help="split name [heldback, check]")
    args = ap.parse_args()
    nlp = build_nlp()
    for name in args.split or ["heldback", "check"]:
        sp = get_split(name)
        if not sp.available():
            print(f"{name}: not available")
            continue
        gold, recs = run_split(load_split(sp), lambda d: extract(d, nlp=nlp))
        flags = right_flags(gold, recs["events"])
        points = [(float(e["confidence"]), ok) for e, ok in zip(recs["events"], flags, strict=True)]
        print(f"\n{name}: {len(points)} events")
        print("| confidence | events | right | mean confidence |")
        print("|---|---|---|---|")
        for row in reliability(points):
            cells = (
                row["bin"],
                row["events"],
                f"{row['right']:.3f}",
                f"{row['mean_confidence']:.3f}",
            )
            print("| " + " | ".join(str(c) for c in cells) + " |")


if __name__ == "__main__":
    main()
