"""People the gazetteer does not know, learned from how the document introduces them.

News names an official once with role and country ("Hideo Tarumi, Japan's ambassador to
China", "Chinese Foreign Ministry spokesperson Mao Ning", "the Minister of Trade of Brazil
Ana Lima") and then by surname alone ("Tarumi said"). Each introduction teaches this
document, and only this document, who the name belongs to; every later mention of the full
name or the surname then resolves to that country.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from diplograph.extract.actors import STATE_LABELS, RawMention, pick_leader, role_of
from diplograph.extract.gazetteer import Gazetteer, fold

# a role noun closes a title ("Deputy Foreign Minister", "Foreign Ministry spokesperson")
_ROLE_NOUN = (
    r"(?:ambassador|envoy|spokes(?:person|man|woman)|minister|secretary|charg[ée] d'affaires|"
    r"consul(?:\s+general)?|president|premier|chancellor|counsellor|representative|adviser|"
    r"advisor|director|chief|commissioner|governor|general|admiral|chair(?:man|woman)?|"
    r"speaker|king|queen|emir|sultan|crown\s+prince|ruler|leader|diplomat|negotiator)"
)
# title words: capitalised ones, or the few lower-case words titles use
_TITLE_WORD = (
    r"(?:(?-i:[A-Z])[\w-]*|foreign|deputy|vice|affairs|ministry|of|the|and|state|prime|"
    r"defen[cs]e|trade|senior|top|special|permanent|acting|first|second|press|presidential|"
    r"cabinet|chief|government|national|security)"
)
_TITLE = rf"(?:{_TITLE_WORD}\s+){{0,4}}?{_ROLE_NOUN}(?:\s+of\s+(?:[A-Z][\w-]*\s+){{1,3}})?"
_NAME_WORD = r"(?-i:[A-ZÀ-ÖØ-ÞĐ][^\W\d_]*(?:[-'’](?![sS]\b)[^\W\d_]+)?)(?!['’])"
# inside a name: "Mohammed Shia al-Sudani", "Sheikha Alya Ahmed bin Saif Al-Thani"
_NAME_INNER = (
    rf"(?:(?-i:(?:al|el|ad|ash|as|az|ar|an)-){_NAME_WORD}|"
    rf"(?-i:(?:bin|bint|ibn|van|von|de|da|dos|del|di|du)\s+)?{_NAME_WORD})"
)
_NAME = rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_INNER}){{1,4}})"
_PREFIX = (
    r"(?:(?:Mr|Mrs|Ms|Dr|H\.E)\.?\s+|"
    r"(?-i:(?:Dato['’]?|Datuk)(?:\s+Seri)?|Tan\s+Sri|Sheikh|Prince)\s+)?"
)  # "Datuk Seri Anwar Ibrahim": the Malay honorific is no part of the name
_POSS = r"(?:\s*['’]s)?"

# roles the office-holder table does not name (actors.TITLE_ROLES covers the rest)
_EXTRA_ROLES = [
    (r"spokes", "spokesperson"),
    (r"(?:deputy|vice|state) foreign minister|(?:deputy|vice) minister", "deputy_minister"),
    (r"charg|consul|representative", "ambassador"),
]
_NOT_NAMES = {
    "The", "On", "In", "At", "And", "But", "Foreign", "Ministry", "Minister", "Affairs",
    "Embassy", "President", "Prime", "Deputy", "Vice", "Party", "State", "General",
    "Secretary", "National", "Assembly", "Government", "Office", "Department", "Agency",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday",
}  # fmt: skip
# family name first: the surname alone is the first word
_FAMILY_FIRST = {"CHN", "TWN", "KOR", "PRK", "HKG", "MAC"}
# later mentions use the given name, the first word ("Suriya", "Anwar", "Sonexay"), as
# often as the last
_GIVEN_FIRST = {"THA", "LAO", "MYS", "IDN"}


@dataclass(frozen=True)
class Person:
    name: str
    code: str
    role: str


def _role(title: str) -> str:
    low = title.lower()
    for pat, role in _EXTRA_ROLES:
        if re.search(pat, low):
            return role
    return role_of(title) or "official"


def _clean(name: str) -> str | None:
    words = name.split()
    while words and words[-1] in _NOT_NAMES:
        words.pop()
    while words and words[0] in _NOT_NAMES:
        words.pop(0)
    return " ".join(words) if len(words) >= 2 else None


_AFTER = re.compile(
    rf"{_POSS}\s+(?P<title>{_TITLE})\s+(?:to\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?,?\s+)?"
    rf"{_PREFIX}{_NAME}",
    re.I,
)
_APPOSED_TAIL = re.compile(r",\s+(?:(?:the|a|an)\s+)?$", re.I)
_NAME_APPOSED = re.compile(rf"{_NAME},\s+(?:the\s+|a\s+|an\s+)?$")
_TITLE_AFTER = re.compile(rf"{_POSS}\s+(?P<title>{_TITLE})\b", re.I)
_OF_TAIL = re.compile(r"\bof\s+(?:the\s+)?$", re.I)
_OF_TITLE = re.compile(
    rf"(?P<title>(?:[A-Za-z-]+\s+){{0,2}}{_ROLE_NOUN})[\w\s]{{0,30}}\bof\s+(?:the\s+)?$", re.I
)
_OF_NAME = re.compile(rf"\s+{_PREFIX}{_NAME}")
_ROLE_RX = re.compile(
    rf"(?<!\w)(?=[aescmprdgkqln]){_ROLE_NOUN}", re.I
)  # first-letter gate: 10x faster


def learn_people(text: str, raw: list[RawMention]) -> list[Person]:
    """Officials introduced with a country and a role; the gazetteer's people are skipped."""
    roles = [r.start() for r in _ROLE_RX.finditer(text)]
    if not roles:
        return []
    spans = [(m.start, m.end) for m in raw]
    people: dict[str, Person] = {}
    for m in raw:
        # a country, demonym or seat of government introduces its official ("Kremlin
        # spokesman Dmitry Peskov", "White House press secretary …")
        if m.label not in STATE_LABELS or len(m.key) != 3:
            continue
        i = bisect_left(roles, m.end)
        role_after = i < len(roles) and roles[i] - m.end < 60
        found: list[tuple[int, str, str]] = []  # (offset, name, title)
        # "Japan's ambassador to China Hideo Tarumi", "Chinese spokesperson Mao Ning"
        after = _AFTER.match(text, m.end, m.end + 160) if role_after else None
        if after:
            found.append((after.start("name"), after.group("name"), after.group("title")))
        # "Hideo Tarumi, Japan's ambassador", "Mao Ning, the Chinese spokeswoman"
        lo = max(0, m.start - 80)
        if role_after and _APPOSED_TAIL.search(text, max(0, m.start - 8), m.start):
            before = _NAME_APPOSED.search(text, lo, m.start)
            title_after = _TITLE_AFTER.match(text, m.end, m.end + 80)
            if before and title_after:
                found.append(
                    (before.start("name"), before.group("name"), title_after.group("title"))
                )
        # "the Minister of Trade of Brazil Ana Lima"
        if _OF_TAIL.search(text, max(0, m.start - 8), m.start):
            of_before = _OF_TITLE.search(text, lo, m.start)
            of_name = _OF_NAME.match(text, m.end, m.end + 60)
            if of_before and of_name:
                found.append(
                    (of_name.start("name"), of_name.group("name"), of_before.group("title"))
                )
        for at, name, title in found:
            if any(at < e and s < at + len(name) for s, e in spans):
                continue  # overlaps a country, organisation or known person: not a new name
            clean = _clean(name)
            if clean and clean not in people:
                people[clean] = Person(clean, m.key, _role(title))
    return list(people.values())


def person_mentions(text: str, people: list[Person], raw: list[RawMention]) -> list[RawMention]:
    """Every mention of a learned person (full name or surname) not already covered."""
    taken = [(m.start, m.end) for m in raw]
    out: list[RawMention] = []
    forms: dict[str, Person] = {}
    for p in people:
        words = p.name.split()
        forms.setdefault(p.name, p)
        surname = words[0] if p.code in _FAMILY_FIRST else words[-1]
        if len(surname) > 2 and surname not in _NOT_NAMES:
            forms.setdefault(surname, p)
        if p.code in _GIVEN_FIRST and len(words[0]) > 2 and words[0] not in _NOT_NAMES:
            forms.setdefault(words[0], p)
    if not forms:
        return out
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        + r")(?![\w-])"
    )  # fmt: skip
    for hit in pattern.finditer(text):
        s, e = hit.span()
        if any(s < te and ts < e for ts, te in taken):
            continue
        p = forms[hit.group(0)]
        out.append(RawMention(s, e, hit.group(0), "PERSON", f"{p.code}|{p.name}|{p.role}"))
        taken.append((s, e))
    return out


# words that may stand before a surname without making it part of another name
_BEFORE_SURNAME = _NOT_NAMES | {
    "Mr", "Mrs", "Ms", "Dr", "Premier", "Chancellor", "King", "Emir", "Sheikh", "Prince",
    "Speaker", "Chairman", "Chairwoman", "Senator", "Sultan", "Counsellor", "Councillor",
    "With", "For", "By", "As", "While", "When", "After",
    "Before", "Both", "Also", "Later", "Earlier", "Meanwhile",
}  # fmt: skip
_CLOSED = (".", ",", ":", ";")  # a word ending so ends a name: "Mr.", "Hanoi,"
_SURNAME_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|az|ar|an)-(?=\w)", re.I)
# "Kim Hong-kyun", "Dar es Salaam": the surname begins another name or place
_NAME_GOES_ON = re.compile(r"\s+(?:(?-i:[A-Z])[\w'’-]|(?:es|al|el|bin|de|da)\b)")


def _surnames(name: str, code: str) -> list[str]:
    """The second-mention forms of a full name ("Abdel Fattah el-Sisi" -> "el-Sisi", "Sisi")."""
    words = name.split()
    if len(words) < 2:
        return []
    if code in _FAMILY_FIRST:
        forms = [words[0]]
    else:
        last = len(words) - 1
        while last > 1 and words[last - 1].islower():  # "von der Leyen"
            last -= 1
        tail = " ".join(words[last:]) if last < len(words) - 1 else words[-1]
        forms = [tail, tail[0].upper() + tail[1:]] if tail[0].islower() else [tail]
        bare = _SURNAME_PARTICLE.sub("", words[-1])
        if bare != words[-1]:
            forms.append(bare[0].upper() + bare[1:])
        if code in _GIVEN_FIRST:
            forms.append(words[0])
    ok = 2 if code in _FAMILY_FIRST else 3
    return [f for f in dict.fromkeys(forms) if len(f) >= ok and f not in _NOT_NAMES]


def leader_mentions(
    text: str, raw: list[RawMention], g: Gazetteer, when: str | None
) -> list[RawMention]:
    """Later mentions by surname alone of office-holders the document names in full.

    "Premier Li Qiang arrived ... Anwar held talks with Li": the document's own full mention
    says who "Li" is. A surname that named people of two states share, or one that begins
    another name ("Kim Hong-kyun" after "Kim Jong Un"), is left alone. One that two people of
    one state share ("Wang" for Wang Yi and Wang Wenbin) still names that state, which is what
    a record needs; the person it records is then the first of them by name.
    """
    forms: dict[str, set[tuple[str, str, str]]] = {}
    for m in raw:
        if m.label != "PERSON" or " " not in m.key or "|" in m.key:
            continue
        cands = g.leaders.get(m.key, [])
        if len({c.country for c in cands}) != 1:
            continue
        leader = pick_leader(cands, when, None) or cands[-1]
        for form in _surnames(fold(leader.name), leader.country):
            forms.setdefault(form, set()).add((leader.country, leader.name, leader.role))
        for form in _surnames(fold(m.key), leader.country):
            forms.setdefault(form, set()).add((leader.country, leader.name, leader.role))
    forms = {f: who for f, who in forms.items() if len({w[0] for w in who}) == 1}  # one state
    if not forms:
        return []
    folded = fold(text)
    taken = [(m.start, m.end) for m in raw]
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        + r")(?![\w-])"
    )  # fmt: skip
    out: list[RawMention] = []
    for hit in pattern.finditer(folded):
        s, e = hit.span()
        if any(s < te and ts < e for ts, te in taken) or _NAME_GOES_ON.match(folded, e):
            continue
        before = folded[max(0, s - 30) : s].split()
        prev = before[-1] if before else ""
        if prev[:1].isupper() and prev not in _BEFORE_SURNAME and not prev.endswith(_CLOSED):
            continue  # "Nguyen Thi Kim Ngan": the word is inside another name
        code, name, role = sorted(forms[hit.group(0)])[0]
        out.append(RawMention(s, e, text[s:e], "PERSON", f"{code}|{name}|{role}"))
        taken.append((s, e))
    return out
