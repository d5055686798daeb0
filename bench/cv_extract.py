"""Cross-validated extraction on the training split: the honest way to tune the deciders.

Documents of ``corpus/train`` are dealt into K folds; each fold is extracted by deciders trained
on the other folds and scored with ``diplograph.evaluation``. The held-back split and
``../shared/corpus/check`` are never read. ``--errors FILE`` writes every type-matched event
whose actors are wrong, and every missed or spurious event, as JSON Lines for error analysis.

Usage: .venv/bin/python bench/cv_extract.py [-k 4] [--errors /tmp/cv-errors.jsonl]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from diplograph.corpus.splits import get_split, load_split, run_split
from diplograph.evaluation import SYMMETRIC_TYPES, score, sentences_match
from diplograph.extract import extract
from diplograph.extract.pipeline import build_nlp
from diplograph.learn.decider import load_decider
from diplograph.learn.examples import collect
from diplograph.learn.train import event_training_pairs, train_all


def _code(a: Any) -> str | None:
    return a.get("code") if isinstance(a, dict) else a


def _pair(r: dict[str, Any]) -> tuple[str | None, str | None]:
    return _code(r.get("source")), _code(r.get("target"))


def _same(t: str, a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    return set(a) == set(b) if t in SYMMETRIC_TYPES else a == b


def errors(gold: dict[str, dict[str, Any]], events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Classify each gold event: right, wrong actors (with the prediction), or missed."""
    out: list[dict[str, Any]] = []
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        by_doc.setdefault(e["doc"], []).append(e)
    for doc, g in gold.items():
        preds = by_doc.get(doc, [])
        used: set[int] = set()
        for ge in g.get("events", []):
            same_type = [
                i
                for i, p in enumerate(preds)
                if p["type"] == ge["type"] and sentences_match(ge["sentence"], p["sentence"])
            ]
            hit = next(
                (
                    i
                    for i in same_type
                    if i not in used and _same(ge["type"], _pair(ge), _pair(p := preds[i]))
                ),
                None,
            )
            if hit is not None:
                used.add(hit)
                continue
            row = {"doc": doc, "type": ge["type"], "gold": _pair(ge), "sentence": ge["sentence"]}
            if same_type:
                row["kind"] = "actors"
                row["pred"] = [_pair(preds[i]) for i in same_type]
            else:
                others = [
                    p["type"] for p in preds if sentences_match(ge["sentence"], p["sentence"])
                ]
                row["kind"] = "wrong_type" if others else "missed"
                row["pred_types"] = others
            out.append(row)
        for i, p in enumerate(preds):
            if i in used:
                continue
            if not any(
                ge["type"] == p["type"] and sentences_match(ge["sentence"], p["sentence"])
                for ge in g.get("events", [])
            ):
                out.append(
                    {
                        "doc": doc,
                        "kind": "spurious",
                        "type": p["type"],
                        "pred": _pair(p),
                        "sentence": p["sentence"],
                    }  # fmt: skip
                )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-k", type=int, default=4, help="folds [4]")
    ap.add_argument("--errors", type=Path, help="write the error rows here (JSON Lines)")
    ap.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=V,NAME=V",
        help="decider attributes to try (repeatable: one configuration each)",
    )
    args = ap.parse_args()
    pairs = list(event_training_pairs(load_split(get_split("train"))))
    corpus = collect(pairs)
    examples = corpus.examples
    docs = sorted({d.id for d, _ in pairs})
    fold = {d: i % args.k for i, d in enumerate(docs)}
    nlp = build_nlp()
    configs = [dict(kv.split("=") for kv in c.split(",")) for c in args.set] or [{}]
    gold: dict[str, dict[str, Any]] = {}
    recs: list[dict[str, list[dict[str, Any]]]] = [
        {"events": [], "figures": [], "relations": []} for _ in configs
    ]
    for k in range(args.k):
        with tempfile.TemporaryDirectory() as tmp:
            train_all(
                [e for e in examples if fold[e.doc] != k],
                Path(tmp),
                calibrate=False,
                tiers=[t for t in corpus.tiers if fold[t.doc] != k],
            )
            dec = load_decider(Path(tmp))
        assert dec is not None
        for conf, rec in zip(configs, recs, strict=True):
            for name, value in conf.items():
                setattr(dec, name, type(getattr(dec, name))(value))
            g, r = run_split(
                [p for p in pairs if fold[p[0].id] == k],
                lambda d, dec=dec: extract(d, nlp=nlp, decider=dec),
            )
            gold.update(g)
            for kind in rec:
                rec[kind] += r[kind]
        print(f"fold {k + 1}/{args.k} done", flush=True)
    for conf, rec in zip(configs, recs, strict=True):
        print(f"== {conf or 'as trained'}")
        print(score(gold, **rec).format())
    rows = errors(gold, recs[0]["events"])
    print(Counter(r["kind"] for r in rows))
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
