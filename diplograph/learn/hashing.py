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


# prefix → feature → column of ``prefix + feature`` at DIM
_PREFIXED: dict[str, dict[str, int]] = {}
_PREFIX_MAX = 1 << 14  # features held per prefix (45 prefixes): a long ingest meets new words


def prefixed_column_set(features: list[str], prefix: str) -> set[int]:
    """Columns at DIM of ``prefix + f`` for each feature ``f``, without building those strings
    again for features seen before with this prefix."""
    cols = _PREFIXED.get(prefix)
    if cols is None:
        cols = _PREFIXED[prefix] = {}
    try:
        return set(map(cols.__getitem__, features))  # every feature seen before: one C loop
    except KeyError:
        pass
    if len(cols) > _PREFIX_MAX:
        cols.clear()
    out = set()
    for f in features:
        c = cols.get(f)
        if c is None:
            c = cols[f] = index(prefix + f)
        out.add(c)
    return out


def typed_column_set(features: list[str], head: str, typed: str) -> set[int]:
    """Columns at DIM of ``head + f`` and ``typed + head + f`` for each feature ``f``.

    Equal to ``column_set([head + f for f in fs] + [typed + head + f for f in fs])``.
    """
    out = prefixed_column_set(features, head)
    out |= prefixed_column_set(features, typed + head)
    return out
