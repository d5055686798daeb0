"""Alert backtest against a list of known crises written before the detector was tuned.

Imports ``../shared/external-data`` (the ICEWS South China Sea dyad-month counts and the ICEWS
2005-15 20% event sample) into a temporary store; overlapping cells count once. For every pair
of ``bench/data/known_crises.csv`` it asks ``find_alerts`` for the pair's top 5 escalations of
the conflict series (the pair's whole history) and scores them against that pair's crises:

* precision@5: the share of the returned alerts (at most 5) whose onset month falls inside a
  listed crisis of the pair (from one month before its start to its end);
* recall@5: the share of the pair's listed crises, within the months the data covers, that one
  of those alerts hits.

Usage: .venv/bin/python bench/alerts_backtest.py [--method nb|z] [-v]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import tempfile
from collections import defaultdict
from pathlib import Path

from diplograph.analysis import alerts as alerts_mod
from diplograph.analysis.trends import SeriesQuery
from diplograph.corpus.splits import shared_root
from diplograph.importers import import_events
from diplograph.store import SQLiteStore
from diplograph.store.base import HistoryFilters

CRISES = Path(__file__).parent / "data" / "known_crises.csv"
SCS = {"CHN", "VNM", "PHL", "MYS", "IDN", "TWN", "SGP", "BRN"}


def shift(month: str, n: int) -> str:
    i = int(month[:4]) * 12 + int(month[5:7]) - 1 + n
    return f"{i // 12}-{i % 12 + 1:02d}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--method", default="nb", choices=["nb", "z"])
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    ext = shared_root() / "external-data"
    dyads = ext / "icews-scs-dyad-months" / "south-china-sea.csv"
    sample = ext / "icews05-15-sample"
    if not dyads.is_file():
        raise SystemExit(f"the shared ICEWS files are not under {ext}")
    crises: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    with CRISES.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            crises[tuple(sorted((row["a"], row["b"])))].append(row)  # type: ignore[index]
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(str(Path(tmp) / "h.db"))
        import_events([dyads], "dyad-counts", store)
        import_events(sorted(sample.glob("icews_*.txt")), "icews-tkg", store)
        results: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for (a, b), listed in sorted(crises.items()):
            rows = store.imported_counts(HistoryFilters(country=a, partner=b))
            months = sorted({r["month"] for r in rows})
            if not months:
                print(f"{a}-{b}: no data")
                continue
            covered = [c for c in listed if months[0] <= c["start"] <= months[-1]]
            if not covered:
                continue
            q = SeriesQuery(country=a, partner=b, quads=(3, 4), origins=("imported",))
            found = alerts_mod.find_alerts(
                store, q, top=5, evidence=0, method=args.method, direction="up"
            )
            hits_alert = [
                any(shift(c["start"], -1) <= al.period <= c["end"] for c in covered) for al in found
            ]
            hit_crises = [
                any(shift(c["start"], -1) <= al.period <= c["end"] for al in found) for c in covered
            ]
            p = sum(hits_alert) / len(found) if found else 0.0
            r = sum(hit_crises) / len(covered)
            group = "South China Sea" if {a, b} <= SCS else "other pairs"
            results[group].append((p, r))
            shown = ", ".join(
                f"{al.period}{'*' if h else ''}" for al, h in zip(found, hits_alert, strict=True)
            )
            print(
                f"{a}-{b}: precision@5 {p:.2f} recall@5 {r:.2f} "
                f"({sum(hit_crises)}/{len(covered)} crises; alerts {shown})"
            )
            if args.verbose:
                for al in found:
                    print(f"    {al.period} observed {al.observed} expected {al.expected:.1f}")
        print(f"\nmethod {args.method}")
        for group, vals in results.items():
            print(
                f"{group}: {len(vals)} pairs, mean precision@5 "
                f"{statistics.mean(v[0] for v in vals):.2f}, mean recall@5 "
                f"{statistics.mean(v[1] for v in vals):.2f}"
            )


if __name__ == "__main__":
    main()
