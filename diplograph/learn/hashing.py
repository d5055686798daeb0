"""Stable feature hashing: the same feature string gets the same column on every machine."""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from functools import lru_cache

DIM_BITS = 18
DIM = 1 << DIM_BITS


@lru_cache(maxsize=1 << 18)  # feature strings repeat across sentences and pairs
def index(feature: str, dim: int = DIM) -> int:
    """Column of one feature string (CRC-32, independent of PYTHONHASHSEED)."""
    return zlib.crc32(feature.encode("utf-8")) % dim


_COLUMNS: dict[str, int] = {}  # feature → column at DIM: a plain dict is the fastest lookup


def indices(features: Iterable[str], dim: int = DIM) -> list[int]:
    """Sorted distinct columns of a bag of features (binary features)."""
    return sorted(column_set(features, dim))


def column_set(features: Iterable[str], dim: int = DIM) -> set[int]:
    """Distinct columns of a bag of features."""
    if dim != DIM:
        return {index(f, dim) for f in features}
    cols = _COLUMNS
    if len(cols) > 1 << 20:
        cols.clear()  # bounded like ``index``'s cache
    out = set()
    for f in features:
        c = cols.get(f)
        if c is None:
            c = cols[f] = index(f)
        out.add(c)
    return out
