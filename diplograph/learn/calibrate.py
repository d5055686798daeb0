"""Calibrated event confidence: what fraction of events at a given score are right.

The decider's raw score (type probability × pair score) ranks events but is not a
probability of being right. ``diplograph train`` therefore runs the decider on training
sentences it was not trained on (K folds by document), records each event's raw score and
whether its type, source and target match the sentence's gold, fits an isotonic map from one
to the other and ships it in ``events.json``. At run time ``EventDecider`` applies the map.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from diplograph.evaluation import SYMMETRIC_TYPES

if TYPE_CHECKING:
    from diplograph.learn.examples import Example

BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0001)
KNOTS = 24  # the shipped map keeps at most this many points


@dataclass(frozen=True)
class Calibration:
    """A monotone piecewise-linear map from raw score to probability of being right."""

    x: tuple[float, ...]
    y: tuple[float, ...]

    def __call__(self, raw: float) -> float:
        return float(np.interp(raw, self.x, self.y))

    def to_dict(self) -> dict[str, list[float]]:
        return {"x": [round(v, 4) for v in self.x], "y": [round(v, 4) for v in self.y]}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Calibration | None:
        if not data or not data.get("x"):
            return None
        return cls(tuple(float(v) for v in data["x"]), tuple(float(v) for v in data["y"]))


def correct(example: Example, etype: str, source: str | None, target: str | None) -> bool:
    """Whether an event of this sentence has a gold event of the same type and actors."""
    gold = example.pairs.get(etype, set())
    if (source, target) in gold:
        return True
    return etype in SYMMETRIC_TYPES and (target, source) in gold


def out_of_fold(
    examples: Sequence[Example],
    build: Callable[[Sequence[Example]], Any],
    folds: int = 4,
) -> list[tuple[float, bool]]:
    """(raw score, right?) of every event the decider makes on sentences held out of training.

    ``build`` trains a decider on the examples it is given (``train.fold_decider``).
    """
    docs = sorted({e.doc for e in examples})
    fold_of = {d: i % folds for i, d in enumerate(docs)}
    points: list[tuple[float, bool]] = []
    for k in range(folds):
        held = [e for e in examples if fold_of[e.doc] == k]
        decider = build([e for e in examples if fold_of[e.doc] != k])
        for e in held:
            v = e.view
            for ev in decider.decide(v.ctx, v.rule_events, v.last_pair, v.position):
                src = ev.source.code if ev.source else None
                tgt = ev.target.code if ev.target else None
                points.append((float(ev.confidence), correct(e, ev.type, src, tgt)))
    return points


def fit(points: Sequence[tuple[float, bool]]) -> Calibration:
    """Isotonic regression of rightness on raw score, thinned to at most ``KNOTS`` points."""
    from sklearn.isotonic import IsotonicRegression

    x = np.array([p for p, _ in points], dtype=np.float64)
    y = np.array([float(ok) for _, ok in points], dtype=np.float64)
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(x, y)
    grid = np.unique(np.quantile(x, np.linspace(0, 1, KNOTS)))
    grid = np.unique(np.concatenate([[0.0], grid, [1.0]]))
    return Calibration(tuple(grid.tolist()), tuple(iso.predict(grid).tolist()))


def reliability(
    points: Sequence[tuple[float, bool]], cal: Calibration | None = None
) -> list[dict[str, Any]]:
    """Per confidence bin: events, share right and mean confidence (after ``cal`` if given)."""
    rows: list[dict[str, Any]] = []
    conf = [cal(p) if cal else p for p, _ in points]
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        inside = [(c, ok) for c, (_, ok) in zip(conf, points, strict=True) if lo <= c < hi]
        if not inside:
            continue
        rows.append(
            {
                "bin": f"{lo:.1f}–{min(hi, 1.0):.1f}",
                "events": len(inside),
                "right": round(sum(ok for _, ok in inside) / len(inside), 3),
                "mean_confidence": round(sum(c for c, _ in inside) / len(inside), 3),
            }
        )
    return rows
