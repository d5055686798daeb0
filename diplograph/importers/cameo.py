"""CAMEO event codes and names → our event types, PLOVER types and quad classes.

The table is ``diplograph/data/cameo.csv`` (source and choices in ``data/SOURCES.md``). ICEWS
writes CAMEO events by name ("Make a visit"), other datasets by code ("042"); both resolve here.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

#: CAMEO quad classes (ICEWS/GDELT numbering) and the two halves the CLI accepts.
QUAD_CLASSES: dict[str, tuple[int, ...]] = {
    "verbal-cooperation": (1,),
    "material-cooperation": (2,),
    "verbal-conflict": (3,),
    "material-conflict": (4,),
    "cooperation": (1, 2),
    "conflict": (3, 4),
}
QUAD_NAMES: dict[int, str] = {1: "verbal-cooperation", 2: "material-cooperation"} | {
    3: "verbal-conflict",
    4: "material-conflict",
}

#: Quad class of each of our extracted event types, so extracted and imported series share
#: one cooperation/conflict scale (CAMEO roots 04 consult, 05 diplomatic cooperation, 07 aid,
#: 11 disapprove, 16 reduce relations).
TYPE_QUAD: dict[str, int] = {
    "VISIT": 1,
    "MEET": 1,
    "CALL": 1,
    "CONFERENCE": 1,
    "AGREE_SIGN": 1,
    "PARTNERSHIP_UPGRADE": 1,
    "STATEMENT_SUPPORT": 1,
    "ELECTED": 1,
    "AID": 2,
    "EVACUATE": 2,
    "OTHER_COOPERATE": 2,
    "PROTEST_ACCUSE": 3,
    "SANCTION": 4,
    "OTHER_CONFLICT": 4,
}


@dataclass(frozen=True)
class CameoEvent:
    """One CAMEO code: its name, our type (None for statements, appeals, intents), PLOVER."""

    code: str
    name: str
    type: str | None
    plover: str | None
    quad: int
    swap: bool  # True where the CAMEO source is our target ("Host a visit")


@dataclass(frozen=True)
class CameoTable:
    by_code: dict[str, CameoEvent]
    by_name: dict[str, CameoEvent]

    def lookup(self, value: str) -> CameoEvent | None:
        """Resolve a CAMEO code ("042", "42") or event name (any case)."""
        value = value.strip()
        if value.isdigit():
            return self.by_code.get(value) or self.by_code.get(value.zfill(3))
        return self.by_name.get(" ".join(value.casefold().split()))


def parse_quad(value: str) -> tuple[int, ...]:
    """A quad option ("conflict", "verbal-cooperation", "3") → quad class numbers."""
    key = value.strip().lower().replace("_", "-").replace(" ", "-")
    if key in QUAD_CLASSES:
        return QUAD_CLASSES[key]
    if key in {"1", "2", "3", "4"}:
        return (int(key),)
    raise ValueError(f"unknown quad class {value!r}; use one of {', '.join(QUAD_CLASSES)} or 1-4")


@lru_cache(maxsize=1)
def load_cameo() -> CameoTable:
    """Load the bundled CAMEO table (cached)."""
    by_code: dict[str, CameoEvent] = {}
    by_name: dict[str, CameoEvent] = {}
    path = resources.files("diplograph.data") / "cameo.csv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            ev = CameoEvent(
                code=row["code"],
                name=row["name"],
                type=row["type"] or None,
                plover=row["plover"] or None,
                quad=int(row["quad"]),
                swap=row["swap"] == "1",
            )
            by_code[ev.code] = ev
            key = " ".join(ev.name.casefold().split())
            # a root code ("04 Consult") yields its name to the specific code ("040 Consult")
            if key not in by_name or len(by_name[key].code) < 3:
                by_name[key] = ev
    return CameoTable(by_code, by_name)
