"""Our event types → PLOVER (the ontology POLECAT uses): a table plus one function.

Choices where PLOVER has no direct match are documented here:
- ELECTED → SUPPORT: other states voted for the elected one.
- EVACUATE → RETREAT/withdraw: a state pulls its nationals out of a place.
- PARTNERSHIP_UPGRADE → COOPERATE/relations: a formal change of diplomatic relations.
"""

from __future__ import annotations

PLOVER: dict[str, tuple[str, str | None]] = {
    "VISIT": ("CONSULT", "visit"),
    "MEET": ("CONSULT", None),
    "CALL": ("CONSULT", "phone"),
    "CONFERENCE": ("CONSULT", "multilateral"),
    "AGREE_SIGN": ("AGREE", None),
    "PARTNERSHIP_UPGRADE": ("COOPERATE", "relations"),
    "STATEMENT_SUPPORT": ("SUPPORT", None),
    "AID": ("AID", None),
    "ELECTED": ("SUPPORT", None),
    "PROTEST_ACCUSE": ("ACCUSE", None),
    "SANCTION": ("SANCTION", None),
    "EVACUATE": ("RETREAT", "withdraw"),
    "OTHER_COOPERATE": ("COOPERATE", None),
    "OTHER_CONFLICT": ("COERCE", None),
}

AID_MODES = {"humanitarian": "humanitarian", "military": "military", "economic": "economic"}


def to_plover(event_type: str, text: str = "") -> tuple[str, str | None]:
    """PLOVER (event_type, mode) for one of our types; refines the mode from the sentence."""
    ptype, mode = PLOVER.get(event_type, ("COOPERATE", None))
    low = text.lower()
    if event_type == "AID":
        for word, m in AID_MODES.items():
            if word in low:
                return ptype, m
        if "rescue" in low or "relief" in low or "vaccine" in low:
            return ptype, "humanitarian"
    if event_type == "SANCTION" and ("expel" in low or "persona non grata" in low):
        return ptype, "relations"
    if event_type == "PROTEST_ACCUSE" and ("protest" in low or "summon" in low):
        return "PROTEST", None if "summon" not in low else "relations"
    return ptype, mode
