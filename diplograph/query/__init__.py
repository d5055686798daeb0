"""Queries over the store: canonical events, answers with evidence, source conflicts."""

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
