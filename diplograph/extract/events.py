"""Event rules: trigger patterns → typed events with source, target, date, place and status.

Each rule names how its actors are placed around the trigger (its *frame*):

- ``svo``: source before the trigger, target(s) after ("A visited B", "A signed with B").
- ``ovs``: host before, visitor after ("A received B" → visit B→A).
- ``passive``: "A was received by B" → source A, target B.
- ``undergo``: "A's diplomats were expelled by B" → source B, target A (told by the target).
- ``between``: "talks between A and B".
- ``pair``: both actors before ("A and B signed", "A and B held talks").
- ``in_for``: "A, who is in B for a state visit" → A→B.

Aggregates ("28 phone calls") are left to figures, negated triggers are dropped, and
future or announced actions keep their event with status ``planned``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from diplograph.extract.dates import DateMention, dateline_end, is_bound
from diplograph.extract.plover import to_plover
from diplograph.extract.slots import Slot
from diplograph.extract.version import RULES_HASH
from diplograph.models import Actor, Event, Evidence

EVENT_RULES_VERSION = "diplograph.event_rules.v1"


@dataclass(frozen=True)
class Rule:
    type: str
    pattern: re.Pattern[str]
    frame: str
    confidence: float = 0.7
    needs: re.Pattern[str] | None = None  # another phrase the sentence must contain
    id: str = ""
    keys: tuple[str, ...] = ()  # substrings one of which must occur for the rule to run
    vetoes: tuple[str, ...] = ()  # ids in VETOES, checked in order before a match counts
    home: bool = False  # an unstated source is the home country ("The ministry summoned ...")
    firm: bool = False  # the decider keeps its events even where the model scores the type low


def _r(p: str) -> re.Pattern[str]:
    return re.compile(p, re.I)


RULES_FILE = resources.files("diplograph") / "data" / "rules" / "event_triggers.jsonl"


def load_rules(path: Traversable = RULES_FILE) -> list[Rule]:
    """Trigger rules from their JSONL data file, in file order (earlier rules win overlaps)."""
    rules: list[Rule] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        try:
            rules.append(
                Rule(
                    type=row["type"],
                    pattern=_r(row["pattern"]),
                    frame=row["frame"],
                    confidence=float(row.get("confidence", 0.7)),
                    needs=_r(row["needs"]) if row.get("needs") else None,
                    id=row["id"],
                    keys=tuple(row.get("keys", ())),
                    vetoes=tuple(row.get("vetoes", ())),
                    home=bool(row.get("home", False)),
                    firm=bool(row.get("firm", False)),
                )
            )
        except (KeyError, re.error) as err:
            raise ValueError(f"{path}:{n}: bad rule ({err})") from err
    ids = [r.id for r in rules]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path}: duplicate rule ids")
    return rules


RULES: list[Rule] = load_rules()
FIRM_RULES = frozenset(r.id for r in RULES if r.firm)


def firm_rule_event(e: Event) -> bool:
    """Whether a rule event comes from a firm rule (kept whatever the model's type score)."""
    by = e.produced_by or ""
    return by.startswith("rule:") and by[5:].split("@", 1)[0] in FIRM_RULES


_NEGATION = re.compile(
    r"\b(?:not|never|no|n't|refused\s+to|declined\s+to|denied|failed\s+to|without|"
    r"cancel(?:l?ed)?|postpone[sd]?|called\s+off)\b[\w\s,]{0,20}$",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:weigh(?:s|ed|ing)?|consider(?:s|ed|ing)?|mull(?:s|ed|ing)?|may|might|could|"
    r"threaten(?:s|ed)?\s+to|call(?:s|ed)?\s+for|offer(?:s|ed)?\s+to|prepare\s+for|hopes?\s+to|proposed|"
    r"looks?\s+forward\s+to|ready\s+to|willing\s+to|would\s+like\s+to|"
    r"agreed\s+to\s+(?:work\s+together|continue|jointly|coordinate)\s+(?:\w+\s+){0,3}to|"
    r"needs?\s+to|must|should)\s+"
    r"(?:[\w-]+\s+){0,3}$",
    re.I,
)
_MODAL = re.compile(r"\b(?:needs?\s+to|must|should|ought\s+to)\b[^.;:]*$", re.I)
_TASK = re.compile(
    r"^\W*(?:(?:\w+ly|First|Second|Third|Fourth|Fifth|Finally|Next)\s*,\s*)?[Tt]o\s+"
    r"(?:continue\s+to\s+|keep\s+on\s+)?[a-z]+"
)
_PLANNED = re.compile(
    r"\b(?:will|shall|would|plans?\s+to|is\s+(?:scheduled|expected|set|due)\s+to|"
    r"are\s+(?:scheduled|expected|set|due)\s+to|upcoming|intends?\s+to|going\s+to)\s+"
    r"(?:\w+\s+){0,2}$",
    re.I,
)
# "the two leaders witnessed the signing ...": a pair named earlier, not a count
TWO_SIDES = re.compile(
    r"\b(?:the\s+)?(?:two|both)\s+(?:leaders|sides|governments|countries|nations|neighbou?rs|states|PMs|"
    r"prime\s+ministers|presidents|ministers|foreign\s+ministers|heads\s+of\s+"
    r"(?:state|government)|top\s+diplomats|delegations)\b",
    re.I,
)
_AGGREGATE = re.compile(
    r"(?<!\w)(?:\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|dozens?\s+of|hundreds\s+of|several|numerous|many)\s+(?:[A-Za-z-]+\s+){0,3}$",
    re.I,
)
_LIST_GAP = re.compile(
    r"^(?:\s|,|;|and\b|&|as well as\b|the\b|his\b|her\b|their\b|its\b|counterparts?\b|from\b|"
    r"of\b|other\b|leaders?\b|representatives?\b|delegations?\b|ministers?\b|spouse\b|"
    r"[A-Z][a-z]+\b|[A-Z]{2,}\b|’s\b|'s\b)*$"
)
_LEFT_PLACE = re.compile(r"\b(?:from|out\s+of|leave|left|in)\s+(?:the\s+)?$", re.I)
_FROM_BEFORE = re.compile(r"\b(?:[Ff]rom|[Tt]o|[Oo]ver|[Aa]gainst|with|by)\s+(?:the\s+)?$")
# "On the sidelines of the G20 meeting, ...": an actor inside a framing phrase is no subject
_FRAME_PP = re.compile(
    r"\b(?:[Oo]f|[Aa]t|[Dd]uring|[Oo]n|[Ii]n|[Ff]or|[Uu]nder|[Aa]fter)\s+(?:the\s+)?$"
)
_PLACE_PP = re.compile(r"\b(?:[Aa]t|[Dd]uring|[Oo]n|[Ii]n|[Uu]nder|[Aa]fter)\s+(?:the\s+)?$")


def _framed(before: str, slot: Slot) -> bool:
    """Whether a slot sits inside a framing phrase ("at the G20 summit", "in Japan")."""
    if "ORG" in slot.labels and len(slot.labels) == 1:
        return bool(_FRAME_PP.search(before))
    return bool(_PLACE_PP.search(before))


_CLAUSE_BREAK = re.compile(r"[;:]|\s[–—-]\s|\bwhile\b|\bwhereas\b|\bbut\b|\bsaid\b|\bwhich\b", re.I)


@dataclass(frozen=True)
class UnitContext:
    doc_id: str
    sent_idx: int
    start: int
    text: str
    slots: list[Slot]
    dates: list[DateMention]
    fallback_date: str | None
    location: str | None
    home: Actor
    context_org: Actor | None = None
    focus: tuple[Actor, ...] = ()
    home_speaks: bool = True  # the home country is named or speaks ("we") in the document
    orgs: tuple[Actor, ...] = ()  # the document's organisations, most mentioned first
    # the latest target of each event type earlier in the document (an implicit target's source)
    memory: dict[str, Actor] = field(default_factory=dict)
    # the latest state to protest at or accuse each state earlier in the document, by its code
    accusers: dict[str, Actor] = field(default_factory=dict)
    # the officials named earlier in the document (persons with a role), first named first
    officials: tuple[Actor, ...] = ()
    # the state whose ministry, spokesperson or government the document named last
    office: Actor | None = None
    # the actor the sentence before is about: its first event's source, else its first actor
    antecedent: Actor | None = None

    @cached_property
    def told(self) -> int:
        """Where the sentence's dateline ends (0 without one): its date is the report's."""
        return dateline_end(self.text)


def _lead_in(adverbs: str) -> str:
    """What may open a sentence before its subject: a clause ("In her remarks, ") or one of
    ``adverbs``."""
    return r"^\W*(?:[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,6},\s+|(?:" + adverbs + r")\s+)?"


# an official or an office named by title alone at the head of a sentence: "The President also
# met ...", "In her remarks, the Minister condemned ...", "The ministry said it protested ..."
_TITLE_SUBJECT = re.compile(
    _lead_in("Later|Meanwhile|Earlier|Separately|Also")
    + r"(?P<title>[Tt]he\s+(?:(?P<office>(?:[Ff]oreign\s+)?[Mm]inistry(?:\s+of\s+[Ff]oreign\s+"
    r"[Aa]ffairs)?|[Ss]pokes(?:person|man|woman))|(?P<role>(?:[Vv]ice\s+|[Dd]eputy\s+)?"
    r"(?:[Pp]resident|[Pp]rime\s+[Mm]inister|(?:[Ff]oreign\s+)?[Mm]inister|[Cc]hancellor|"
    r"[Pp]remier))))\b(?!\s+(?:of|for|and)\b|\s*['’]|\s+[A-Z])"
)
# "It recalled its envoy ...", "The kingdom said ...": the actor of the sentence before
_IT_SUBJECT = re.compile(
    _lead_in("Later|Meanwhile|Earlier|Separately|Also")
    + r"(?P<it>It|[Tt]he\s+(?P<state>[Kk]ingdom|[Rr]epublic|[Ss]ultanate|[Ee]mirate))\b"
    r"(?!\s+(?:is|was|will|would|has\s+been|had\s+been|remains|seems|appears|takes|comes|"
    r"also\s+said\s+that|said\s+that\s+it|of)\b|['’])"  # "It has been 30 years": no speaker
)
# "Leaders adopted the Kampala Declaration", "The summit condemned ...": the gathering speaks
_GATHERING_SUBJECT = re.compile(
    _lead_in("Later|Meanwhile|Earlier|Also")
    + r"(?:(?:[Tt]he|[Tt]heir)\s+)?(?:(?:(?-i:[A-Z][A-Z0-9]+)|[Ff]oreign|[Dd]efen[cs]e|"
    r"[Ff]inance|[Tt]rade|[Ee]conomic|[Mm]ember|[Pp]articipating|[Vv]isiting|[Aa]ttending|[Rr]egional|[Bb]loc['’]?s?)\s+){0,2}?"
    r"(?P<body>[Ll]eaders|[Ss]ummit|[Dd]eclaration|[Cc]ommuniqu[ée]|[Mm]inisters|"
    r"[Mm]ember\s+(?:states|countries)|[Dd]elegates|[Dd]elegations)\b"
    r"(?!\s+(?:of|from)\b|\s+[A-Z]|['’])"
)
# "India's foreign ministry", "the Chinese Foreign Ministry spokesperson", "Japan's government"
_OFFICE_AFTER = re.compile(
    r"^(?:['’]s?)?\s+(?:[Ff]oreign\s+|[Dd]efen[cs]e\s+)?(?:[Mm]inistry|[Ss]pokes(?:person|man|"
    r"woman)|[Gg]overnment)\b"
)
_OFFICE_BEFORE = re.compile(
    r"\b(?:[Mm]inistry\s+of\s+[Ff]oreign\s+[Aa]ffairs|[Gg]overnment)\s+of\s+(?:the\s+)?$"
)
# a title's role and the roles of the officials it may stand for
_TITLE_ROLES: dict[str, frozenset[str]] = {
    "president": frozenset({"president"}),
    "vice president": frozenset({"vice_president"}),
    "prime minister": frozenset({"prime_minister"}),
    "premier": frozenset({"prime_minister"}),
    "deputy prime minister": frozenset({"deputy_prime_minister"}),
    "minister": frozenset({"minister", "foreign_minister"}),
    "foreign minister": frozenset({"foreign_minister"}),
    "chancellor": frozenset({"chancellor"}),
}


def office_named(text: str, slots: list[Slot]) -> Actor | None:
    """The last state a sentence names with its ministry, spokesperson or government."""
    out: Actor | None = None
    for sl in slots:
        if sl.location or len(sl.code) != 3:
            continue
        if _OFFICE_AFTER.match(text[sl.end : sl.end + 40]) or _OFFICE_BEFORE.search(
            text[max(0, sl.start - 40) : sl.start]
        ):
            out = sl.actor
    return out


def _pronoun_speaker(ctx: UnitContext) -> Slot | None:
    """ "It" or "the kingdom" heading the sentence: the actor of the sentence before (a state
    for "the kingdom"). GUIDELINES: pronouns resolve where the antecedent is clear."""
    m = _IT_SUBJECT.match(ctx.text)
    ante = ctx.antecedent
    if m is not None and m.group("state") and ctx.home_speaks:
        ante = ctx.home  # "the Kingdom" in a story that names its home: the home
    if m is None or ante is None or (m.group("state") and len(ante.code) != 3):
        return None
    start, end = m.span("it")
    return Slot(start, end, Actor(ante.code, ante.name), ("PRONOUN",))


def _gathering_speaker(ctx: UnitContext) -> Slot | None:
    """Leaders, ministers or a summit heading the sentence with no state named before the
    verb: the document's organisation (GUIDELINES: a bloc's text or voice is the bloc's)."""
    m = _GATHERING_SUBJECT.match(ctx.text)
    if m is None or ctx.context_org is None:
        return None
    if any(sl.start < m.end() + 2 and not sl.location for sl in ctx.slots):
        return None  # "Arab leaders", "ASEAN leaders": named there
    start, end = m.span("body")
    return Slot(start, end, ctx.context_org, ("ORG",))


def implicit_speaker(ctx: UnitContext) -> Slot | None:
    """The state behind a title that heads the sentence without naming it: the official of
    that title named first in the document ("The President" after "President Ruto ..."), or
    for an office ("the ministry", "the spokesperson") the state whose office the document
    named last, else the home country when it is named or speaks. GUIDELINES: officials and
    ministries count as their state; the antecedent must be clear."""
    m = _TITLE_SUBJECT.match(ctx.text)
    if m is None:
        return _pronoun_speaker(ctx) or _gathering_speaker(ctx)
    start, end = m.span("title")
    if any(sl.start < end + 2 and sl.end > start - 2 and not sl.location for sl in ctx.slots):
        return None  # "the Thai Prime Minister", "The President, Ruto, ...": named there
    actor: Actor | None
    if m.group("office"):
        actor = ctx.office or (ctx.home if ctx.home_speaks else None)
    else:
        title = " ".join(m.group("role").lower().split())
        roles = _TITLE_ROLES.get(title, frozenset())
        actor = next((a for a in ctx.officials if a.role in roles), None)
        actor = Actor(actor.code, actor.name) if actor is not None else None
    if actor is None:
        return None
    return Slot(start, end, actor, ("PRONOUN",))


def _actors_before(ctx: UnitContext, pos: int, nearest: bool = False) -> list[Slot]:
    cands = [
        s
        for s in ctx.slots
        if s.end <= pos
        and not s.location
        and not _FROM_BEFORE.search(ctx.text[max(0, s.start - 30) : s.start])
        and not (s.actor.person is None and _framed(ctx.text[max(0, s.start - 30) : s.start], s))
    ]
    if not cands:
        return []
    # stay in the trigger's clause
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(ctx.text, 0, pos)]
    floor = breaks[-1] if breaks else 0
    in_clause = [s for s in cands if s.start >= floor]
    if not in_clause:
        return cands[-1:]
    if nearest:
        return _coordinated(ctx, in_clause[::-1], reverse=True)
    group = _coordinated(ctx, in_clause)
    last = in_clause[-1]
    if (
        last not in group
        and pos - last.end < 30
        and not re.search(r"[,;()]", ctx.text[last.end : pos])
    ):
        # "A and B upgraded ties as C held talks with D": C is the subject of "held talks"
        return _coordinated(ctx, in_clause[::-1], reverse=True)
    return group


def _actors_after(ctx: UnitContext, pos: int, limit: int = 160) -> list[Slot]:
    cands = [s for s in ctx.slots if s.start >= pos and not s.location]
    if not cands or cands[0].start - pos >= limit:
        return []
    if not cands:
        return []
    brk = _CLAUSE_BREAK.search(ctx.text, pos)
    if brk and brk.start() < cands[0].start:
        return []
    return _coordinated(ctx, cands)


def _coordinated(ctx: UnitContext, slots: list[Slot], reverse: bool = False) -> list[Slot]:
    """The first slot plus the slots listed with it ("A, B and C")."""
    out = [slots[0]]
    for s in slots[1:]:
        prev = out[-1]
        gap = ctx.text[s.end : prev.start] if reverse else ctx.text[prev.end : s.start]
        paired = "PAIR" in s.labels and "PAIR" in prev.labels  # "the two leaders"
        if paired or _LIST_GAP.match(gap) and ("," in gap or " and " in f" {gap} " or "&" in gap):
            out.append(s)
        else:
            break
    return out[::-1] if reverse else out


# "a 2016 ruling", "the 1982 Convention", "cooperation for 2025": a year that names or
# scopes a thing, not the time of the action
_YEAR_AS_NAME = re.compile(r"\b(?:a|an|the|its|their|his|her|for)\s+$", re.I)


# "his first trip since taking office in July", "since the two established ties in 1996": the
# date of another, earlier act (but "strategic partners since November 2024, when …" dates one)
_SINCE_ACT = re.compile(
    r"\bsince\s+(?:[a-z]+ing|the|it|they|he|she|its|their|his|her)\b[^,;()]{0,80}$", re.I
)


def _usable_dates(ctx: UnitContext, pos: int) -> list[DateMention]:
    """Dates that can date the action at ``pos``: near it, not a term bound, not another act's."""
    return [
        d
        for d in ctx.dates
        if (d.kind != "relative" or abs(d.start - pos) < 160)
        and not is_bound(ctx.text, d)
        and not (d.kind == "year" and _YEAR_AS_NAME.search(ctx.text[max(0, d.start - 8) : d.start]))
        and not _SINCE_ACT.search(ctx.text[max(0, d.start - 100) : d.start])
    ]


def _date_for(ctx: UnitContext, pos: int) -> str | None:
    dates = _usable_dates(ctx, pos)
    if not dates:
        return ctx.fallback_date
    # "NIAMEY, August 3 – France completed … on Wednesday": the dateline dates the report
    dates = [d for d in dates if d.start >= ctx.told] or dates
    explicit = [d for d in dates if d.kind in ("explicit", "relative")]
    pool = explicit or dates
    # nearest to the trigger, preferring the more precise value
    return min(pool, key=lambda d: (abs(d.start - pos), -len(d.value))).value


def _status(ctx: UnitContext, pos: int) -> str:
    before = ctx.text[max(0, pos - 40) : pos]
    if _PLANNED.search(before):
        return "planned"
    return "happened"


def _event(
    ctx: UnitContext, rule: Rule, m: re.Match[str], src: Actor | None, tgt: Actor | None
) -> Event:
    ptype, pmode = to_plover(rule.type, ctx.text)
    return Event(
        type=rule.type,
        evidence=Evidence(ctx.doc_id, ctx.sent_idx, ctx.start, ctx.start + len(ctx.text), ctx.text),
        source=src,
        target=tgt,
        date=_date_for(ctx, m.start()),
        location=ctx.location,
        plover_type=ptype,
        plover_mode=pmode,
        status=_status(ctx, m.start()),
        confidence=rule.confidence if src and tgt else round(rule.confidence * 0.7, 2),
        trigger=m.group(0).strip(),
        produced_by=f"rule:{rule.id}@{RULES_HASH}",
        date_basis="stated"
        if _usable_dates(ctx, m.start())
        else ("context" if ctx.fallback_date else None),
    )


def _roles(ctx: UnitContext, rule: Rule, m: re.Match[str]) -> list[tuple[Slot | None, Slot | None]]:
    text = ctx.text
    before = _actors_before(ctx, m.start(), nearest=rule.frame == "in_for")
    if rule.frame == "between":
        after = _actors_after(ctx, m.end())
        if len(after) >= 2:
            return [(after[0], t) for t in after[1:]]
        return [(after[0], None)] if after else []
    if rule.frame == "pair" or (
        rule.frame == "svo"
        and len(before) >= 2
        and rule.type
        in ("MEET", "CALL", "AGREE_SIGN", "OTHER_COOPERATE", "CONFERENCE", "OTHER_CONFLICT")
        and not _actors_after(ctx, m.end(), 60)
    ):
        return [(before[0], t) for t in before[1:]] if len(before) >= 2 else []
    if rule.frame == "ovs":
        # visitors and donors are states or people, not organisations
        after = [x for x in _actors_after(ctx, m.end(), 90) if x.labels != ("ORG",)]
        host: Slot | None = before[0] if before else None
        if host is None:
            to_slots = [
                x
                for x in ctx.slots
                if x.start > m.end()
                and re.search(r"\bto\s+(?:the\s+)?$", text[max(0, x.start - 12) : x.start])
            ]
            if to_slots:
                host = to_slots[0]
                after = [
                    x
                    for x in ctx.slots
                    if m.end() <= x.start < host.start and not x.location and x.code != host.code
                ]
        return [(v, host) for v in after if host is None or v.code != host.code]
    if rule.frame == "passive":
        after = _actors_after(ctx, m.end(), 90)
        return [(s, after[0] if after else None) for s in before]
    if rule.frame == "undergo":
        # the actor before the trigger suffers it; the agent follows "by"/"from"
        agents = [
            x
            for x in _actors_after(ctx, m.end(), 90)
            if re.search(r"\b(?:by|from)\s+(?:the\s+)?$", text[max(0, x.start - 10) : x.start])
        ]
        if not agents:  # "the US embassy in Moscow received ...": the host country acts
            agents = [x for x in ctx.slots if x.location and x.end <= m.start()]
        return [(agents[0], s) for s in before[-1:] if agents[0].code != s.code] if agents else []
    if rule.frame == "of_to":
        after = _actors_after(ctx, m.end(), 80)
        to = re.search(r"\bto\b", text[m.end() :])
        tgt = None
        if to:
            tslots = _actors_after(ctx, m.end() + to.end(), 80)
            tgt = tslots[0] if tslots else None
        return (
            [(s, tgt) for s in after if tgt is None or s.start < m.end() + to.start()]
            if (to and after)
            else []
        )
    if rule.frame == "in_for":
        hosts = [s for s in ctx.slots if s.end <= m.start()]
        if not hosts or not re.search(
            r"\b(?:in|to)\s+(?:the\s+)?$", text[max(0, hosts[-1].start - 12) : hosts[-1].start]
        ):
            return []
        host = hosts[-1]
        visitors = [s for s in hosts[:-1] if s.code != host.code and not s.location]
        return [(visitors[-1], host)] if visitors else []
    if rule.frame == "evac":
        home = Slot(0, 0, ctx.home, ("HOME",))
        src = before[0] if before else None
        dem = [s for s in ctx.slots if "DEMONYM" in s.labels and s.start > m.start()]
        if src is None:
            src = dem[0] if dem else (home if ctx.home_speaks else None)
        if src is None:
            return []
        # the country left: "from Tehran", "out of Israel", "nationals in Sudan"
        left = [
            x
            for x in ctx.slots
            if x.code != src.code
            and len(x.code) == 3
            and _LEFT_PLACE.search(text[max(0, x.start - 12) : x.start])
            and -120 < x.start - m.end() < 80
        ]
        after_left = [x for x in left if x.start >= m.end()]
        chosen = after_left or left[-1:]
        return [(src, chosen[0] if chosen else None)]
    if rule.frame == "verdict":
        return _verdict_roles(ctx)
    if rule.frame == "onto":
        # "voted A, B and C onto the Council": each state between the verb and the body
        body = next((x for x in ctx.slots if x.start >= m.end() and "ORG" in x.labels), None)
        if body is None:
            return []
        return [
            (x, body)
            for x in ctx.slots
            if m.end() <= x.start < body.start and len(x.code) == 3 and not x.location
        ]
    # svo
    after = _actors_after(ctx, m.end())
    if rule.type == "VISIT":
        countries = [
            x
            for x in ctx.slots
            if x.start >= m.end()
            and len(x.code) == 3
            and x.start - m.end() < 200
            and not (before and x.code == before[0].code)
        ]
        # a bare nationality word names a thing ("the Japanese pavilion"), not a destination
        after = [s for s in after if s.labels != ("DEMONYM",)]
        countries = [s for s in countries if s.labels != ("DEMONYM",)]
        after = [s for s in after if len(s.code) == 3] or countries[:1] or after
        if not after:
            loc_after = [s for s in ctx.slots if s.start >= m.end() and s.location]
            after = loc_after[:1]
    if rule.type in ("ELECTED", "CONFERENCE"):
        orgs = [s for s in ctx.slots if s.start >= m.start() and "ORG" in s.labels]
        if not orgs and rule.type == "ELECTED":
            orgs = [s for s in ctx.slots if "ORG" in s.labels][-1:]
        tgts: list[Slot | None] = [orgs[0]] if orgs else [None]
        if rule.type in ("ELECTED", "CONFERENCE") and orgs:
            tgts = [orgs[0]]  # "the East Asia Summit and the ASEAN Regional Forum": one each
            for o in orgs[1:]:
                last = tgts[-1]
                gap = text[last.end if last else 0 : o.start]
                if len(gap) < 90 and re.search(r",|\band\b", gap) and not re.search(r"[.;:]", gap):
                    tgts.append(o)
                else:
                    break
        if rule.type == "CONFERENCE" and not orgs:
            src_codes = {b.code for b in before}
            named = [
                x
                for x in ctx.slots
                if 0 <= x.start - m.start() < len(m.group(0)) + 60
                and x.code not in src_codes
                and not x.location
            ]
            tgts = [named[0]] if named else [None]
        srcs: list[Slot | None] = list(before)
        if rule.type == "ELECTED":
            states = [
                x for x in ctx.slots if x.end <= m.start() and len(x.code) == 3 and not x.location
            ]
            srcs = list([x for x in before if len(x.code) == 3] or states[:1])
            generic = {"UN", "UNGA"}
            if any(t and t.code not in generic for t in tgts):
                tgts = [t for t in tgts if t and t.code not in generic]
        return [(s, t) for s in srcs for t in tgts] or [(None, t) for t in tgts if t]
    if not before and not after:
        return []
    subjects: list[Slot | None] = list(before[:1]) if before else [None]
    if len(before) > 1 and rule.type in ("VISIT", "SANCTION", "PROTEST_ACCUSE", "AID"):
        subjects = list(before)
    objects: list[Slot | None] = list(after) if after else [None]
    own = before[0].code if before else None
    if rule.type in _AGAINST and after and all(a.code == own for a in after):
        # "Vietnam protests the treatment of Vietnamese fishermen by Chinese forces"
        later = [
            x
            for x in ctx.slots
            if x.start >= after[-1].end and not x.location and x.code != own
            and x.start - m.end() < 140
        ]  # fmt: skip
        objects = [later[0]] if later else [None]
    return [(s, t) for s in subjects for t in objects]


def _verdict_roles(ctx: UnitContext) -> list[tuple[Slot | None, Slot | None]]:
    """ "'A grave violation of our sovereignty,' the spokesman said of the Ruritanian drills":
    the home country (or a state named as itself) judges the first other state named, else
    the state accused just before."""
    src = next((s for s in ctx.slots if s.code == ctx.home.code), None)
    if src is None and ctx.home_speaks:
        src = Slot(0, 0, ctx.home, ("HOME",))
    if src is None:  # a foreign story: the speaker ("Prime Minister Tusk") or the seat judges
        src = next((s for s in ctx.slots if {"PERSON", "CAPITAL"} & set(s.labels)), None)
    if src is None:
        return []
    accused = [s for s in ctx.slots if s.code != src.code and len(s.code) == 3 and not s.location]
    if accused:
        return [(src, accused[0])]
    last = ctx.memory.get("PROTEST_ACCUSE")  # the state accused just before
    return [(src, Slot(0, 0, last, ("MEMORY",)))] if last and last.code != src.code else []


_AGAINST = {"PROTEST_ACCUSE", "SANCTION", "OTHER_CONFLICT", "STATEMENT_SUPPORT"}


_EXCLUSIVE_PAIRS = {
    frozenset(p)
    for p in (
        ("VISIT", "MEET"),
        ("VISIT", "CALL"),
        ("MEET", "CALL"),
        ("MEET", "CONFERENCE"),
        ("CALL", "CONFERENCE"),
    )
}
# "organized ASEAN special conferences": a plural with no article is not one event
_GENERIC_PLURAL = re.compile(
    r"^(?:(?!\bthe\b|\ban?\b|\bits\b|\btheir\b|\bour\b).)*(?:conferences|meetings|summits|"
    r"forums|sessions|dialogues|ceremonies|visits|trips|tours)(?:\s+(?:to|in))?$",
    re.I,
)
_DOMESTIC = re.compile(
    r"\b(?:National\s+(?:Conference|Party\s+Congress|Assembly\s+session)|"
    r"Diplomatic\s+Conference|Party\s+Congress|Central\s+Committee|Politburo|plenum|"
    r"(?:press|news)\s+(?:conference|briefing)s?)\b",
    re.I,
)
# Types whose unstated actor is the document's home country ("The official trip to Japan").
_HOME_SOURCE = {"VISIT", "CONFERENCE", "EVACUATE"}


# a verdict ("a grave violation of international law," the spokesman said) needs no actor in
# its sentence: the home country judges the state accused before
_VERDICT_TYPES = frozenset(r.type for r in RULES if r.frame == "verdict")


# The substring pre-filter is derived from the rules' own keys: a rule's regex only runs
# when one of its keys occurs in the lower-cased text.
_KEY_TYPES: dict[str, set[str]] = {}
for _rule in RULES:
    for _key in _rule.keys:
        _KEY_TYPES.setdefault(_key, set()).add(_rule.type)
# the scan below takes the longest key at each place ("pulled", not "pull"): a key found
# stands for every key it begins with, so one rule's longer key never hides another's
for _key, _types in _KEY_TYPES.items():
    for _shorter, _more in list(_KEY_TYPES.items()):
        if _shorter != _key and _key.startswith(_shorter):
            _types |= _more


def _trie_pattern(words: list[str]) -> str:
    """A regex matching any of ``words``, as a character trie (fast; longest match first)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if optional else body

    return render(trie)


# one pass over the text finds every key; the trie prefers "meeting" over "meet"
_ANY_KEY_RX = re.compile(_trie_pattern(list(_KEY_TYPES)))


def _fallback_target(ctx: UnitContext, etype: str, src: Actor | None) -> Actor | None:
    """Target for a sentence that leaves it implicit, from the unit or the document."""
    if etype == "ELECTED":
        return ctx.context_org
    if etype == "OTHER_COOPERATE":
        orgs = [x for x in ctx.slots if "ORG" in x.labels and (src is None or x.code != src.code)]
        return orgs[0].actor if orgs else None
    if etype == "AID":
        return next((a for a in ctx.focus if src is None or a.code != src.code), None)
    return None


_CONTACT = frozenset({"VISIT", "CALL", "MEET", "AGREE_SIGN", "CONFERENCE"})
VetoFn = Callable[["UnitContext", str, re.Match[str], str], bool]


def _v_hedged(ctx: UnitContext, etype: str, m: re.Match[str], before: str) -> bool:
    """Negated, hypothetical or obligatory: "did not visit", "may sign", "must protest"."""
    return bool(
        _NEGATION.search(before[-45:])
        or _HYPOTHETICAL.search(before[-50:])
        or _MODAL.search(before[-120:])
    )


def _v_aggregate(ctx: UnitContext, etype: str, m: re.Match[str], before: str) -> bool:
    """ "33 calls", "signed over 70 documents": an aggregate, kept as a figure."""
    return bool(
        (_AGGREGATE.search(before[-30:]) and not TWO_SIDES.search(before[-40:]))
        or (etype != "CONFERENCE" and re.search(r"\d", m.group(0)))
        or re.match(
            r"\s+(?:more\s+than\s+|over\s+|nearly\s+|about\s+|some\s+)?\d",
            ctx.text[m.end() :],
        )
    )


def _v_visiting_adjective(ctx: UnitContext, etype: str, m: re.Match[str], before: str) -> bool:
    """ "received the visiting Indonesian President": an adjective, not a visit."""
    return m.group(0).lower().startswith("visiting") and bool(
        re.search(r"\b(?:receiv\w*|welcom\w*|host\w*|met|meets|greet\w*|the|a|an)\s+$", before,
                  re.I)
    )  # fmt: skip


def _v_invitation(ctx: UnitContext, etype: str, m: re.Match[str], before: str) -> bool:
    """ "accepted the invitation to visit": no visit yet."""
    return bool(re.search(r"\binvitations?\s+(?:\w+\s+){0,3}to\s+$", before))


def _v_accused_of(ctx: UnitContext, etype: str, m: re.Match[str], before: str) -> bool:
    """ "accused X of ramming": the accusation is the event."""
    return bool(re.search(r"\b(?:of|for)\s+$", before))


def _v_means(ctx: UnitContext, etype: str, m: re.Match[str], before: str) -> bool:
    """ "efforts ... by signing FTAs": a means, not an act."""
    return bool(re.search(r"\b(?:by|through|in|for)\s+$", before))


def _v_description(ctx: UnitContext, etype: str, m: re.Match[str], before: str) -> bool:
    """ "an NGO that provides assistance": a description."""
    return bool(re.search(r"\b(?:that|which|who)\s+(?:\w+\s+)?$", before)) and m.group(
        0
    ).lower().endswith("s")


def _v_generic_plural(ctx: UnitContext, etype: str, m: re.Match[str], before: str) -> bool:
    """ "ASEAN special conferences", "visits": generic plurals with no number."""
    return bool(_GENERIC_PLURAL.search(m.group(0)))


def _v_domestic(ctx: UnitContext, etype: str, m: re.Match[str], before: str) -> bool:
    """Party congresses, national conferences: domestic meetings."""
    return bool(_DOMESTIC.search(ctx.text[m.start() : m.end() + 60]))


def _v_signed_adjective(ctx: UnitContext, etype: str, m: re.Match[str], before: str) -> bool:
    """ "the signed deal", "implementing the agreement": no act; "witnessed the signing" is one."""
    return bool(
        re.search(r"\b(?:enforc\w*|implement\w*|the|all|newly|already|previously)\s+$", before)
    ) and not re.search(r"\b(?:witness\w*|attend\w*|oversaw|observed)\s+the\s+$", before)


# veto id -> predicate(ctx, type, match, text before the match); rules name theirs in data
VETOES: dict[str, VetoFn] = {
    "hedged": _v_hedged,
    "aggregate": _v_aggregate,
    "visiting_adjective": _v_visiting_adjective,
    "invitation": _v_invitation,
    "accused_of": _v_accused_of,
    "means": _v_means,
    "description": _v_description,
    "generic_plural": _v_generic_plural,
    "domestic": _v_domestic,
    "signed_adjective": _v_signed_adjective,
}


def extract_events(ctx: UnitContext) -> list[Event]:
    """All events a unit states, one per (type, source, target).

    Overlapping triggers of the contact types (visit, meeting, call, conference) are
    exclusive: the first rule wins. Within one type, later triggers only add events with a
    new source. Events without a codable source are not emitted.
    """
    events: list[Event] = []
    seen: set[tuple[str, str | None, str | None]] = set()
    covered: list[tuple[int, int, str]] = []
    sources_by_type: dict[str, set[str]] = {}
    if _TASK.match(ctx.text):
        return events  # "Secondly, to promote ...": a task list, not a report
    low = ctx.text.lower()
    present: set[str] = set()
    for key in _ANY_KEY_RX.findall(low):
        present |= _KEY_TYPES[key]
    if not ctx.slots:  # no actor in the unit: only home-led types and verdicts can apply
        present &= _HOME_SOURCE | _VERDICT_TYPES
    for rule in RULES:
        if rule.type not in present:
            continue
        if not ctx.slots and rule.type not in _HOME_SOURCE and rule.frame != "verdict":
            continue  # no actor to start the action
        if rule.needs is not None and not rule.needs.search(ctx.text):
            continue
        for m in rule.pattern.finditer(ctx.text):
            if any(
                a < m.end()
                and m.start() < b
                and (t == rule.type or (frozenset((t, rule.type)) in _EXCLUSIVE_PAIRS))
                for a, b, t in covered
            ):
                continue
            before = ctx.text[max(0, m.start() - 150) : m.start()]
            if any(VETOES[v](ctx, rule.type, m, before) for v in rule.vetoes):
                continue
            made = False
            for src_slot, tgt_slot in _roles(ctx, rule, m):
                src = src_slot.actor if src_slot else None
                tgt = tgt_slot.actor if tgt_slot else None
                if (
                    src is None
                    and (rule.type in _HOME_SOURCE or rule.home)
                    and ctx.home_speaks
                    and not any(x.end <= m.start() for x in ctx.slots)
                    and (tgt is None or tgt.code != ctx.home.code)
                ):
                    src = ctx.home
                if src and tgt and src.code == tgt.code:
                    tgt = None
                tgt = tgt or _fallback_target(ctx, rule.type, src)
                if src is None:
                    continue
                if rule.type == "ELECTED" and tgt is None:
                    continue
                prior = sources_by_type.get(rule.type)
                if prior is not None and src.code in prior and not made:
                    continue
                key = (rule.type, src.code, tgt.code if tgt else None)
                rkey = (rule.type, key[2], key[1])
                if key in seen or rkey in seen:
                    continue
                if tgt is None and any(k[0] == rule.type and k[1] == src.code for k in seen):
                    continue
                seen.add(key)
                events.append(_event(ctx, rule, m, src, tgt))
                made = True
            if rule.frame == "undergo":
                covered.append((m.start(), m.end(), rule.type))  # never read it the other way
            if made:
                sources_by_type.setdefault(rule.type, set()).update(
                    e.source.code for e in events if e.type == rule.type and e.source
                )
                covered.append((m.start(), m.end(), rule.type))
    # a null-target event is redundant next to the same (type, source) with a target
    full = {(e.type, e.source.code) for e in events if e.source and e.target}
    return [
        e for e in events if e.target or (e.type, e.source.code if e.source else "") not in full
    ]
