"""Bundled gazetteers (countries, demonyms, capitals, organisations, leaders) as data.

Everything is read from ``diplograph/data/gazetteer/*.csv`` (see ``data/SOURCES.md``) and
turned into EntityRuler patterns. The result is immutable and built once per process.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

GAZETTEER_VERSION = "diplograph.gazetteer.v1"


@dataclass(frozen=True)
class Leader:
    name: str
    role: str
    country: str
    start: str
    end: str  # "" while in office

    def in_office(self, when: str | None) -> bool:
        if not when:
            return not self.end
        return (not self.start or self.start[: len(when)] <= when) and (
            not self.end or when <= self.end[: len(when)] or self.end.startswith(when)
        )


@dataclass
class Gazetteer:
    """Lookup tables for actor resolution; built from the bundled CSV files."""

    country_names: dict[str, str] = field(default_factory=dict)  # code -> display name
    org_names: dict[str, str] = field(default_factory=dict)
    leaders: dict[str, list[Leader]] = field(default_factory=dict)  # surface -> leaders
    full_leader_names: set[str] = field(default_factory=set)
    capitals: dict[str, str] = field(default_factory=dict)  # surface -> code
    patterns: list[dict[str, Any]] = field(default_factory=list)

    def name_of(self, code: str) -> str:
        return self.country_names.get(code) or self.org_names.get(code) or code


def _rows(name: str) -> Iterator[dict[str, str]]:
    path = resources.files("diplograph.data") / "gazetteer" / name
    with path.open(encoding="utf-8") as fh:
        yield from csv.DictReader(fh)


@lru_cache(maxsize=1)
def place_rows() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """``places.csv``, read once: each place's name, our aliases for it and its state."""
    return tuple(
        (row["name"], tuple(a for a in row["aliases"].split(";") if a), row["country"])
        for row in _rows("places.csv")
    )


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def _fold_table() -> dict[int, str]:
    table = {ord(k): v for k, v in {"Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "Ł": "L", "ł": "l",
                                    "’": "'", "‘": "'", "ı": "i"}.items()}  # fmt: skip
    for cp in range(0xC0, 0x2000):
        base = unicodedata.normalize("NFD", chr(cp))
        if len(base) > 1 and base[0].isascii() and base[0].isalpha():
            if all(unicodedata.combining(c) for c in base[1:]):
                table[cp] = base[0]
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Diacritics and curly quotes folded, one character for one ("Tô Lâm" -> "To Lam").

    Offsets stay valid, so the gazetteer matches folded text and mentions keep the original.
    """
    return text.translate(_FOLD)


# Surface forms that are too ambiguous in English prose to be matched as actors.
_AMBIGUOUS = {"Male", "Victoria", "Nice", "Sucre", "Asia", "Kingston", "Roseau", "Palestinian"}


_FUNCTION_WORDS = {"of", "and", "the", "de", "da", "del", "du"}


def number_slips(name: str) -> list[str]:
    """Singular/plural slips of a multi-word name ("Cook Islands" -> "Cooks Islands", ...).

    Translated news often misspells multi-word country names by one plural "s"; a one-word
    name is left alone because its slips collide with demonyms ("Philippine").
    """
    words = name.split()
    if len(words) < 2:
        return []
    slips = []
    for i, word in enumerate(words):
        if word.lower() in _FUNCTION_WORDS or not word[:1].isupper() or len(word) < 4:
            continue
        swapped = word[:-1] if word.endswith("s") else word + "s"
        slips.append(" ".join([*words[:i], swapped, *words[i + 1 :]]))
    return slips


def _add(pats: list[dict[str, Any]], label: str, text: str, ent_id: str) -> None:
    text = fold(text.strip())
    if not text or text in _AMBIGUOUS:
        return
    pats.append({"label": label, "pattern": text, "id": ent_id})
    upper = text.upper()
    if upper != text and len(text) > 3:
        pats.append({"label": label, "pattern": upper, "id": ent_id})


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Load and index every bundled gazetteer file (cached, read-only)."""
    g = Gazetteer()
    pats = g.patterns
    for row in _rows("countries.csv"):
        code = row["code"].strip()
        g.country_names[code] = row["name"].strip()
        names = [row["name"], *_split(row.get("variants"))]
        for v in names:
            _add(pats, "COUNTRY", v, code)
        known = set(names)
        for v in {slip for name in names for slip in number_slips(name)} - known:
            pats.append({"label": "COUNTRY", "pattern": v, "id": code})
        for v in _split(row.get("demonyms")):
            _add(pats, "DEMONYM", v, code)
        for v in _split(row.get("capitals")):
            g.capitals[v] = code
            _add(pats, "CAPITAL", v, code)
    for row in _rows("organizations.csv"):
        code = row["code"].strip()
        g.org_names[code] = row["name"].strip()
        for v in [code, row["name"], *_split(row.get("variants"))]:
            _add(pats, "ORG", v, code)
        for v in _split(row.get("seats")):  # "Brussels" speaks for the EU, not Belgium
            g.capitals[v] = code
            _add(pats, "CAPITAL", v, code)
    # hand-kept leaders first, then government officials 2005-2014 from the PETRARCH2 Phoenix
    # dictionary (MIT; see SOURCES.md), whose rows carry no title
    for name in ("leaders.csv", "phoenix_people.csv"):
        for row in _rows(name):
            leader = Leader(
                name=row["name"].strip(),
                role=(row.get("role") or "official").strip(),
                country=row["country"].strip(),
                start=(row.get("start") or "").strip(),
                end=(row.get("end") or "").strip(),
            )
            g.full_leader_names.add(leader.name)
            for v in [leader.name, *_split(row.get("variants"))]:
                g.leaders.setdefault(v, []).append(leader)
    for surface in list(g.leaders):
        folded = fold(surface)
        if folded != surface:
            g.leaders.setdefault(folded, [])
            g.leaders[folded] += [x for x in g.leaders[surface] if x not in g.leaders[folded]]
    for surface in g.leaders:
        if fold(surface) == surface:
            pats.append({"label": "PERSON", "pattern": surface, "id": surface})
    return g
