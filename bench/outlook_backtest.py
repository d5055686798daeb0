"""Tier outlook backtest on real ICEWS history (outside data) and the reference upgrades.

What it measures
----------------
Both folders of ``../shared/external-data`` are imported with ``diplograph.importers`` into a
temporary SQLite store (nothing is copied into the repository). For every dated partnership
step of Vietnam in ``diplograph/data/gazetteer/partnerships.csv``, the outlook ranks Vietnam's
partners with the events before that month (``diplograph.analysis.outlook``) and records where
the partner that upgraded landed. Reported per history source (the 20% ``icews05-15-sample``,
the ``icews-scs-dyad-months`` counts, both): upgrades scored, hit rate at k = 3 and 5, the
same for ranking by event volume alone and by chance (k / candidates), and every miss.

How to run
----------
    .venv/bin/python bench/outlook_backtest.py [--data-dir DIR] [--country VNM] [--json OUT]

Prints "skipped: ..." and exits 0 when the folder is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from diplograph.analysis.outlook import (  # noqa: E402
    CAVEATS,
    KS,
    backtest_outlook,
    outlook_cells,
)
from diplograph.importers import import_events  # noqa: E402
from diplograph.store import SQLiteStore  # noqa: E402

SOURCES = {
    "icews05-15-sample": ("icews-tkg",),
    "icews-scs-dyad-months": ("dyad-counts",),
    "both": ("icews-tkg", "dyad-counts"),
}


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{v:.0%}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", help="external-data folder [../shared/external-data]")
    parser.add_argument("--country", default="VNM")
    parser.add_argument("--json", help="also write the results as JSON here")
    args = parser.parse_args()
    data = Path(args.data_dir) if args.data_dir else ROOT.parent / "shared" / "external-data"
    dyad = data / "icews-scs-dyad-months" / "south-china-sea.csv"
    tkg = sorted((data / "icews05-15-sample").glob("icews_2005-2015_*.txt"))
    if not dyad.exists() or not tkg:
        print(f"skipped: folder not found or incomplete: {data}")
        return 0
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(str(Path(tmp) / "history.db"))
        t0 = time.perf_counter()
        import_events([dyad], "dyad-counts", store)
        import_events(tkg, "icews-tkg", store)
        print(f"imported in {time.perf_counter() - t0:.1f}s")
        for name, origins in SOURCES.items():
            t0 = time.perf_counter()
            cells = outlook_cells(store, args.country, origins)
            bt = backtest_outlook(store, args.country, origins, cells=cells)
            seconds = time.perf_counter() - t0
            results[name] = {**bt.to_dict(), "seconds": round(seconds, 3)}
            print(f"\n== {args.country} outlook on {name} ({seconds:.2f}s) ==")
            print(f"upgrades in the reference table: {len(bt.checks)}, scored: {len(bt.scored)}")
            print("k  outlook  volume-only  chance")
            for k in KS:
                print(
                    f"{k}  {_pct(bt.hit_rate(k)):>7}  {_pct(bt.volume_hit_rate(k)):>11}  "
                    f"{_pct(bt.chance_rate(k)):>6}"
                )
            print("scored upgrades (rank of the upgrader / candidates; leaders):")
            for c in bt.scored:
                mark = "hit " if c.hit(KS[0]) else ("hit5" if c.hit(KS[-1]) else "MISS")
                print(
                    f"  {mark} {c.upgrade.date:<10} {c.upgrade.partner} {c.upgrade.level:<36} "
                    f"rank {c.rank or '-'}/{c.candidates} (volume {c.volume_rank or '-'}) "
                    f"top: {', '.join(c.leaders)}"
                )
            unscored = [c for c in bt.checks if not c.scored]
            if unscored:
                print(
                    f"not scored ({len(unscored)}): "
                    + ", ".join(f"{c.upgrade.partner} {c.upgrade.date}" for c in unscored)
                )
    print("\nWhat this can and cannot tell:")
    for line in CAVEATS:
        print(f"- {line}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
