"""Train the event deciders from the annotated corpus (needs the ``train`` extra).

``diplograph train`` (or ``make train``) rebuilds ``diplograph/data/models/`` from
``corpus/train`` with a fixed seed. The held-back split and ``../shared/corpus/check`` are
never read here.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from diplograph.corpus.validate import EVENT_TYPES
from diplograph.learn.decider import MODEL_DIR, ROLES, model_version
from diplograph.learn.examples import Example
from diplograph.learn.features import role_features, sentence_features
from diplograph.learn.hashing import DIM, indices
from diplograph.learn.linear import LinearModel

SEED = 13
ROLE_THRESHOLD = 0.4


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
    """Per-type probability thresholds that maximise out-of-fold F1 (folds by document)."""
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


def save(
    types: LinearModel,
    roles: LinearModel,
    folder: Path,
    info: dict[str, Any],
    thresholds: dict[str, float] | None = None,
) -> str:
    """Write the two models and their metadata; return the version hash."""
    folder.mkdir(parents=True, exist_ok=True)
    tp, rp = folder / "event_types.npz", folder / "event_roles.npz"
    types.save(tp)
    roles.save(rp)
    version = model_version([tp, rp])
    meta = {
        "version": version,
        "thresholds": thresholds or dict.fromkeys(EVENT_TYPES, 0.5),
        # chosen by 4-fold cross-validation over training documents, end to end
        # (events.type+actors F1: 0.4 → 0.502, 0.5 → 0.495, 0.6 → 0.479)
        "role_threshold": ROLE_THRESHOLD,
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


def train_all(
    examples: Sequence[Example],
    folder: Path = MODEL_DIR,
    progress: Callable[[str], None] = lambda _msg: None,
    info: dict[str, Any] | None = None,
) -> str:
    """Train both deciders on ``examples`` and save them in ``folder``."""
    t0 = time.perf_counter()
    progress(f"training the type model on {len(examples)} sentences")
    types = train_types(examples, c=TYPE_C)
    progress("training the role model")
    roles = train_roles(examples, c=ROLE_C)
    progress("tuning type thresholds by 5-fold cross-validation over documents")
    thresholds = tune_thresholds(examples)
    counts = Counter(t for e in examples for t in e.types)
    meta = {
        "variant": "surface",
        "sentences": len(examples),
        "documents": len({e.doc for e in examples}),
        "type_sentences": dict(sorted(counts.items())),
        "train_seconds": round(time.perf_counter() - t0, 1),
        **(info or {}),
    }
    version = save(types, roles, folder, meta, thresholds)
    progress(f"saved models {version} to {folder}")
    return version
