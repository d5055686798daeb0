"""Places named in events → coordinates, from the bundled offline gazetteer (issue 17).

``data/gazetteer/places.csv`` holds every capital and seat the extractor recognises as a place
(with metonyms such as "Kremlin" as variants of the capital) and every city of 300,000 people
or more, with coordinates from GeoNames (CC BY 4.0; see ``data/SOURCES.md``). A name is matched
on its folded key (case, diacritics, spaces and punctuation ignored), so "HANOI", "Ha Noi" and
"Hà Nội" are one place; where several places share a name, one in the event's own countries
wins, then one of that very name or one of our aliases (New Delhi over Delhi, which GeoNames also
calls so), then the most populous.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_LETTERS = str.maketrans({"đ": "d", "ø": "o", "ł": "l", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe",
                          "þ": "th", "ð": "d", "ʻ": "", "’": "", "'": ""})  # fmt: skip
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def place_key(text: str) -> str:
    """The matching key of a place name: "Hà Nội", "HA NOI" and "Hanoi" → "hanoi"."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_LETTERS))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", plain)


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: the GeoNames name, its state (ISO3) and coordinates."""

    name: str
    country: str
    lat: float
    lon: float
    population: int


# A match through the name or one of our gazetteer's aliases outranks a GeoNames variant
# ("White House" is Washington, not Casablanca, whose name it translates).
_NAME, _ALIAS, _VARIANT = 2, 1, 0


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[tuple[Place, int], ...]]:
    found: dict[str, dict[Place, int]] = {}
    path = resources.files("diplograph.data") / "gazetteer" / "places.csv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            place = Place(
                name=row["name"], country=row["country"], lat=float(row["lat"]),
                lon=float(row["lon"]), population=int(row["population"]),
            )  # fmt: skip
            names = [(row["name"], _NAME)]
            names += [(n, _ALIAS) for n in row["aliases"].split(";")]
            names += [(n, _VARIANT) for n in row["variants"].split(";")]
            for text, rank in names:
                key = place_key(text)
                if key:
                    ranks = found.setdefault(key, {})
                    ranks[place] = max(rank, ranks.get(place, rank))
    return {k: tuple(v.items()) for k, v in found.items()}


def gazetteer_size() -> int:
    """How many distinct places the bundled gazetteer holds."""
    return len({p for places in _index().values() for p, _ in places})


def geocode(text: str | None, prefer: Iterable[str | None] = ()) -> Place | None:
    """The place a name means, or None: "Hanoi" → Hanoi (VNM, 21.024, 105.841).

    ``prefer`` lists the event's countries: among places of one name, theirs win. A name with
    a comma ("Paris, France") falls back to the part before it.
    """
    if not text or not text.strip():
        return None
    index, key = _index(), place_key(text)
    candidates = index.get(key, ())
    if not candidates and "," in text:
        key = place_key(text.split(",")[0])
        candidates = index.get(key, ())
    if not candidates:
        return None
    own = {c for c in prefer if c}
    best = max(candidates, key=lambda c: (c[0].country in own, c[1], c[0].population, c[0].name))
    return best[0]
