"""Actor slots of one text unit: mentions merged into actors, locations set apart.

"Vietnam's Prime Minister Pham Minh Chinh" is one slot (VNM, person, role); "in Hanoi"
is a location, not an actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diplograph.models import Actor, Mention

_MERGE_GAP = re.compile(
    r"^[\s,'’s\-–()]*(?:(?:the|of|and|State|Party|[A-Z][a-z]+(?:\s+of\s+[A-Z][a-z]+)*)"
    r"[\s,'’s\-–]*){0,8}$"
)
_LOC_BEFORE = re.compile(r"(?:\b(?:in|at|near|from)\s+(?:the\s+)?|,\s*)$")
# "the US charity ...", "an American non-governmental organization", "Japanese firms":
# the country only qualifies a non-state actor, which no event may be credited to
_NONSTATE_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+){0,2}?(?:charit(?:y|ies)|NGOs?|non-?governmental\s+organi[sz]ations?|"
    r"non-?profits?|humanitarian\s+organi[sz]ations?|compan(?:y|ies)|firms?|businesses|"
    r"enterprises?|investors?|corporations?|conglomerates?|banks?|airlines?|carriers?|"
    r"universit(?:y|ies)|newspapers?|media\s+outlets?|broadcasters?|foundations?|"
    r"activists?|rights\s+groups?|volunteers?|billionaires?)\b"
)


_ORG_TITLE = re.compile(
    r"^(?:['’]s)?\s+(?:Secretary[- ]General|Director[- ]General|Secretary|President|"
    r"Chair(?:man|woman)?|chief|head|High\s+Representative|Commissioner)\s+$",
    re.I,
)
_ATTRIBUTION = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.I)
_DATELINE = re.compile(r"^[^a-z]{0,40}$")  # nothing but capitals and punctuation before


@dataclass
class Slot:
    start: int  # offsets relative to the unit
    end: int
    actor: Actor
    labels: tuple[str, ...]
    location: bool = False
    aside: bool = False  # no event actor: qualifies a non-state actor, or a quoted source
    city: bool = False  # a non-capital city standing for its state as a place (extract/cities.py)
    province: bool = False  # a province, state or prefecture of it (extract/provinces.py)

    @property
    def code(self) -> str:
        return self.actor.code


def build_slots(unit_text: str, unit_start: int, mentions: list[Mention]) -> list[Slot]:
    """Merge adjacent mentions of the same actor; mark capitals after "in"/"at" as places."""
    slots: list[Slot] = []
    for m in sorted(mentions, key=lambda x: x.start):
        s, e = m.start - unit_start, m.end - unit_start
        before = unit_text[max(0, s - 12) : s]
        is_loc = m.label == "CAPITAL" and bool(_LOC_BEFORE.search(before))
        if (
            m.label in ("CAPITAL", "COUNTRY")
            and m.text.isupper()
            and len(m.text) > 2
            and _DATELINE.match(unit_text[:s])
            and re.match(r"\s*(?:/|,|\(|[–—-])", unit_text[e : e + 3])
        ):
            is_loc = True  # "SEOUL (Reuters) -", "HÀ NỘI –": where the story was filed
        if slots and not is_loc:
            prev = slots[-1]
            gap = unit_text[prev.end : s]
            if m.label == "PERSON" and prev.labels == ("ORG",) and _ORG_TITLE.match(gap):
                # "NATO Secretary General Mark Rutte" speaks for NATO, not for his country
                prev.end = e
                prev.actor = Actor(prev.code, prev.actor.name, m.actor.person, "head")
                prev.labels = (*prev.labels, m.label)
                continue
            if (
                prev.code == m.actor.code
                and not prev.location
                and len(gap) < 60
                and _MERGE_GAP.match(gap)
                and " and " not in gap
            ):
                actor = prev.actor
                if m.actor.person and not actor.person:
                    actor = m.actor
                prev.end = e
                prev.actor = actor
                prev.labels = (*prev.labels, m.label)
                continue
        slots.append(Slot(s, e, m.actor, (m.label,), is_loc))
    for slot in slots:
        if len(slot.code) == 3 and not slot.actor.person:
            slot.aside = bool(_NONSTATE_AFTER.match(unit_text[slot.end : slot.end + 60]))
        if _ATTRIBUTION.search(unit_text[max(0, slot.start - 20) : slot.start]):
            slot.aside = True  # "..., according to South Korea's military"
    return slots
