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

import csv
import re
from functools import lru_cache
from importlib import resources

from diplograph.extract.gazetteer import fold, load_gazetteer
from diplograph.extract.slots import Slot
from diplograph.models import Actor

# the seats of international bodies: "talks in Geneva" are the UN's venue, not Switzerland's
_NOT_STATES = frozenset({"New York City", "Geneva"})
_BEFORE = re.compile(r"\b(?:[Ii]n|[Aa]t|[Tt]o|[Ii]nto|[Vv]isit(?:ed|ing|s)?)\s+(?:the\s+)?$")
# "the Dubai-based firm", "Osaka Expo", "Karachi Port": a name qualifying something else
_AFTER_NOT = re.compile(r"^(?:-|\s+(?:[A-Z][a-z]+|port|airport|consulate|office)\b)")


@lru_cache(maxsize=1)
def _cities() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern over every non-capital city's name and aliases, and each surface's state."""
    g = load_gazetteer()
    taken = set(g.capitals)
    surfaces: dict[str, str] = {}
    path = resources.files("diplograph.data") / "gazetteer" / "places.csv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["name"] in _NOT_STATES:
                continue
            names = [row["name"], *[a for a in row["aliases"].split(";") if a]]
            if any(n in taken for n in names):
                continue  # a capital or a seat: an actor mention already
            for n in names:
                key = fold(n)
                if len(key) > 3 and key[0].isupper():
                    surfaces.setdefault(key, row["country"])
    alts = "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])"), surfaces


def city_slots(text: str, slots: list[Slot]) -> list[Slot]:
    """Place slots for the cities a sentence names as a place whose state it does not name."""
    pattern, surfaces = _cities()
    folded = fold(text)
    named = {s.code for s in slots if not s.location}
    g = load_gazetteer()
    out: list[Slot] = []
    for m in pattern.finditer(folded):
        code = surfaces[m.group(0)]
        if code in named or any(s.start < m.end() and m.start() < s.end for s in slots):
            continue
        if not _BEFORE.search(folded[max(0, m.start() - 14) : m.start()]):
            continue
        if _AFTER_NOT.match(folded[m.end() : m.end() + 14]):
            continue
        actor = Actor(code, g.name_of(code))
        out.append(Slot(m.start(), m.end(), actor, ("CAPITAL",), location=True, city=True))
    return out
