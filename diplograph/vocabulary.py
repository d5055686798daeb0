"""The closed vocabularies every stage shares: event types and relationship tiers.

One place, imported by the extractor, the corpus validator, the trainer and the query layer, and
light enough (no imports) for the server and the CLI to load at start-up.
"""

from __future__ import annotations

EVENT_TYPES: tuple[str, ...] = (
    "VISIT",
    "MEET",
    "CALL",
    "AGREE_SIGN",
    "PARTNERSHIP_UPGRADE",
    "STATEMENT_SUPPORT",
    "AID",
    "ELECTED",
    "CONFERENCE",
    "PROTEST_ACCUSE",
    "SANCTION",
    "EVACUATE",
    "OTHER_COOPERATE",
    "OTHER_CONFLICT",
)
"""The 14 event types of GUIDELINES, in the order reports list them."""

TIERS: tuple[str, ...] = (
    "special relationship",
    "comprehensive strategic partnership",
    "strategic partnership",
    "comprehensive partnership",
    "diplomatic relations",
)
"""Relationship tiers, highest first (GUIDELINES: relations.level)."""
