"""Queries over the store: canonical events, answers with evidence, source conflicts.

Names load on first use, so a command that needs one helper (``query.inputs``) does not pay
for ``ask`` and the extractor vocabulary it reads (start-up).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Answer": "diplograph.query.ask",
    "answer": "diplograph.query.ask",
    "CanonicalEvent": "diplograph.query.canonical",
    "canonical_counts": "diplograph.query.canonical",
    "canonical_events": "diplograph.query.canonical",
    "cluster_events": "diplograph.query.canonical",
    "stats_with_canonical": "diplograph.query.canonical",
    "Conflict": "diplograph.query.conflicts",
    "find_conflicts": "diplograph.query.conflicts",
}

if TYPE_CHECKING:
    from diplograph.query.ask import Answer, answer
    from diplograph.query.canonical import (
        CanonicalEvent,
        canonical_counts,
        canonical_events,
        cluster_events,
        stats_with_canonical,
    )
    from diplograph.query.conflicts import Conflict, find_conflicts

__all__ = [
    "Answer",
    "CanonicalEvent",
    "Conflict",
    "answer",
    "canonical_counts",
    "canonical_events",
    "cluster_events",
    "find_conflicts",
    "stats_with_canonical",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'diplograph.query' has no attribute {name!r}")
