"""Actor names of coded datasets → our codes, through the bundled gazetteer only.

Resolution order: a country name or variant ("Vietnam", "Viet Nam", "TAIWAN, PROVINCE OF
CHINA" via ``data/actor_aliases.csv``); an organisation name ("UN Security Council"); a sector
with its country in parentheses ("Ministry (Vietnam)" → VNM); a leader's full name from the
leaders gazetteer ("Nguyen Tan Dung" → VNM). Anything else, or a name that points to two
codes, stays uncoded: nothing is guessed.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from diplograph.extract.gazetteer import load_gazetteer
from diplograph.importers.records import CodedActor

_PAREN = re.compile(r"^(?P<sector>.*?)\s*\((?P<inner>[^()]+)\)\s*$")


def fold(name: str) -> str:
    """Case-, accent- and space-insensitive key; a leading "the" is dropped."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = " ".join(text.replace("’", "'").split())
    return text[4:] if text.startswith("the ") else text


class ActorCoder:
    """Codes actor names; built once from the gazetteer and ``actor_aliases.csv``."""

    def __init__(self) -> None:
        g = load_gazetteer()
        places: dict[str, set[str]] = {}
        for pat in g.patterns:
            if pat["label"] in {"COUNTRY", "ORG"}:
                places.setdefault(fold(pat["pattern"]), set()).add(pat["id"])
        for code, name in g.org_names.items():
            places.setdefault(fold(name), set()).add(code)
        path = resources.files("diplograph.data") / "actor_aliases.csv"
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                places[fold(row["alias"])] = {row["code"]}
        self.countries = set(g.country_names)
        self.places = {k: next(iter(v)) for k, v in places.items() if len(v) == 1}
        people: dict[str, set[str]] = {}
        for surface, leaders in g.leaders.items():
            if len(surface.split()) < 2:  # "Trong", "Lam": ambiguous short forms
                continue
            for leader in leaders:
                people.setdefault(fold(surface), set()).add(leader.country)
        self.people = {k: next(iter(v)) for k, v in people.items() if len(v) == 1}

    def code(self, name: str) -> CodedActor:
        """Code one actor name; ``code`` is None when it cannot be coded."""
        key = fold(name)
        found = self.places.get(key) or self.people.get(key)
        if found is None:
            m = _PAREN.match(name)
            if m:
                inner = self.places.get(fold(m.group("inner")))
                found = inner if inner in self.countries else None
        return CodedActor(name=name.strip(), code=found)


@lru_cache(maxsize=1)
def load_coder() -> ActorCoder:
    """The shared coder (cached; the gazetteer is read once)."""
    return ActorCoder()
