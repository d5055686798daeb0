"""Linear models as plain weight arrays: load, score, save. No scikit-learn at run time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from diplograph.learn.hashing import DIM, column_set, indices, typed_column_set

_add, _max = np.add.reduce, np.maximum.reduce


@dataclass(frozen=True)
class LinearModel:
    """Weights ``(classes, dim)`` and biases; ``kind`` is ``ovr`` (sigmoid) or ``softmax``."""

    name: str
    classes: tuple[str, ...]
    weights: NDArray[np.float32]
    bias: NDArray[np.float32]
    kind: str = "ovr"

    def scores(self, features: list[str]) -> dict[str, float]:
        """Probability per class for one bag of binary features."""
        return self.scores_cols(indices(features, self.weights.shape[1]))

    def columns(self, features: list[str]) -> set[int]:
        """The columns of a bag of features, to combine with others before ``scores_cols``."""
        return column_set(features, self.weights.shape[1])

    def typed_columns(self, features: list[str], head: str, typed: str) -> set[int]:
        """``columns`` of ``head + f`` and ``typed + head + f`` for each feature ``f``."""
        dim = self.weights.shape[1]
        if dim != DIM:
            plain = [head + f for f in features]
            return column_set(plain + [typed + f for f in plain], dim)
        return typed_column_set(features, head, typed)

    def scores_cols(self, cols: list[int]) -> dict[str, float]:
        """Probability per class for features already hashed to distinct columns."""
        # the ufuncs' ``reduce`` are what ``sum`` and ``max`` call: the same numbers, less
        # overhead (``weights.take`` would sum in another order: not the same float32 numbers)
        if cols:
            z = _add(self.weights[:, cols], axis=1) + self.bias
        else:
            z = self.bias.copy()
        z = z.astype(np.float64)
        if self.kind == "softmax":
            e = np.exp(z - _max(z))
            p = e / _add(e)
        else:
            p = 1.0 / (1.0 + np.exp(-z))
        return dict(zip(self.classes, p.tolist(), strict=True))

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
            classes=np.array(self.classes),
            kind=np.array(self.kind),
            name=np.array(self.name),
        )

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        with np.load(path, allow_pickle=False) as z:
            return cls(
                name=str(z["name"]),
                classes=tuple(str(c) for c in z["classes"]),
                weights=z["weights"].astype(np.float32),
                bias=z["bias"].astype(np.float32),
                kind=str(z["kind"]),
            )


def empty(name: str, classes: tuple[str, ...], kind: str = "ovr", dim: int = DIM) -> LinearModel:
    """A model with zero weights (used before training and in tests)."""
    weights = np.zeros((len(classes), dim), np.float32)
    return LinearModel(name, classes, weights, np.zeros(len(classes), np.float32), kind)
