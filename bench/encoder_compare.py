"""The shipped type models compared: linear (default) against the fine-tuned MiniLM encoder.

Three measurements, none of which trains or tunes anything:

1. ``--blend``: the blend weight, chosen on the encoder's own dev fold of train (the 15% of
   training documents the encoder never saw; the linear models are retrained on the other 85%
   for this). End to end, events.type+actors.
2. Sentence level: micro P/R/F1 of each type model on every held-back sentence the decider sees.
3. End to end: ``diplograph eval`` levels on held-back, check and dev with and without the
   encoder, and the int8 encoder's sentences per second on one thread.

Usage: .venv/bin/python bench/encoder_compare.py [--blend 0 0.5 0.7 1.0]
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from diplograph.corpus.splits import get_split, load_split, run_split
from diplograph.evaluation import score
from diplograph.extract import extract
from diplograph.extract.pipeline import build_nlp
from diplograph.learn.decider import EventDecider, load_decider
from diplograph.learn.encoder import TypeEncoder, load_encoder
from diplograph.learn.encoder_train import doc_split, prf
from diplograph.learn.examples import examples_for
from diplograph.learn.features import sentence_features
from diplograph.learn.train import train_all
from diplograph.vocabulary import EVENT_TYPES

LEVELS = ("events.type", "events.type+actors", "events.full")


def with_encoder(base: EventDecider, enc: TypeEncoder | None, w: float) -> EventDecider:
    e = dataclasses.replace(enc, blend=w, _cache={}) if enc is not None and w > 0 else None
    return dataclasses.replace(base, encoder=e)


def levels(pairs: list[Any], decider: EventDecider, nlp: Any) -> dict[str, float]:
    gold, recs = run_split(pairs, lambda d: extract(d, nlp=nlp, decider=decider))
    rep = score(gold, recs["events"], recs["figures"], recs["relations"])
    return {k: round(rep[k].f1, 3) for k in LEVELS}


def choose_blend(weights: list[float], enc: TypeEncoder, nlp: Any) -> None:
    pairs = list(load_split(get_split("train")))
    examples = examples_for(pairs)
    dev = doc_split([e.doc for e in examples], 0.15)
    with tempfile.TemporaryDirectory() as tmp:
        train_all([e for e in examples if e.doc not in dev], Path(tmp))
        base = load_decider(Path(tmp))
    assert base is not None
    dev_pairs = [(d, g) for d, g in pairs if d.id in dev]
    print(f"blend on the encoder's dev fold ({len(dev_pairs)} training documents)")
    for w in weights:
        print(f"  blend {w}: {levels(dev_pairs, with_encoder(base, enc, w), nlp)}", flush=True)


def sentence_level(base: EventDecider, enc: TypeEncoder) -> None:
    examples = examples_for(load_split(get_split("heldback")))
    gold = np.array([[t in e.types for t in EVENT_TYPES] for e in examples], np.float32)
    lin = [base.types.scores(sentence_features(e.view)) for e in examples]
    y_lin = np.array(
        [[s[t] >= base.thresholds.get(t, 0.5) for t in EVENT_TYPES] for s in lin], np.float32
    )
    t0 = time.perf_counter()
    encs = [enc.scores(e.view.ctx.text) for e in examples]  # one sentence at a time
    rate = len(examples) / (time.perf_counter() - t0)
    y_enc = np.array(
        [[s[t] >= enc.thresholds.get(t, 0.5) for t in EVENT_TYPES] for s in encs], np.float32
    )
    print(f"held-back sentences: {len(examples)}")
    for name, y in (("linear", y_lin), ("encoder", y_enc)):
        p, r, f = prf(gold, y)
        print(f"  {name}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"  encoder int8, 1 thread, batch 1: {rate:.0f} sentences/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--blend", type=float, nargs="*", default=[], help="weights to compare")
    args = ap.parse_args()
    enc = load_encoder(enabled=True)
    base = load_decider()
    if enc is None or base is None:
        raise SystemExit("the shipped models are missing: run make train")
    nlp = build_nlp()
    if args.blend:
        choose_blend(args.blend, enc, nlp)
    sentence_level(base, enc)
    for split in ("heldback", "check", "dev"):
        pairs = list(load_split(get_split(split)))
        print(f"{split} ({len(pairs)} documents)")
        print(f"  linear:  {levels(pairs, base, nlp)}")
        print(f"  encoder: {levels(pairs, with_encoder(base, enc, enc.blend), nlp)}", flush=True)


if __name__ == "__main__":
    main()
