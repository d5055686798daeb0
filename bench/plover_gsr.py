"""PLOVER event-type and actor accuracy on the PLOVER gold-standard records (outside data).

What it measures
----------------
``plover-gsr/PLOVER_GSR_CAMEO.json`` holds 322 English sentences from the CAMEO 1.1b3 manual,
hand-coded to PLOVER v0.5b1 (event type, source/target ISO3 codes, some modes), CC BY-SA 4.0.
The file's DOCUMENT record (licence header) is skipped. Each sentence is run through
``diplograph.extract.extract`` as a one-sentence document (published = the record's placeholder
date, default home country). Our highest-confidence event (ties: the first one) is the
prediction; its ``plover_type`` is compared with the gold ``event``. No tuning, no per-sentence
rules: the numbers are what the extractor does on text it was not written for.

Reported:
* coverage: share of sentences where we emit any event;
* event-type accuracy over all sentences (no event counts as wrong) and over covered sentences,
  both strictly (gold names as coded in 2016) and normalised to current PLOVER names (the GSR
  uses older names: DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT);
* per-gold-type counts and the top confusions;
* mode agreement where the type matches and the gold record has a mode;
* source/target ISO3 accuracy over sentences where the gold record has both a source and a
  target and our event has both (a code is right when it is one of the gold codes for that role;
  compound actors have several). Gold uses generic codes such as IGO/NGO where we emit an
  organisation acronym (UN, NATO), so the country-only subset is reported too.

The data is read from ``../shared/external-benchmarks`` relative to the repository root, or from
``--data-dir`` / ``$DIPLOGRAPH_EXTERNAL_BENCHMARKS``; when the folder is absent the script prints
"skipped: folder not found" and exits 0. Never copy the data into the repository.

How to run
----------
    .venv/bin/python bench/plover_gsr.py
    .venv/bin/python bench/plover_gsr.py --json /tmp/plover_gsr.json --show-errors 20
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ENV_VAR = "DIPLOGRAPH_EXTERNAL_BENCHMARKS"
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO_ROOT.parent / "shared" / "external-benchmarks"
SUBDIR = "plover-gsr"
FILENAME = "PLOVER_GSR_CAMEO.json"

# PLOVER v0.5b1 (2016) names -> current manual names (see plover-gsr/SOURCE.txt caveats).
NORMALISE = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}


def data_dir(cli: str | None) -> Path:
    return Path(cli or os.environ.get(ENV_VAR) or DEFAULT_DIR)


def _codes(value: Any) -> list[str]:
    """Gold actor codes for one role; the field is a list of actors, '' or absent."""
    if not isinstance(value, list):
        return []
    return [str(a["code"]) for a in value if isinstance(a, dict) and a.get("code")]


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}% ({a}/{b})" if b else "  n/a"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description="Score diplograph's PLOVER event types and actors against the PLOVER "
        "gold-standard records (plover-gsr/PLOVER_GSR_CAMEO.json).",
    )
    p.add_argument(
        "--data-dir", help=f"external-benchmarks folder (default: ${ENV_VAR} or {DEFAULT_DIR})"
    )
    p.add_argument("--json", metavar="PATH", help="also write the results as JSON to PATH")
    p.add_argument("--top", type=int, default=15, help="confusions to list (default 15)")
    p.add_argument(
        "--show-errors",
        type=int,
        default=0,
        metavar="N",
        help="print N wrong predictions (ids and types only, no sentence text)",
    )
    p.add_argument("--limit", type=int, help="score only the first N sentences (smoke test)")
    a = p.parse_args(argv)

    path = data_dir(a.data_dir) / SUBDIR / FILENAME
    if not path.is_file():
        print(f"skipped: folder not found ({path.parent}); set --data-dir or ${ENV_VAR}")
        return 0

    from diplograph.extract import extract
    from diplograph.extract.gazetteer import load_gazetteer
    from diplograph.models import Document

    records = [
        r
        for r in json.loads(path.read_text(encoding="utf-8"))
        if r.get("event") != "DOCUMENT" and r.get("text")
    ]
    if a.limit:
        records = records[: a.limit]
    countries = set(load_gazetteer().country_names)

    n = len(records)
    covered = strict_ok = norm_ok = 0
    confusion: Counter[tuple[str, str]] = Counter()
    per_gold: dict[str, Counter[str]] = {}
    mode_n = mode_ok = 0
    act_n = src_ok = tgt_ok = both_ok = swapped = 0
    cty_n = cty_src = cty_tgt = cty_both = 0
    errors: list[tuple[str, str, str]] = []
    pred_counts: Counter[str] = Counter()

    extract(Document(id="warm", text="France met Japan.", published="2000-01-01"))
    t0 = time.perf_counter()
    for r in records:
        x = extract(
            Document(
                id=str(r["id"]), text=str(r["text"]), published=str(r.get("date") or "2000-01-01")
            )
        )
        ev = max(x.events, key=lambda e: e.confidence) if x.events else None
        gold = str(r["event"])
        gold_norm = NORMALISE.get(gold, gold)
        pred = (ev.plover_type or "?") if ev else "none"
        pred_counts[pred] += 1
        row = per_gold.setdefault(gold, Counter())
        row["n"] += 1
        if ev is not None:
            covered += 1
            row["covered"] += 1
        if pred == gold:
            strict_ok += 1
        if pred == gold_norm:
            norm_ok += 1
            row["correct"] += 1
            gmode = str(r.get("mode") or "")
            if gmode and ev is not None:
                mode_n += 1
                mode_ok += int(ev.plover_mode == gmode)
        else:
            confusion[(gold, pred)] += 1
            errors.append((str(r["id"]), gold, pred))

        gs, gt = _codes(r.get("source")), _codes(r.get("target"))
        if gs and gt and ev is not None and ev.source is not None and ev.target is not None:
            s_ok, t_ok = ev.source.code in gs, ev.target.code in gt
            act_n += 1
            src_ok += s_ok
            tgt_ok += t_ok
            both_ok += s_ok and t_ok
            swapped += (not (s_ok and t_ok)) and ev.source.code in gt and ev.target.code in gs
            if all(c in countries for c in gs + gt):
                cty_n += 1
                cty_src += s_ok
                cty_tgt += t_ok
                cty_both += s_ok and t_ok
    elapsed = time.perf_counter() - t0

    gold_with_both = sum(1 for r in records if _codes(r.get("source")) and _codes(r.get("target")))
    print(f"PLOVER GSR ({path}): {n} sentences, extract {elapsed:.1f} s")
    print(f"  coverage (any event)                  {pct(covered, n)}")
    print(f"  event type, strict, all sentences     {pct(strict_ok, n)}")
    print(f"  event type, normalised, all sentences {pct(norm_ok, n)}")
    print(f"  event type, normalised, covered only  {pct(norm_ok, covered)}")
    print(f"  mode, where type right and gold mode  {pct(mode_ok, mode_n)}")
    print(f"  actors: gold has source+target in {gold_with_both}; we have both in {act_n} of those")
    print(f"    source ISO3 right                   {pct(src_ok, act_n)}")
    print(f"    target ISO3 right                   {pct(tgt_ok, act_n)}")
    print(f"    both right                          {pct(both_ok, act_n)}")
    print(f"    roles swapped (both codes, reversed) {pct(swapped, act_n)}")
    print(
        f"    country-only gold: both right       {pct(cty_both, cty_n)} "
        f"(source {pct(cty_src, cty_n)}, target {pct(cty_tgt, cty_n)})"
    )
    print()
    print(f"  {'gold type':<12} {'n':>4} {'covered':>8} {'right':>6}")
    for g, row_c in sorted(per_gold.items(), key=lambda kv: -kv[1]["n"]):
        print(f"  {g:<12} {row_c['n']:>4} {row_c['covered']:>8} {row_c['correct']:>6}")
    print()
    print("  our predictions: " + ", ".join(f"{k} {v}" for k, v in pred_counts.most_common()))
    print("  top confusions (gold -> ours; normalised names count as right):")
    for (g, pr), c in confusion.most_common(a.top):
        print(f"    {g:<12} -> {pr:<10} {c}")
    wrong_type = [(k, c) for k, c in confusion.most_common() if k[1] != "none"]
    print("  top confusions where we did emit an event:")
    for (g, pr), c in wrong_type[: a.top]:
        print(f"    {g:<12} -> {pr:<10} {c}")
    if a.show_errors:
        print()
        for rid, g, pr in errors[: a.show_errors]:
            print(f"  {rid}: gold {g}, ours {pr}")

    if a.json:
        out = {
            "data": str(path),
            "sentences": n,
            "seconds": elapsed,
            "coverage": covered / n if n else None,
            "accuracy_strict_all": strict_ok / n if n else None,
            "accuracy_normalised_all": norm_ok / n if n else None,
            "accuracy_normalised_covered": norm_ok / covered if covered else None,
            "counts": {
                "covered": covered,
                "strict_right": strict_ok,
                "normalised_right": norm_ok,
                "mode_scored": mode_n,
                "mode_right": mode_ok,
            },
            "actors": {
                "gold_with_both": gold_with_both,
                "scored": act_n,
                "source_right": src_ok,
                "target_right": tgt_ok,
                "both_right": both_ok,
                "swapped": swapped,
                "country_only_scored": cty_n,
                "country_only_both_right": cty_both,
            },
            "per_gold_type": {g: dict(c) for g, c in per_gold.items()},
            "predictions": dict(pred_counts),
            "confusions": [[g, pr, c] for (g, pr), c in confusion.most_common()],
            "python": sys.version.split()[0],
        }
        Path(a.json).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {a.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
