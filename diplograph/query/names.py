"""One name resolver: country and organisation names in common spellings → their codes.

The table joins the bundled gazetteer (names, variants, demonyms, abbreviations: "Viet Nam",
"U.S.", "ROK", "Lao PDR", "Türkiye") and its organisations with pycountry's ISO 3166 names and
alpha-2/alpha-3 codes. ``resolve_name`` is for what a user types (an unknown name raises with the
nearest suggestions); ``find_names`` finds the names inside a question.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from diplograph.errors import DiplographError
from diplograph.query.terms import words


@dataclass(frozen=True)
class Named:
    """A resolved name: the code, the display name and whether it is a country or a body."""

    code: str
    name: str
    kind: str  # "country" or "org"


class UnknownName(DiplographError):
    """A name that resolves to nothing; ``suggestions`` holds the nearest known names."""

    def __init__(self, text: str, suggestions: list[str]) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown country or organisation {text!r}{hint}")
        self.text = text
        self.suggestions = suggestions


def _key(text: str) -> str:
    return " ".join(words(text))


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


@dataclass(frozen=True)
class _Table:
    by_key: dict[str, str]  # folded surface → code
    acronyms: frozenset[str]  # keys that only count when written in capitals ("US", not "us")
    codes: frozenset[str]  # ISO alpha-2 codes no name spells ("PM", "NA", "AI"): whole inputs only
    names: dict[str, Named]  # code → display


@lru_cache(maxsize=1)
def _table() -> _Table:
    by_key: dict[str, str] = {}
    acronyms: set[str] = set()
    names: dict[str, Named] = {}
    spelled: set[str] = set()  # keys that a name, variant or demonym spells
    codes: set[str] = set()

    def add(surface: str, code: str, is_code: bool = False) -> None:
        key = _key(surface)
        if not key:
            return
        by_key.setdefault(key, code)
        (codes if is_code else spelled).add(key)
        if re.fullmatch(r"[A-Z.]{2,5}", surface.replace(" ", "")):
            acronyms.add(key)

    gaz = resources.files("diplograph.data") / "gazetteer"
    with (gaz / "countries.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["code"].strip()
            names[code] = Named(code, row["name"].strip(), "country")
            add(code, code)
            for s in [row["name"], *_split(row.get("variants")), *_split(row.get("demonyms"))]:
                add(s, code)
    with (gaz / "organizations.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["code"].strip()
            names.setdefault(code, Named(code, row["name"].strip(), "org"))
            for s in [code, row["name"], *_split(row.get("variants"))]:
                add(s, code)
    import pycountry  # ISO 3166 names and codes for every state the gazetteer may lack

    for c in pycountry.countries:
        code = c.alpha_3
        names.setdefault(code, Named(code, getattr(c, "common_name", None) or c.name, "country"))
        for s in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if s:
                add(s, code)
        add(c.alpha_2, code, is_code=True)
        add(code, code)
    return _Table(by_key, frozenset(acronyms), frozenset(codes - spelled), names)


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    gaz = resources.files("diplograph.data") / "gazetteer"
    with (gaz / "countries.csv").open(encoding="utf-8") as fh:
        return frozenset(_key(d) for row in csv.DictReader(fh) for d in _split(row.get("demonyms")))


def is_demonym(word: str) -> bool:
    """A nationality adjective of the gazetteer ("Israeli", "Thai"), not a state's name."""
    return _key(word) in _demonyms()


def display(code: str) -> str:
    """The display name of a code ("VNM" → "Vietnam"), or the code itself."""
    named = _table().names.get(code)
    return named.name if named else code


def suggest(text: str, n: int = 3) -> list[str]:
    """The nearest known names to ``text`` ("Vietnma" → ["Vietnam"])."""
    t = _table()
    close = difflib.get_close_matches(_key(text), list(t.by_key), n=n * 3, cutoff=0.6)
    out = [f"{display(t.by_key[k])} ({t.by_key[k]})" for k in close]
    return list(dict.fromkeys(out))[:n]


def resolve_name(text: str) -> Named:
    """Resolve a country or organisation name, code or demonym; unknown names raise."""
    t = _table()
    code = t.by_key.get(_key(text))
    if code is None and text.strip().upper() in t.names:
        code = text.strip().upper()
    if code is None:
        raise UnknownName(text, suggest(text))
    return t.names.get(code) or Named(code, code, "org")


_TOKEN = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*\.?")
_CURRENCY_AFTER = re.compile(r"\$|\s+dollars?\b|\s+cents?\b", re.I)
MAX_WORDS = 7


def find_names(text: str) -> list[tuple[int, int, str]]:
    """Names in free text as (start, end, code), longest first where they overlap."""
    t = _table()
    toks = list(_TOKEN.finditer(text))
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        for n in range(min(MAX_WORDS, len(toks) - i), 0, -1):
            start, end = toks[i].start(), toks[i + n - 1].end()
            code = _lookup(t, text[start:end], n)
            if code is not None and _CURRENCY_AFTER.match(text, end):
                code = None  # "US$100 billion", "50 million US dollars": a currency
            if code is not None:
                out.append((start, end, code))
                i += n - 1
                break
        else:  # "EU-CELAC", "US-China": the parts of a hyphenated pair, when the whole is none
            tok = toks[i]
            parts = (
                re.finditer(r"[^\W_]+(?:[.'’][^\W_]+)*", tok.group(0))
                if "-" in tok.group(0)
                else ()
            )
            for part in parts:
                code = _lookup(t, part.group(0), 1)
                if code is not None:
                    out.append((tok.start() + part.start(), tok.start() + part.end(), code))
        i += 1
    return out


def _lookup(t: _Table, surface: str, n: int) -> str | None:
    """The code of one candidate name of ``n`` tokens, or None."""
    surface = surface.removesuffix("'s").removesuffix("’s")
    key = _key(surface)
    code = t.by_key.get(key)
    if code is None:
        return None
    if key in t.acronyms and not surface.replace(".", "").isupper():
        return None  # "us" is a pronoun, "US" a country
    if n == 1 and surface[:1].islower():
        return None  # a lower-case single word is no name
    if key in t.codes:
        return None  # in running text "PM", "NA" and "AI" are words, not Saint Pierre, Namibia …
    return code


# A capital speaks for its state in a question ("did Wellington and Jakarta launch", "Beijing's
# reaction") unless it is the place of something ("talks in Hanoi", "the Tokyo summit").
# Capitals that are common words or shared names ("Male", "Victoria", "Kingston") never do.
_NOT_ACTOR_CAPITALS = frozenset(
    ("male", "victoria", "kingston", "georgetown", "hamilton", "sucre", "city", "delhi")
)
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|to|from|into|near|via|through|towards?|outside|inside|around|across|of|"
    r"visit\w*|reach\w*|arriv\w*|left|leave|leaving|land\w*|flew|fly|flights?|city|capital)"
    r"|[–—-])\s+(?:the\s+)?$",
    re.I,
)
_PLACE_AFTER = re.compile(
    r"^(?:\s+(?-i:[A-Z])|\s+(?:summit|talk|meeting|conference|declaration|process|accord|agreement|"
    r"office|airport|embassy|mayor|city|province|police|court|marathon|forum|dialogue|"
    r"protocol|format|round|visit|trip|stop|leg|bureau|correspondent|resident|airlift|"
    r"consultation|evacuation|attack|bombing|blast|raid|consulate|mission|station)s?\b|-)",
    re.I,
)


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    gaz = resources.files("diplograph.data") / "gazetteer"
    with (gaz / "countries.csv").open(encoding="utf-8") as fh:
        return {
            _key(c): row["code"].strip()
            for row in csv.DictReader(fh)
            for c in _split(row.get("capitals"))
            if _key(c) not in _NOT_ACTOR_CAPITALS
        }


def capital_actors(text: str) -> list[tuple[int, int, str]]:
    """Capitals in ``text`` that stand for their state, as (start, end, state code)."""
    caps = _capitals()
    out: list[tuple[int, int, str]] = []
    for m in re.finditer(r"\b[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|(?:de|la|d'\w+)\b)){0,3}", text):
        toks = list(re.finditer(r"\S+", m.group(0)))
        i = 0
        while i < len(toks):  # the longest capital at each word of the run ("Did Beijing")
            for n in range(len(toks) - i, 0, -1):
                a = m.start() + toks[i].start()
                b = m.start() + toks[i + n - 1].end()
                surface = text[a:b].removesuffix("'s").removesuffix("’s")
                code = caps.get(_key(surface))
                if code is None:
                    continue
                b = a + len(surface)
                possessive = text[b : b + 2] in ("'s", "’s")
                after = text[b + 2 :] if possessive else text[b:]
                if not _PLACE_BEFORE.search(text[max(0, a - 30) : a]) and (
                    possessive or not _PLACE_AFTER.match(after)
                ):
                    out.append((a, b, code))
                i += n - 1
                break
            i += 1
    return out
