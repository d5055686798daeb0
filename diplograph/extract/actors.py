"""Entity mentions → canonical actors: countries (ISO3), organisations, leaders by tenure.

"We", "our country" and "our Party" resolve to the document's home country.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from diplograph.extract.gazetteer import Gazetteer, Leader
from diplograph.models import Actor

TITLE_ROLES: list[tuple[str, str]] = [
    (r"party general secretary|general secretary|secretary general", "general_secretary"),
    (r"deputy prime minister|deputy pm|vice premier", "deputy_prime_minister"),
    (r"prime minister|\bpm\b|premier", "prime_minister"),
    (
        r"foreign minister|minister of foreign affairs|foreign affairs minister|"
        r"secretary of state|foreign secretary|\bfm\b",
        "foreign_minister",
    ),
    (r"vice president|vice-president", "vice_president"),
    (r"president|state president", "president"),
    (
        r"chairman of the national assembly|national assembly chairman|"
        r"national assembly chairwoman|top legislator|speaker",
        "parliament_chair",
    ),
    (r"chancellor", "chancellor"),
    (r"\bking\b", "king"),
    (r"ambassador|envoy|permanent representative", "ambassador"),
    (r"\bminister\b", "minister"),
]
_TITLE_RE = re.compile("|".join(f"(?:{p})" for p, _ in TITLE_ROLES), re.I)
HOME_RE = re.compile(
    r"\b(?:we|us|our (?:country|nation|party|state|government|senior leaders|leaders|"
    r"diplomacy|diplomatic sector)|our|the country's|the party)\b",
    re.I,
)
_HOME_STRICT = re.compile(
    r"\b(?:[Ww]e|[Oo]ur (?:country|nation|[Pp]arty|[Ss]tate|[Gg]overnment|senior leaders|"
    r"leaders|diplomacy|diplomatic sector|people|citizens))\b"
)


STATE_LABELS = ("COUNTRY", "DEMONYM", "CAPITAL")  # mention labels that name a state


@dataclass(frozen=True)
class RawMention:
    start: int
    end: int
    text: str
    label: str
    key: str


def role_before(text: str, start: int) -> str | None:
    """The role named by a title just before ``start`` ("Prime Minister Pham Minh Chinh")."""
    window = text[max(0, start - 60) : start]
    matches = list(_TITLE_RE.finditer(window))
    if not matches:
        return None
    last = matches[-1]
    if len(window) - last.end() > 25 or not _TITLE_GAP.fullmatch(window[last.end() :]):
        return None  # "General Secretary To Lam met Nguyen Thi Kim Ngan": Ngan holds no title
    return role_of(last.group(0))


# what may stand between a title and its holder: "Prime Minister of Singapore Lawrence Wong",
# "President-elect X", "the Prime Minister, Mr. X"; another name or a verb may not
_TITLE_GAP = re.compile(
    r"[\s,]*(?:-\w+\s*)?(?:of\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s*){1,4})?[\s,]*"
    r"(?:(?:Mr|Mrs|Ms|Dr|H\.E)\.?\s*)?"
)


def role_of(title: str) -> str | None:
    """The role a title names ("Deputy Prime Minister" -> deputy_prime_minister)."""
    low = title.lower()
    for pat, role in TITLE_ROLES:
        if re.search(pat, low):
            return role
    return None


def pick_leader(cands: list[Leader], when: str | None, role: str | None) -> Leader | None:
    """Choose among leaders sharing a name form: by role named in text, then tenure."""
    pool = [c for c in cands if role is None or c.role == role or role == "minister"] or cands
    dated = [c for c in pool if c.in_office(when)] if when else []
    if dated:
        return dated[0]
    if len({c.name for c in pool}) == 1:
        return pool[-1]
    return None


_CURRENCY_AFTER = re.compile(r"\s*(?:dollars?|cents?|francs?|pounds?|rupees?|pesos?)\b", re.I)
# a sea, an ocean or a peninsula named after a state is a place, not the state:
# "the South China Sea", "the Indian Ocean", "the Korean Peninsula", "the Gulf of Thailand"
_WATERS_AFTER = re.compile(r"\s+(?:Sea|Ocean|Peninsula|Subcontinent)\b")
_WATERS_BEFORE = re.compile(r"\b(?:Gulf|Sea|Bay)\s+of\s+(?:the\s+)?$")
# a place or body named after a leader is not the leader: "the Kofi Annan ICT Centre",
# "Nelson Mandela Foundation", "Indira Gandhi International Airport"
_NAMED_AFTER = re.compile(
    r"(?:\s+[A-Z][A-Za-z&-]*){0,3}?\s+(?:Centre|Center|Airport|Foundation|Institute|University|"
    r"Stadium|Bridge|Street|Avenue|Road|Square|Hall|Prize|Award|Library|Museum|School|College|"
    r"Hospital|Mausoleum|Tower)\b"
)


def resolve(
    m: RawMention, g: Gazetteer, text: str, when: str | None, home: str, full_names: set[str]
) -> Actor | None:
    """Turn one raw mention into an Actor, or None when it cannot be coded."""
    if m.label in ("COUNTRY", "DEMONYM") and _CURRENCY_AFTER.match(text, m.end):
        return None  # "US dollars", "Australian dollars": a currency, not a state
    if m.label in ("COUNTRY", "DEMONYM") and (
        _WATERS_AFTER.match(text, m.end)
        or _WATERS_BEFORE.search(text, max(0, m.start - 16), m.start)
    ):
        return None
    if m.label in ("COUNTRY", "DEMONYM", "CAPITAL"):
        return Actor(code=m.key, name=g.name_of(m.key))
    if m.label == "ORG":
        return Actor(code=m.key, name=g.name_of(m.key))
    if m.label == "HOME":
        return Actor(code=home, name=g.name_of(home))
    if m.label == "PERSON" and _NAMED_AFTER.match(text, m.end):
        return None
    if m.label == "PERSON" and "|" in m.key:  # learned from this document (people.py)
        code, person, learned_role = m.key.split("|")
        return Actor(code=code, name=g.name_of(code), person=person, role=learned_role)
    if m.label == "PERSON":
        cands = g.leaders.get(m.key, [])
        role = role_before(text, m.start)
        short = " " not in m.key
        distinctive = len(m.key) >= 6 and len({c.name for c in cands}) == 1
        if short and not role and not distinctive and not (full_names & {c.name for c in cands}):
            return None  # "Lee", "Chinh": only with a title or the full name in the document
        leader = pick_leader(cands, when, role)
        if leader is None:
            return None
        return Actor(
            code=leader.country,
            name=g.name_of(leader.country),
            person=leader.name,
            role=role or leader.role,
        )
    return None


# "the Kingdom" stands for a kingdom named in full elsewhere ("The Kingdom welcomed ..."), and a
# bare "His Majesty" for its monarch (not before a name: "His Majesty King X"); "His Highness"
# also styles presidents (UAE) and princes, so it is left alone
_THE_KINGDOM = re.compile(r"\b[Tt]he (Kingdom)\b(?!\s+of\b)")
_KINGDOM_NAME = re.compile(r"^(?:Hashemite )?Kingdom of ")
_HIS_MAJESTY = re.compile(r"\b((?:His|Her) Majesty)\b(?!['’]?\s+[A-Z])")
_MONARCHS = ("king", "queen", "emperor", "crown_prince")


def _monarchy(home: str, counts: Counter[str], states: AbstractSet[str]) -> str | None:
    """The home state when it is one of ``states``, else the one the document names most."""
    named = [c for c, _ in counts.most_common() if c in states]
    return home if home in states else (named[0] if named else None)


def kingdom_mentions(
    text: str, raw: list[RawMention], home: str, counts: Counter[str], g: Gazetteer
) -> list[RawMention]:
    """Mentions of "the Kingdom" and of a bare "His Majesty": the home state when it is a
    kingdom (a monarchy), else the one the document names most; none when it names none."""
    out: list[RawMention] = []
    if _THE_KINGDOM.search(text):
        out += _spans(text, raw, _THE_KINGDOM, _monarchy(home, counts, _kingdoms(g)))
    if _HIS_MAJESTY.search(text):
        out += _spans(text, raw, _HIS_MAJESTY, _monarchy(home, counts, _crowns(g)))
    return out


# Bare "Congo" is the gazetteer's Republic of the Congo; news that is about the Democratic
# Republic (its capital, east, leaders or rebels) uses it for the DRC, as wire style does
_DRC_CUES = re.compile(
    r"\b(?:Democratic\s+Republic\s+of\s+(?:the\s+)?Congo|DR\s?Congo|DRC|D\.R\.\s?C(?:ongo|\.)|"
    r"Kinshasa|Goma|Bukavu|Kivu|Ituri|Tshisekedi|Kabila|M23)\b"
)
_ROC_CUES = re.compile(
    r"\b(?:Brazzaville|Sassou|Congo\s+Republic|(?<!Democratic\s)Republic\s+of\s+(?:the\s+)?Congo)\b"
)


def congo_in_context(text: str, raw: list[RawMention]) -> list[RawMention]:
    """``raw`` with a bare "Congo" read as the DRC where the document is about the DRC and
    never names the Republic of the Congo."""
    bare = [m for m in raw if m.key == "COG" and m.text == "Congo"]
    if not bare or not _DRC_CUES.search(text) or _ROC_CUES.search(text):
        return raw
    return [RawMention(m.start, m.end, m.text, m.label, "COD") if m in bare else m for m in raw]


# per gazetteer, read once: the table is loaded once per process (``load_gazetteer``)
_STATE_SETS: dict[str, tuple[Gazetteer, frozenset[str]]] = {}


def _state_set(g: Gazetteer, name: str) -> frozenset[str] | None:
    held = _STATE_SETS.get(name)
    return held[1] if held is not None and held[0] is g else None


def _kingdoms(g: Gazetteer) -> frozenset[str]:
    """The states the gazetteer names "Kingdom of …"."""
    found = _state_set(g, "kingdoms")
    if found is None:
        found = frozenset(
            p["id"]
            for p in g.patterns
            if p["label"] == "COUNTRY" and _KINGDOM_NAME.match(p["pattern"])
        )
        _STATE_SETS["kingdoms"] = (g, found)
    return found


def _crowns(g: Gazetteer) -> frozenset[str]:
    """The states with a monarch in the office-holder table."""
    found = _state_set(g, "crowns")
    if found is None:
        found = frozenset(c.country for cs in g.leaders.values() for c in cs if c.role in _MONARCHS)
        _STATE_SETS["crowns"] = (g, found)
    return found


def _spans(
    text: str, raw: list[RawMention], pattern: re.Pattern[str], code: str | None
) -> list[RawMention]:
    if code is None:
        return []
    out = []
    for m in pattern.finditer(text):
        s, e = m.span(1)
        if not any(r.start < e and r.end > s for r in raw):
            out.append(RawMention(s, e, m.group(1), "COUNTRY", code))
    return out


def detect_home(default: str, mention_codes: list[str], text: str, named: str | None = None) -> str:
    """Home country for "we": the one the document names (``named``: its outlet, site or
    dateline, :mod:`diplograph.extract.home`), else the default unless the text clearly speaks
    for another one.

    Rule: when the default country is never mentioned but the text uses first-person
    plural forms, the most-mentioned country is the speaker.
    """
    if named:
        return named
    counts = Counter(mention_codes)
    if counts.get(default, 0) > 0 or not counts:
        return default
    if _HOME_STRICT.search(text):
        top, n = counts.most_common(1)[0]
        if n >= 2 and len(top) == 3:
            return top
    return default


def home_mentions(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _HOME_STRICT.finditer(text)]
