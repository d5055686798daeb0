"""Train the event deciders from the annotated corpus (needs the ``train`` extra).

``diplograph train`` (or ``make train``) rebuilds ``diplograph/data/models/`` from
``corpus/train`` with a fixed seed. The held-back split and ``../shared/corpus/check`` are
never read here.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from diplograph.corpus.splits import EVENT_HOLDOUT
from diplograph.evaluation import SYMMETRIC_TYPES
from diplograph.learn.calibrate import fit, out_of_fold, reliability
from diplograph.learn.decider import MODEL_DIR, ROLES, EventDecider, model_version
from diplograph.learn.examples import Example, TierExample
from diplograph.learn.features import pair_features, role_features, sentence_features
from diplograph.learn.hashing import DIM, indices
from diplograph.learn.linear import LinearModel
from diplograph.learn.tiers import TIER_THRESHOLD, candidates, pair_tier_features, tier_key
from diplograph.models import Document
from diplograph.vocabulary import EVENT_TYPES

SEED = 13
EVENT_TRAINING_EXCLUDE = EVENT_HOLDOUT  # corpus/splits.py says why
ROLE_THRESHOLD = 0.4
# the pair model, chosen by 4-fold cross-validation over training documents, end to end
# (events.type+actors; the role model alone on the same folds: 0.559). Pair model alone with
# list propagation: threshold 0.5 → 0.578, 0.7 → 0.583 (0.574 without propagation); blended
# geometrically with the role model's source × target probability: weight 0.3 → 0.593,
# 0.5 → 0.593 (threshold 0.55), floor for a lone best pair 0 → 0.594, 0.3 → 0.596,
# 0.6 → 0.586; C 0.3 against 1.0 → 0.583 / 0.582 (pair model alone)
PAIR_THRESHOLD = 0.55
PAIR_FLOOR = 0.3
PAIR_BLEND = 0.5
PAIR_C = 0.3


def _matrix(rows: Sequence[list[str]], dim: int = DIM) -> Any:
    from scipy.sparse import csr_matrix

    indptr = [0]
    cols: list[int] = []
    for feats in rows:
        cols += indices(feats, dim)
        indptr.append(len(cols))
    data = np.ones(len(cols), dtype=np.float32)
    return csr_matrix((data, np.array(cols), np.array(indptr)), shape=(len(rows), dim))


def _fit_binary(x: Any, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    if y.min() == y.max():  # a type with no example: never predicted
        return np.zeros(x.shape[1], np.float32), -10.0 if y.max() == 0 else 10.0
    clf = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=200)
    clf.fit(x, y)
    return clf.coef_[0].astype(np.float32), float(clf.intercept_[0])


def train_types(examples: Sequence[Example], c: float = 1.0) -> LinearModel:
    """One-vs-rest logistic regression over hashed sentence features."""
    x = _matrix([sentence_features(e.view) for e in examples])
    w = np.zeros((len(EVENT_TYPES), DIM), np.float32)
    b = np.zeros(len(EVENT_TYPES), np.float32)
    for i, t in enumerate(EVENT_TYPES):
        y = np.array([int(t in e.types) for e in examples])
        w[i], b[i] = _fit_binary(x, y, c)
    return LinearModel("event_types", EVENT_TYPES, w, b, "ovr")


def tune_thresholds(
    examples: Sequence[Example], folds: int = 5, c: float = 1.0
) -> dict[str, float]:
    """Per-type probability thresholds that maximise out-of-fold F1 (folds by document).

    The out-of-fold models use C=1, not the shipped ``TYPE_C``: their thresholds are higher
    and score better end to end (4-fold CV, events.type+actors: 0.602 against 0.598 with
    thresholds tuned at C=10).
    """
    docs = sorted({e.doc for e in examples})
    fold_of = {d: i % folds for i, d in enumerate(docs)}
    probs: list[dict[str, float]] = [{} for _ in examples]
    for k in range(folds):
        train = [e for e in examples if fold_of[e.doc] != k]
        test = [i for i, e in enumerate(examples) if fold_of[e.doc] == k]
        if not train or not test:
            continue
        model = train_types(train, c)
        for i in test:
            probs[i] = model.scores(sentence_features(examples[i].view))
    grid = [round(0.1 + 0.05 * i, 2) for i in range(13)]
    out: dict[str, float] = {}
    for t in EVENT_TYPES:
        gold = [t in e.types for e in examples]
        best, best_f1 = 0.5, -1.0
        for th in grid:
            pred = [p.get(t, 0.0) >= th for p in probs]
            tp = sum(g and p for g, p in zip(gold, pred, strict=True))
            fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
            fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
            f1 = 2 * tp / max(1, 2 * tp + fp + fn)
            if f1 > best_f1 + 1e-9:
                best, best_f1 = th, f1
        out[t] = best
    return out


def role_rows(examples: Sequence[Example]) -> tuple[list[list[str]], list[int]]:
    """One row per (sentence, gold type, candidate actor) with its gold role."""
    rows: list[list[str]] = []
    labels: list[int] = []
    for e in examples:
        for t, lab in e.roles.items():
            for cand in e.view.candidates:
                rows.append(role_features(e.view, cand, t))
                labels.append(ROLES.index(lab.get(cand.code, "none")))
    return rows, labels


def train_roles(examples: Sequence[Example], c: float = 1.0) -> LinearModel:
    """Multinomial logistic regression: none / source / target for a candidate actor."""
    from sklearn.linear_model import LogisticRegression

    rows, labels = role_rows(examples)
    x = _matrix(rows)
    clf = LogisticRegression(C=c, max_iter=500, random_state=SEED)
    clf.fit(x, np.array(labels))
    w = np.zeros((len(ROLES), DIM), np.float32)
    b = np.zeros(len(ROLES), np.float32)
    for k, cls in enumerate(clf.classes_):
        w[int(cls)] = clf.coef_[k]
        b[int(cls)] = clf.intercept_[k]
    return LinearModel("event_roles", ROLES, w, b, "softmax")


def pair_rows(examples: Sequence[Example]) -> tuple[list[list[str]], list[int]]:
    """One row per (sentence, gold type, source candidate, target candidate or none)."""
    rows: list[list[str]] = []
    labels: list[int] = []
    for e in examples:
        cands = e.view.candidates
        for t in e.types:
            gold = e.pairs.get(t, set())
            if t in SYMMETRIC_TYPES:
                gold = gold | {(b, a) for a, b in gold if b is not None}
            for s in cands:
                for tgt in (None, *cands):
                    if tgt is s:
                        continue
                    rows.append(pair_features(e.view, s, tgt, t))
                    labels.append(int((s.code, tgt.code if tgt else None) in gold))
    return rows, labels


def train_pairs(examples: Sequence[Example], c: float = 1.0) -> LinearModel:
    """Binary logistic regression: is this (source, target) one of the sentence's events?"""
    rows, labels = pair_rows(examples)
    w, b = _fit_binary(_matrix(rows), np.array(labels), c)
    return LinearModel("event_pairs", ("pair",), w[None, :], np.array([b], np.float32), "ovr")


def tier_rows(examples: Sequence[TierExample]) -> tuple[list[list[str]], list[int]]:
    """One row per (tier phrase, pair of sides) of a sentence: is it a gold relation there?"""
    rows: list[list[str]] = []
    labels: list[int] = []
    for e in examples:
        for r, a, b in candidates(e.unit):
            rows.append(pair_tier_features(e.unit, r, a, b))
            labels.append(int(tier_key(a.code, b.code, r.tier.level) in e.gold))
    return rows, labels


# regularisation of the tier model, chosen with TIER_THRESHOLD (see learn/tiers.py)
TIER_C = 0.3


def train_tiers(examples: Sequence[TierExample], c: float = TIER_C) -> LinearModel:
    """Binary logistic regression: is this pair of sides in this tier phrase's relation?"""
    rows, labels = tier_rows(examples)
    w, b = _fit_binary(_matrix(rows), np.array(labels), c)
    return LinearModel("tier_pairs", ("pair",), w[None, :], np.array([b], np.float32), "ovr")


def save(
    types: LinearModel,
    roles: LinearModel,
    folder: Path,
    info: dict[str, Any],
    thresholds: dict[str, float] | None = None,
    pairs: LinearModel | None = None,
    tiers: LinearModel | None = None,
) -> str:
    """Write the models and their metadata; return the version hash."""
    folder.mkdir(parents=True, exist_ok=True)
    tp, rp = folder / "event_types.npz", folder / "event_roles.npz"
    types.save(tp)
    roles.save(rp)
    files = [tp, rp]
    if pairs is not None:
        pp = folder / "event_pairs.npz"
        pairs.save(pp)
        files.append(pp)
    tier_p = folder / "tier_pairs.npz"
    if tiers is not None:
        tiers.save(tier_p)
        files.append(tier_p)
    elif tier_p.exists():
        tier_p.unlink()  # a model of an earlier training would pair this one's tiers
    version = model_version(files)
    meta = {
        "version": version,
        "thresholds": thresholds or dict.fromkeys(EVENT_TYPES, 0.5),
        # chosen by 4-fold cross-validation over training documents, end to end
        # (events.type+actors F1: 0.4 → 0.502, 0.5 → 0.495, 0.6 → 0.479)
        "role_threshold": ROLE_THRESHOLD,
        "pair_threshold": PAIR_THRESHOLD,
        "pair_floor": PAIR_FLOOR,
        "pair_blend": PAIR_BLEND,
        "tier_threshold": TIER_THRESHOLD,
        "seed": SEED,
        **info,
    }
    (folder / "events.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return version


# regularisation chosen by 3-fold cross-validation over training documents, end to end
# (events.type+actors F1; types C / roles C): 1/1 → 0.525, 3/1 → 0.527, 1/0.3 → 0.527,
# 3/0.3 → 0.529, 10/0.3 → 0.532, 30/0.3 → 0.531, 100/0.3 → 0.529, 3/0.1 → 0.522
TYPE_C = 10.0
ROLE_C = 0.3


def fold_decider(examples: Sequence[Example], thresholds: dict[str, float]) -> EventDecider:
    """A decider trained on part of the corpus, with the shipped settings (for calibration)."""
    return EventDecider(
        types=train_types(examples, c=TYPE_C),
        roles=train_roles(examples, c=ROLE_C),
        thresholds=thresholds,
        version="fold",
        role_threshold=ROLE_THRESHOLD,
        pairs=train_pairs(examples, c=PAIR_C),
        pair_threshold=PAIR_THRESHOLD,
        pair_floor=PAIR_FLOOR,
        pair_blend=PAIR_BLEND,
    )


def train_all(
    examples: Sequence[Example],
    folder: Path = MODEL_DIR,
    progress: Callable[[str], None] = lambda _msg: None,
    info: dict[str, Any] | None = None,
    calibrate: bool = True,
    tiers: Sequence[TierExample] = (),
) -> str:
    """Train the deciders on ``examples`` (and the tier decider on ``tiers``, when given) and
    save them in ``folder``.

    ``calibrate=False`` skips the confidence calibration (its own 4-fold training): decisions
    are the same, so cross-validation of decisions leaves it out.
    """
    t0 = time.perf_counter()
    progress(f"training the type model on {len(examples)} sentences")
    types = train_types(examples, c=TYPE_C)
    progress("training the role model")
    roles = train_roles(examples, c=ROLE_C)
    progress("training the pair model")
    pairs = train_pairs(examples, c=PAIR_C)
    tier_model = None
    if tiers:
        progress(f"training the tier model on {len(tiers)} sentences with a tier phrase")
        tier_model = train_tiers(tiers)
    progress("tuning type thresholds by 5-fold cross-validation over documents")
    thresholds = tune_thresholds(examples)
    points: list[tuple[float, bool]] = []
    if calibrate:
        progress("calibrating event confidence by 4-fold cross-validation over documents")
        points = out_of_fold(examples, lambda part: fold_decider(part, thresholds))
    calibration = fit(points) if points else None
    counts = Counter(t for e in examples for t in e.types)
    meta = {
        "variant": "surface",
        "sentences": len(examples),
        "tier_sentences": len(tiers),
        "documents": len({e.doc for e in examples}),
        "type_sentences": dict(sorted(counts.items())),
        "train_seconds": round(time.perf_counter() - t0, 1),
        "calibration": calibration.to_dict() if calibration else None,
        # out-of-fold events by calibrated confidence: how often each bin is right
        "calibration_table": reliability(points, calibration) if calibration else None,
        **(info or {}),
    }
    version = save(types, roles, folder, meta, thresholds, pairs, tier_model)
    progress(f"saved models {version} to {folder}")
    return version


def event_training_pairs(
    pairs: Iterable[tuple[Document, dict[str, Any]]],
) -> Iterator[tuple[Document, dict[str, Any]]]:
    """The training documents the event and tier models learn from (EVENT_TRAINING_EXCLUDE)."""
    return (p for p in pairs if not p[0].id.startswith(EVENT_TRAINING_EXCLUDE))
