"""The closed vocabularies every stage shares: event types, relationship tiers, number words.

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

NUMBER_WORDS: dict[str, int] = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
"""Number words as figures and dates read them ("two" … "ninety", "hundred", "dozen"), in
the order the figure patterns try them."""
