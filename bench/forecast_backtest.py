"""Forecast backtest, alert check and speed on real ICEWS history (outside data).

What it measures
----------------
Both folders of ``../shared/external-data`` are imported with ``diplograph.importers`` into a
temporary SQLite store (nothing is copied into the repository), then:

* **dyad-counts series**: every unordered country pair of ``icews-scs-dyad-months`` (both
  directions added) × each of the 4 quad classes, monthly, kept when the series has at least
  96 months from its first event and at least 100 events;
* **per-type series**: Vietnam's 5 busiest partners in ``icews05-15-sample`` × our types VISIT,
  AGREE_SIGN, CALL, AID, PROTEST_ACCUSE, monthly 2005-01..2015-12, kept with at least 30 events.

Each series gets the rolling-origin backtest of ``diplograph.analysis.forecast.backtest``
(8 origins 3 months apart, horizon 1..6, model re-chosen at every origin by
validation inside its training data: best ETS by AICc, historical mean or seasonal naive). Reported:
MASE of the model, of seasonal naive and of the historical mean (same scale), 80%/95% interval
coverage, the median over series, how many series the model wins against both baselines, and
every series that loses (failures included). Then the speed of trends, alerts and forecast for
VNM–CHN on the full import, and the top conflict alerts for VNM–CHN.

How to run
----------
    .venv/bin/python bench/forecast_backtest.py [--data-dir DIR] [--workers N] [--json OUT]

Prints "skipped: ..." and exits 0 when the folder is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from diplograph.analysis.alerts import find_alerts  # noqa: E402
from diplograph.analysis.forecast import backtest, fit_forecast, trim  # noqa: E402
from diplograph.analysis.trends import SeriesQuery, build_series  # noqa: E402
from diplograph.importers import import_events  # noqa: E402
from diplograph.importers.cameo import QUAD_NAMES  # noqa: E402
from diplograph.store import SQLiteStore  # noqa: E402
from diplograph.store.base import HistoryFilters  # noqa: E402

TYPES = ("VISIT", "AGREE_SIGN", "CALL", "AID", "PROTEST_ACCUSE")
HORIZON, ORIGINS, STEP = 6, 8, 3


def _run(job: tuple[str, list[int]]) -> dict[str, Any]:
    label, counts = job
    try:
        return backtest(
            counts, HORIZON, "month", origins=ORIGINS, step=STEP, series=label
        ).to_dict()
    except Exception as err:  # noqa: BLE001 - a series that cannot be fitted is reported
        return {"series": label, "error": str(err)}


def build_jobs(store: SQLiteStore) -> list[tuple[str, list[int]]]:
    jobs: list[tuple[str, list[int]]] = []
    pairs = {
        tuple(sorted((r["source_code"], r["target_code"])))
        for r in store.imported_counts(HistoryFilters(datasets=("dyad-counts",)))
        if r["source_code"] and r["target_code"] and r["source_code"] != r["target_code"]
    }
    for a, b in sorted(pairs):
        for quad in (1, 2, 3, 4):
            q = SeriesQuery(a, b, quads=(quad,), origins=("dyad-counts",))
            counts = build_series(store, q).total
            if len(trim(counts)) >= 96 and sum(counts) >= 100:
                jobs.append((f"dyad {a}-{b} {QUAD_NAMES[quad]}", counts))
    partners: dict[str, int] = {}
    for r in store.imported_counts(HistoryFilters(country="VNM", datasets=("icews-tkg",))):
        other = r["target_code"] if r["source_code"] == "VNM" else r["source_code"]
        if other and other != "VNM":
            partners[other] = partners.get(other, 0) + int(r["n"])
    for p in sorted(partners, key=lambda k: -partners[k])[:5]:
        for t in TYPES:
            q = SeriesQuery(
                "VNM", p, types=(t,), since="2005-01", until="2015-12", origins=("icews-tkg",)
            )
            counts = build_series(store, q).total
            if sum(counts) >= 30:
                jobs.append((f"tkg VNM-{p} {t}", counts))
    return jobs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data-dir", default=os.environ.get("DIPLOGRAPH_EXTERNAL_DATA"))
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--json", type=Path, help="Also write all results to this file.")
    args = ap.parse_args()
    data = Path(args.data_dir) if args.data_dir else ROOT.parent / "shared" / "external-data"
    dyad = data / "icews-scs-dyad-months" / "south-china-sea.csv"
    tkg = sorted((data / "icews05-15-sample").glob("icews_2005-2015_*.txt"))
    if not dyad.is_file() or not tkg:
        print(f"skipped: folder not found or incomplete: {data}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(str(Path(tmp) / "history.db"))
        t0 = time.perf_counter()
        s1 = import_events([dyad], "dyad-counts", store)
        s2 = import_events(tkg, "icews-tkg", store)
        print(f"import: {s1.as_dict()} {s2.as_dict()} in {time.perf_counter() - t0:.1f}s")
        speed = measure_speed(store)
        jobs = build_jobs(store)
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            results = list(pool.map(_run, jobs))
        store.close()
    report(results, speed)
    if args.json:
        args.json.write_text(json.dumps({"series": results, "speed": speed}, indent=2))
    return 0


def measure_speed(store: SQLiteStore) -> dict[str, Any]:
    q = SeriesQuery("VNM", "CHN", quads=(3, 4), origins=("dyad-counts",))
    fit_forecast([1.0] * 24, 1)  # import statsmodels once, outside the timings
    out: dict[str, Any] = {}
    t = time.perf_counter()
    series = build_series(store, q)
    out["trends_s"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    alerts = find_alerts(store, q, top=5)
    out["alerts_s"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    fc = fit_forecast(trim(series.total), 6)
    out["forecast_s"] = round(time.perf_counter() - t, 3)
    out["forecast_model"] = fc.model
    out["alerts"] = [
        (a.period, a.through, a.observed, round(a.expected, 1), round(a.score, 1)) for a in alerts
    ]
    return out


def report(results: list[dict[str, Any]], speed: dict[str, Any]) -> None:
    ok = [r for r in results if "error" not in r]
    print(f"\n{'series':<42} {'model':<12} {'MASE':>6} {'sNaive':>6} {'mean':>6} {'cov80':>6}")
    for r in ok:
        print(
            f"{r['series']:<42} {r['model']:<12} {r['mase']:>6.3f} "
            f"{r['mase_seasonal_naive']:>6.3f} {r['mase_mean']:>6.3f} {r['coverage80']:>6.2f}"
        )
    for r in results:
        if "error" in r:
            print(f"{r['series']:<42} ERROR {r['error']}")
    for name, group in (
        ("dyad-counts", [r for r in ok if r["series"].startswith("dyad")]),
        ("per-type (tkg)", [r for r in ok if r["series"].startswith("tkg")]),
        ("all", ok),
    ):
        if not group:
            continue
        med = {k: statistics.median(r[k] for r in group) for k in ("mase", "mase_seasonal_naive")}
        med["mase_mean"] = statistics.median(r["mase_mean"] for r in group)
        wins = sum(r["mase"] < min(r["mase_seasonal_naive"], r["mase_mean"]) for r in group)
        beats_sn = sum(r["mase"] < r["mase_seasonal_naive"] for r in group)
        beats_mean = sum(r["mase"] < r["mase_mean"] for r in group)
        cov80 = statistics.median(r["coverage80"] for r in group)
        cov95 = statistics.median(r["coverage95"] for r in group)
        print(
            f"\n[{name}] series={len(group)} median MASE model={med['mase']:.3f} "
            f"seasonal-naive={med['mase_seasonal_naive']:.3f} mean={med['mase_mean']:.3f}; "
            f"model beats seasonal-naive on {beats_sn}, mean on {beats_mean}, both on {wins}; "
            f"median coverage80={cov80:.2f} coverage95={cov95:.2f}"
        )
    print(f"\nspeed (VNM-CHN conflict, full import): {speed}")


if __name__ == "__main__":
    raise SystemExit(main())
