"""Cities that are not capitals, as places that stand for their state ("arrived in Mombasa").

GUIDELINES code the host of a visit, of a summit or the receiver of aid flown "to Medan" as
the city's state. The gazetteer's capitals are actor mentions already; the other cities of
``data/gazetteer/places.csv`` (their name and our aliases, not GeoNames' variants, which hold
common words) become *place* slots here: after "in", "at", "to", "into" or "visited", and only
when the sentence names that state no other way ("from Doha" is where a traveller set out).
They read like a capital after "in", so the decider treats them as it treats "in Hanoi"; the
role fix ``learn.decider._city_roles`` keeps them from sources and from other types' targets.
"""

from __future__ import annotations

import re
from functools import lru_cache

from diplograph.extract.gazetteer import fold, load_gazetteer, place_rows
from diplograph.extract.provinces import province_names
from diplograph.extract.slots import Slot
from diplograph.models import Actor

# the seats of international bodies: "talks in Geneva" are the UN's venue, not Switzerland's
_NOT_STATES = frozenset({"New York City", "Geneva"})
# "the Dubai-based firm", "Osaka Expo", "Karachi Port": a name qualifying something else
# ("Yunnan Province" is the place itself)
_AFTER_NOT = re.compile(
    r"^(?:-|\s+(?:(?!(?:Province|Prefecture|State|Region)\b)[A-Z][a-z]+|port|airport|"
    r"consulate|office)\b)"
)


# a place word before a city's name: "in ", "flew to ", "visited the "
_PLACE_WORD = re.compile(r"\b(?:[Ii]n|[Aa]t|[Tt]o|[Ii]nto|[Vv]isit(?:ed|ing|s)?)\s+(?:the\s+)?")
_KEY = 4  # surfaces are looked up by their first characters (every surface is longer)


@lru_cache(maxsize=1)
def _cities() -> tuple[dict[str, list[str]], dict[str, str], frozenset[str]]:
    """Every non-capital city's and first-level division's name and aliases by their first
    characters (longest first), each surface's state, and the divisions' surfaces."""
    g = load_gazetteer()
    taken = set(g.capitals)
    surfaces: dict[str, str] = {}
    for name, aliases, country in place_rows():
        if name in _NOT_STATES:
            continue
        names = [name, *aliases]
        if any(n in taken for n in names):
            continue  # a capital or a seat: an actor mention already
        for n in names:
            key = fold(n)
            if len(key) > 3 and key[0].isupper():
                surfaces.setdefault(key, country)
    divisions = province_names()
    provinces = frozenset(p for p in divisions if p not in surfaces)
    for name in provinces:  # "visited Bavaria", "in Quang Ninh province"
        surfaces[name] = divisions[name]
    heads: dict[str, list[str]] = {}
    for surface in sorted(surfaces, key=len, reverse=True):
        heads.setdefault(surface[:_KEY], []).append(surface)
    return heads, surfaces, provinces


def _city_at(folded: str, i: int, heads: dict[str, list[str]]) -> str | None:
    """The longest city name that starts at ``i`` and ends a word ("Mombasa", not "Mombasa-")."""
    for surface in heads.get(folded[i : i + _KEY], ()):
        end = i + len(surface)
        if folded.startswith(surface, i) and not (
            end < len(folded) and (folded[end].isalnum() or folded[end] in "_-")
        ):
            return surface
    return None


def city_slots(text: str, slots: list[Slot]) -> list[Slot]:
    """Place slots for the cities a sentence names as a place whose state it does not name."""
    heads, surfaces, provinces = _cities()
    folded = fold(text)
    named = {s.code for s in slots if not s.location}
    g = load_gazetteer()
    out: list[Slot] = []
    for w in _PLACE_WORD.finditer(folded):
        start = w.end()
        name = _city_at(folded, start, heads)
        if name is None:
            continue
        end = start + len(name)
        code = surfaces[name]
        if code in named or any(s.start < end and start < s.end for s in slots):
            continue
        if _AFTER_NOT.match(folded[end : end + 14]):
            continue
        actor = Actor(code, g.name_of(code))
        province = name in provinces
        out.append(
            Slot(start, end, actor, ("CAPITAL",), location=True, city=True, province=province)
        )
    return out
