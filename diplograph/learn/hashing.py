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
    feats = features if isinstance(features, (list, tuple)) else list(features)
    try:
        return set(map(cols.__getitem__, feats))  # every feature seen before: one C loop
    except KeyError:
        pass
    out = set()
    for f in feats:
        c = cols.get(f)
        if c is None:
            c = cols[f] = index(f)
        out.add(c)
    return out


# (head, typed) → feature → column of ``head + feature``, and of ``typed + head + feature``
_PAIRED: dict[tuple[str, str], tuple[dict[str, int], dict[str, int]]] = {}


def typed_column_set(features: list[str], head: str, typed: str) -> set[int]:
    """Columns at DIM of ``head + f`` and ``typed + head + f`` for each feature ``f``.

    Equal to ``column_set([head + f for f in fs] + [typed + head + f for f in fs])``, without
    building those strings again for features seen before.
    """
    held = _PAIRED.get((head, typed))
    if held is None:
        held = _PAIRED[(head, typed)] = ({}, {})
    plain, conj = held
    try:
        out = set(map(plain.__getitem__, features))
        out.update(map(conj.__getitem__, features))
        return out
    except KeyError:
        pass
    out = set()
    for f in features:
        c = plain.get(f)
        if c is None:
            c = plain[f] = index(head + f)
            conj[f] = index(typed + head + f)
        out.add(c)
        out.add(conj[f])
    if sum(len(p) for p, _ in _PAIRED.values()) > _PAIRED_MAX:
        _PAIRED.clear()  # bounded over all keys: a long ingest meets new words without end
    return out


_PAIRED_MAX = 1 << 19  # features held over all (head, typed) keys
