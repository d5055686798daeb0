"""Relationship tiers: a named pair + a canonical level, with status and previous level.

Levels are normalised to a small vocabulary (``LEVELS``) from their many aliases
("global strategic partner" and "comprehensive strategic cooperative partnership" are both
*comprehensive strategic partnership*). A tier upgrade also yields a PARTNERSHIP_UPGRADE event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from diplograph.extract.dates import DateMention
from diplograph.extract.slots import Slot
from diplograph.models import Actor, Evidence, Relation

LEVELS = [
    "special relationship",
    "comprehensive strategic partnership",
    "strategic partnership",
    "comprehensive partnership",
    "diplomatic relations",
]

_W = r"(?:(?:cooperative|traditional|extensive|enhanced|all-round|close|deep|friendly)\s+)?"
# a tier phrase that holds its own verb: "broke off relations", "severed ties", "restored ties"
_BREAK = r"br(?:oke|eak|eaks|eaking|oken)(?:\s+off)?|cut|cuts|cutting|sever\w*"
_TIES_CHANGED = re.compile(
    rf"\b(?:(?:{_BREAK}|restor\w*|"
    r"re-?establish\w*|resum\w*|normali[sz]\w*)\s+(?:all\s+)?(?:(?:its|their)\s+(?:own\s+)?)?"
    # "sever its long-standing diplomatic ties"
    r"(?:(?:long-?standing|decades-?old|formal|official|full)\s+)?(?:diplomatic\s+)?|"
    # "the third Arab country to establish full ties with Israel", "A and B established ties in
    # 1992", "forged ties in 1975"
    r"(?:establish\w*|forg(?:e|ed|es|ing)|set(?:ting)?\s+up)\s+(?:(?:its|their)\s+)?"
    r"(?:(?:full|formal|official)\s+)?(?:diplomatic\s+)?)(?:ties|relations)\b",
    re.I,
)
# ties named by their passive setting-up: "Relations between Riyadh and Tehran were restored in
# 2023", "ties with Israel were set up in 1993" (the tier is the noun; its verb follows)
_SET_UP = (
    r"(?:first\s+|formally\s+|officially\s+|only\s+|just\s+|fully\s+)?(?:established|set\s+up|"
    r"forged|normali[sz]ed|restored|re-?established|resumed)\b"
)
_TIES_SET_UP = re.compile(
    r"\b(?:[Rr]elations|ties)(?=,?\s+(?:(?:between|with)\s+[^.;:]{2,60}?\s+|which\s+)?"
    r"(?:were|was|had\s+been|have\s+been|has\s+been)\s+" + _SET_UP + r")|"
    # the participle after a comma: "the U.S.-Vietnam relationship, normalized in 1995, …"
    r"\b(?:[Rr]elations(?:hip)?|ties)(?=,\s+" + _SET_UP + r"\s+(?:in|on)\s)"
)
# recognition moved from one capital to another: "Panama switched diplomatic relations from
# Taiwan to China", "Nauru is switching ties from Taipei to Beijing"
_SWITCHED = re.compile(
    r"\bswitch\w*\s+(?:(?:its|their)\s+)?(?:diplomatic\s+)?(?:ties|relations)(?=\s+from\s)",
    re.I,
)
TIER_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "comprehensive strategic partnership",
        re.compile(
            rf"\b(?:comprehensive\s+strategic\s+{_W}partner(?:ship)?s?|global\s+strategic\s+"
            r"partner(?:ship)?s?|all-round\s+strategic\s+(?:cooperative\s+)?partnership|"
            r"comprehensive\s+strategic\s+cooperative\s+partnership|"
            r"strategic\s+and\s+comprehensive\s+partnership|"
            r"(?-i:\bCSPs?\b))",  # the acronym: "the Vietnam-Japan CSP"
            re.I,
        ),
    ),
    (
        "strategic partnership",
        re.compile(
            rf"\b(?<!comprehensive )(?<!global )strategic\s+{_W}partner(?:ship)?s?\b|"
            r"\bstrategic\s+and\s+global\s+partner(?:ship)?s?\b",
            re.I,
        ),
    ),
    ("comprehensive partnership", re.compile(rf"\bcomprehensive\s+{_W}partner(?:ship)?s?\b", re.I)),
    (
        "special relationship",
        re.compile(
            r"\bspecial\s+(?:relationship|relations|ties)\b",
            re.I,
        ),
    ),
    (
        "diplomatic relations",
        re.compile(
            # "Diplomatic relations between A and B were set up …": capital only at a start
            r"(?<!Convention on )(?<!Convention on the )\b(?:[Dd]iplomatic\s+(?:relations|ties)|"
            r"(?-i:Diplomatic\s+Relations))\b"
        ),
    ),
    # ties cut, restored or normalised: "Algeria broke off relations with Morocco"
    ("diplomatic relations", _TIES_CHANGED),
    ("diplomatic relations", _TIES_SET_UP),
    ("diplomatic relations", _SWITCHED),
]
_UPGRADE = re.compile(
    r"\b(?:elevat|upgrad|rais|lift)\w*\b.{0,80}?\bto\b|\bnewly\s+upgraded\b|"
    r"\bincluded\s+into\s+this\s+group\b|\bbec(?:ome|omes|ame)\b.{0,40}partners?\b|"
    r"\bnew\s+(?:comprehensive\s+)?strategic\s+partner",
    re.I,
)
_ESTABLISH = re.compile(r"\b(?:establish|set\s+up|forg|found)\w*\b", re.I)
_FROM_TO = re.compile(r"\bfrom\s+(?:an?\s+|the\s+)?(?P<prev>[\w\s-]{5,60}?)\s+to\s+", re.I)
_ANNIV = re.compile(
    r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?:[\w-]+\s+){0,2}anniversary\s+of\b|"
    r"\b(\d{1,3})\s+years\s+(?:of|since)\s+(?:the\s+)?(?:establish|found|forg|set\s+up|"
    r"(?:their\s+|its\s+)?$)",  # read on the text before the tier: "75 years of <tier>"
    re.I,
)
# "A-B", "A and the B", "Putin and his Iranian counterpart"
_PAIR_GAP = re.compile(r"^\s*(?:-|–|—|/|and|&)\s*(?:the\s+|(?:his|her)\s+)?$")
_CONTAINED = re.compile(r"\(|\)")
# the pair as the subject of its own ties: "A and B … upgraded their ties to …"
_THEIR_TIES = re.compile(
    r"(?:\btheir\s+(?:bilateral\s+|countries['’]\s+|nations['’]\s+)?|"
    r"^\s+(?:(?:have|has|had|on\s+\w+)\s+)?(?:elevat|upgrad|rais|lift)\w*\s+(?:bilateral\s+)?)"
    r"(?:ties|relations(?:hip)?)\s+(?:to|into|from)\b[^.;]*$",
    re.I,
)


_TIER_HINT = re.compile(r"partner|relation|ties|friendship|solidarity|(?-i:\bCSPs?\b)", re.I)
# words a framework's name may put before its tier ("all-weather strategic cooperative partners")
_TIER_EPITHETS = "all-weather|special|privileged|enhanced|global|important|key|reliable|trusted"
# "A and B, strategic partners since 2020", "the two countries have been strategic partners"
# "the two countries, as strategic partners", "A and B are comprehensive strategic partners"
_PAIR_AS_PARTNERS = re.compile(
    r"(?:\b(?:have|has|had)\s+been\s+(?:\w+\s+)?|\bbec(?:a|o)mes?\s+|,\s*|"
    r",\s*(?:as|being)\s+|\b(?:are|were|remain(?:s|ed)?)\s+(?:(?:close|now|already|also|long-?time)\s+)?)"
    # words of a framework's name before its tier: "are all-weather strategic cooperative partners"
    rf"(?:(?:{_TIER_EPITHETS})\s+)?$",
    re.I,
)
# the tier fronted before the pair it describes: "As comprehensive strategic partners, A and B
# should …", "Being strategic partners, A and B share …", "said that as partners, …"
_FRONTED_AS = re.compile(
    rf"(?:\A\W*|[;:]\s*|\bthat\s+)(?:as|being)\s+(?:(?:close|long-?time|{_TIER_EPITHETS})\s+)?$",
    re.I,
)
# one state among another's partners: "A is one of B's (14) strategic partners", "A, one of the
# strategic partners of B", "B counts A among its comprehensive strategic partners"
_MEMBER_OF = re.compile(
    r"\b(?:one\s+of|among)\s+(?:(?P<det>the|its|their)\s+|(?P<poss>[^,;:.]{2,60}?['’]s?\s+))"
    r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|new|many|key|closest|main|"
    r"most\s+important|important|few|other)\s+){0,2}$",
    re.I,
)
_FRONTED_TAIL = re.compile(r"\s+of\s+(?:each\s+other|one\s+another)\b", re.I)


def _member_phrase(text: str, tier: TierMention) -> re.Match[str] | None:
    """The "one of <owner>'s" / "among its" phrase right before a tier of partners."""
    if not text[tier.start : tier.end].lower().endswith("partners"):
        return None
    m = _MEMBER_OF.search(text[: tier.start])
    if m is None or (m.group("det") == "the" and not _PARTNERS_OF.match(text, tier.end)):
        return None  # "one of the strategic partners" with no owner named
    return m


# what opens the list of partners after a tier: "with", "include", "following", "such as"
_LIST_INTRO = re.compile(
    r"\s*,?\s*(?:[a-z]+\s+){0,2}?(?:with|includes?|including|following|such\s+as)\s+"
    r"(?:(?:countries|states|nations)\s+(?:such\s+as|like)\s+)?(?:both\s+)?(?:the\s+)?"
)
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?$")


_NAMED_YEAR = re.compile(r"\b(?:Vision|Agenda|Strategy|Plan|Expo|Horizon|Roadmap)\s+$")
_FUTURE = re.compile(
    r"\b(?:will|would|shall|could|might|plans?\s+to|aims?\s+to|intends?\s+to|seeks?\s+to|"
    r"(?:are|is)\s+preparing\s+to|prepar\w+\s+to|(?:are|is)\s+(?:set|expected|poised)\s+to|"
    r"in\s+the\s+future|towards?|work\s+toward|"
    # "a possible upgrade of ties to …", "considering elevating relations to …": not done yet
    r"(?:possible|potential|prospective|proposed|eventual)\s+(?:upgrad|elevat)\w*|"
    r"consider\w*\s+(?:an?\s+)?(?:upgrad|elevat)\w*)\b"
    # "will mark 75 years of diplomatic relations": an anniversary of ties that exist
    r"(?!\s+(?:also\s+)?(?:mark|celebrate|commemorate)\b)",
    re.I,
)


# a past act of the tier's own clause after an intention: "Putin will visit Hanoi, the first
# time since the two countries upgraded ties to …", "… after they established diplomatic …"
_PAST_SINCE = re.compile(
    r"\b(?:since|after|when)\s+(?:[\w-]+\s+){0,4}?(?:(?:have|has|had)\s+)?"
    r"(?:elevated|upgraded|raised|lifted|established|set\s+up|forged|normali[sz]ed|restored|signed)\s+"
    r"[^.;:]*$",
    re.I,
)


# a proposal or readiness, then an upgrade not yet made: "suggested the two countries soon
# upgrade …", "proposed that A and B lift …", "agreed to study upgrading …", "is ready to elevate"
_PROPOSAL = re.compile(
    r"\b(?:suggest\w*|propos\w*|recommend\w*|urg(?:e|es|ed|ing)|call\w*\s+(?:on|for)|"
    r"(?:is|are|was|were|stands?|stood)\s+ready\s+to|readiness\s+to|stud(?:y|ying)|"
    r"explor\w*|look\w*\s+forward\s+to|hop(?:e|es|ed|ing)\s+(?:to|that|for)|wish\w*)\b",
    re.I,
)
_BARE_UPGRADE = re.compile(
    r"\b(?:upgrad(?:e|ing)|elevat(?:e|ing)|forg(?:e|ing))\b|"
    # "raise ties", not "raise the number of flights"; "establish a" right before the tier
    r"\b(?:lift(?:ing)?|rais(?:e|ing))\s+(?:(?:the|their|its|bilateral|diplomatic)\s+)*"
    r"(?:ties|relations(?:hip)?)\b|\bestablish(?:ing)?\s+(?:an?\s+|the\s+)?$",
    re.I,
)


def _future_before(text: str, at: int) -> bool:
    """Whether an intention governs the tier at ``at`` (not a past act told after it)."""
    window = text[max(0, at - 140) : at]
    cues = list(_FUTURE.finditer(window))
    if cues and not _PAST_SINCE.search(window[cues[-1].end() :]):
        return True
    asks = list(_PROPOSAL.finditer(window))
    return bool(asks) and bool(_BARE_UPGRADE.search(window[asks[-1].end() :]))


# an intention to tend a tier the pair already holds: "would continue to deepen their strategic
# partnership", "will further strengthen the comprehensive partnership between the two countries"
_TEND = re.compile(
    r"\b(?:deepen|strengthen|enhance|expand|broaden|consolidate|develop|promote|boost|advance|"
    r"nurture|grow|substantiate|build\s+on|implement|elevate\s+the\s+quality\s+of)\w*\s+"
    r"(?:(?:and|further)\s+\w+\s+)?(?:their|our|the|this|its|bilateral)\s+"
    r"(?:(?:bilateral|existing|fine|good|close|growing|[\w-]+['’]s?)\s+){0,2}$",
    re.I,
)


# a partnership between companies or institutions, not states: "Vietnam Airlines and Japan
# Airlines signed a strategic partnership", "the two firms announced a comprehensive partnership"
_CORPORATE = re.compile(
    r"\b(?:firms?|compan(?:y|ies)|corporations?|(?-i:Corp|Group|JSC|Ltd|Inc|Co)\b|airlines?|"
    r"airways|banks?|universit(?:y|ies)|hospitals?|conglomerates?|carriers?|enterprises?|"
    r"businesses|start-?ups?|brands?|insurers?|lenders?|automakers?|manufacturers?|developers?|"
    r"operators?|retailers?|clubs?|institutes?|(?-i:[A-Z][a-z]+(?:[A-Z][a-z]+)+))\b",
    re.I,
)
# a partnership in one field, or a partner to a country's firms: "a strategic partnership in
# semiconductors", "a strategic partner for U.S. chipmakers"
_SECTOR = re.compile(
    r"\s+(?:(?:in|on|for)\s+(?:the\s+)?(?:fields?\s+of\s+)?(?:semiconductors?|chips?|"
    r"(?:clean\s+|renewable\s+)?energy|critical\s+minerals|minerals|digital\w*|technology|AI|"
    r"artificial\s+intelligence|innovation|health\w*|education|climate|infrastructure|"
    r"hydrogen|space|supply\s+chains?)\b|"
    r"(?:for|to)\s+(?:[A-Z][\w.-]*\s+){1,2}(?:chipmakers|companies|firms|investors|businesses|"
    r"manufacturers|exporters|automakers|brands)\b)"
)
# what says the partnership is the states' own: their leaders, governments, ties
_STATE_CUE = re.compile(
    r"\b(?:(?:two|both)\s+(?:countries|nations|states|governments|leaders|sides)|bilateral|"
    r"ties|relations|relationship|president|prime\s+minister|minister|chancellor|king|"
    r"leaders?|governments?|diplomatic|state\s+visit|summit|party|general\s+secretary)\b",
    re.I,
)


# one state's whole ladder, not a pair's tier: "the highest level of Viet Nam's diplomatic
# relations", "a new rung in Hanoi's partnerships"
_NETWORK = re.compile(
    r"\b(?:level|rung|tier|top|network|ladder|hierarchy|system)\s+(?:of|in|within)\s+(?:the\s+)?"
    r"(?:[A-Z][\w-]*\s+){0,2}?[A-Z][\w-]*['’]s?\s+(?:(?:foreign|external|bilateral)\s+)?$|"
    r"\b[A-Z][\w-]*['’]s?\s+(?:network|web|ladder|hierarchy|system)\s+of\s+$"
)


_DECIDED = re.compile(r"\b(?:will|would|shall)\s+(?:also\s+)?(?:formally\s+)?$")


@dataclass(frozen=True)
class TierMention:
    level: str
    start: int
    end: int


# a tier named by reference to one the document already named: "holds that tier with A and B",
# "the third country with which X has such a partnership", "lifted ties with A to the same level"
_ANAPHOR = re.compile(
    r"\b(?:such\s+(?:a\s+)?partnerships?|an?\s+partnership\s+of\s+(?:that|this)\s+level|"
    r"(?:ties|relations(?:hip)?)\s+at\s+(?:that|this|the\s+same|the\s+highest)\s+level|"
    r"(?:that|this|the\s+same)\s+(?:tier|rung)|"
    r"(?:to|reach(?:ed|es)?|hold(?:s|ing)?|held)\s+(?P<lv>(?:that|this|the\s+same)\s+level)|"
    r"(?:its|their|the(?:\s+bloc['’]s)?)\s+(?:highest|top)\s+(?:tier|rung|level(?:\s+of\s+partnership)?))\b",
    re.I,
)
_HIGHEST = re.compile(r"\b(?:highest|top)\b", re.I)
_LADDER = [lv for lv in LEVELS if "partnership" in lv]  # the partnership tiers, highest first


def _anaphor_level(phrase: str, seen: tuple[str, ...]) -> str | None:
    """The level an anaphoric tier stands for: the document's latest named tier (diplomatic
    relations are no tier to reach), or for "the highest tier" its highest so far."""
    if _HIGHEST.search(phrase):
        ranked = [lv for lv in _LADDER if lv in seen]
        return ranked[0] if ranked else None
    return next((lv for lv in reversed(seen) if lv != "diplomatic relations"), None)


def find_tiers(text: str, seen: tuple[str, ...] = ()) -> list[TierMention]:
    """Tier phrases in a unit, longest (most specific) first where they overlap.

    ``seen`` lists the levels the document named before this unit, in order; with it, an
    anaphoric tier ("that tier", "such a partnership") stands for the level it refers to.
    """
    return list(_find_tiers(text, seen))  # a unit's tiers are read three or four times


@lru_cache(maxsize=1024)
def _find_tiers(text: str, seen: tuple[str, ...]) -> tuple[TierMention, ...]:
    out: list[TierMention] = []
    if seen:
        for m in _ANAPHOR.finditer(text):
            level = _anaphor_level(m.group(0), seen)
            start = m.start("lv") if m.group("lv") else m.start()  # "to [that level]"
            if level and not re.search(r"\b(?:below|above|beneath|under)\s+$", text[:start], re.I):
                out.append(TierMention(level, start, m.end()))
    named = _tier_matches(text)
    if named is None:
        return tuple(out)
    for t in named:
        if any(t.start < o.end and o.start < t.end for o in out):
            continue
        out.append(t)
    return tuple(sorted(out, key=lambda t: t.start))


@lru_cache(maxsize=1024)
def _tier_matches(text: str) -> tuple[TierMention, ...] | None:
    """Every tier pattern's matches in pattern order, overlaps kept; None without a tier word."""
    if not _TIER_HINT.search(text):
        return None
    out: list[TierMention] = []
    for level, pat in TIER_PATTERNS:
        for m in pat.finditer(text):
            if level == "strategic partnership" and re.search(
                r"(?:comprehensive|global)\s+$", text[: m.start()], re.I
            ):
                continue
            out.append(TierMention(level, m.start(), m.end()))
    return tuple(out)


def _run(text: str, actors: list[Slot], first: Slot, forward: bool) -> list[Slot]:
    """The list of actors that ``first`` belongs to ("A, B and C"), read in one direction."""
    run = [first]
    pool = actors if forward else list(reversed(actors))
    for s in pool[pool.index(first) + 1 :]:
        gap = text[run[-1].end : s.start] if forward else text[s.end : run[-1].start]
        if not _LIST_GAP.match(gap):
            break
        run.append(s)
    return run


def _with_lists(text: str, actors: list[Slot], tier: TierMention) -> list[tuple[Actor, Actor]]:
    """ "A, B and C cut ties with D", "X has a strategic partnership with A and B": every pair."""
    w = _LIST_INTRO.match(text, tier.end)
    if not w:
        return []
    w_end = w.end() - tier.end
    after = [s for s in actors if s.start >= tier.end + w_end - 1]
    if not after or after[0].start - (tier.end + w_end) > 4:
        return []
    objects = _run(text, actors, after[0], True)
    clause = max((m.end() for m in re.finditer(r"[;:]|\bwhile\b|\bbut\b", text, 0)
                  if m.end() <= tier.start), default=0)  # fmt: skip
    before = [s for s in actors if clause <= s.start and s.end <= tier.start]
    if not before:
        return []
    subjects = _run(text, actors, before[-1], False)
    if re.search(
        r"\bwith\s+(?:the\s+)?$", text[max(0, subjects[-1].start - 12) : subjects[-1].start]
    ):
        # "X, raising relations with A and B to … and adding … with C and D": the clause's subject
        subject = _clause_subject(text, actors, tier.start)
        if subject is None or subject.start >= subjects[-1].start:
            return []
        subjects = [subject]
    if len(subjects) == 1 and len(objects) == 1:
        return []  # a single pair: the general rules below read it
    return [(a.actor, b.actor) for a in subjects for b in objects if a.code != b.code]


# "raised its relations with A, B and C to <tier>", "elevated the bloc's ties with A and with B"
_RAISED_TIES_WITH = re.compile(
    r"\b(?:elevat|upgrad|rais|lift)\w*\s+(?:(?:its|their|the|(?:the\s+)?[\w-]+['’]s)\s+)?"
    r"(?:bilateral\s+)?"
    r"(?:relations(?:hip)?|ties)\s+with\s+(?:both\s+)?(?:the\s+)?$",
    re.I,
)
_OBJ_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:with\s+)?(?:the\s+)?$")
_TO_TIER = re.compile(r"^\s+to\s+(?:an?\s+|the\s+)?$")


def _raised_list(
    text: str, actors: list[Slot], tier: TierMention
) -> list[tuple[Actor, Actor]] | None:
    """ "The EU raised its relations with A, B and C to a strategic partnership": the subject
    with each. ``[]`` where the subject is not a state we code ("the grouping lifted its ties
    with A and B to …": not a tier between A and B); ``None`` where the wording is another."""
    last = next((s for s in reversed(actors) if s.end <= tier.start), None)
    if last is None or not _TO_TIER.match(text[last.end : tier.start]):
        return None
    objects = [last]
    for s in reversed([s for s in actors if s.end <= objects[0].start]):
        if not _OBJ_GAP.match(text[s.end : objects[0].start]):
            break
        objects.insert(0, s)
    verb = _RAISED_TIES_WITH.search(text[max(0, objects[0].start - 80) : objects[0].start])
    if verb is None or len({s.code for s in objects}) < 2:
        return None
    verb_at = max(0, objects[0].start - 80) + verb.start()
    clause = max((m.end() for m in re.finditer(r"[;:]", text[:verb_at])), default=0)
    subjects = [s for s in actors if clause <= s.start and s.end <= verb_at]
    subjects = [
        s for s in subjects if not _WITH_BEFORE.search(text[max(0, s.start - 12) : s.start])
    ]
    if not subjects:
        return []
    subject = subjects[-1]
    return [(subject.actor, s.actor) for s in objects if s.code != subject.code]


_ORDINAL = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\d+(?:st|nd|rd|th))\s+(?:[\w-]+\s+){0,2}?(?:country|nation|state|member|partner)\b",
    re.I,
)


def _after_list(text: str, actors: list[Slot]) -> list[tuple[Actor, Actor]]:
    """ "Japan is the third country with which Cambodia has such a partnership, after China and
    Vietnam", "X became Viet Nam's fifth strategic partner, after A and B": the owner with
    each state listed after "after" (the newcomer's own tier is its upgrade, told elsewhere)."""
    ordinal = _ORDINAL.search(text)
    after = re.search(r"\bafter\s+(?:the\s+)?", text)
    if ordinal is None or after is None:
        return []
    first = next((s for s in actors if s.start == after.end()), None)
    owner = next(
        (
            s
            for s in actors
            if re.search(r"\bwith\s+which\s+$", text[max(0, s.start - 12) : s.start], re.I)
            or (
                s.end <= ordinal.start()
                and re.fullmatch(r"['’]s\s+", text[s.end : ordinal.start()])
            )
        ),
        None,
    )
    if first is None or owner is None:
        return []
    listed = [first]
    for s in actors[actors.index(first) + 1 :]:
        if not _LIST_GAP.match(text[listed[-1].end : s.start]):
            break
        listed.append(s)
    return [(owner.actor, s.actor) for s in listed if s.code != owner.code]


# "Manila deepened links with Australia, with which it has had a strategic partnership since
# 2023": the clause's subject with the state "which" stands for
_WITH_WHICH = re.compile(
    r"\s*,?\s*with\s+which\s+(?:it|they)\s+(?:(?:has|have|had|now|also|already)\s+)*"
    r"(?:ha[sd]|have|held|holds?|maintain\w*|shar\w*|enjoy\w*|set\s+up|established|forged|"
    r"signed|upgraded\s+(?:ties|relations)\s+to)\s+(?:an?\s+|the\s+)?$",
    re.I,
)


def _with_which(text: str, actors: list[Slot], tier: TierMention) -> tuple[Actor, Actor] | None:
    """ "…, with which it has a strategic partnership": (the clause's subject, the antecedent)."""
    before = [s for s in actors if s.end <= tier.start]
    if not before or not _WITH_WHICH.fullmatch(text[before[-1].end : tier.start]):
        return None
    antecedent = before[-1]
    subject = _clause_subject(text, actors, antecedent.start)
    if subject is None or subject.code == antecedent.code:
        return None
    return (subject.actor, antecedent.actor)


_PARTNERS_OF = re.compile(r"\s+of\s+(?:the\s+)?", re.I)
_COPULA = re.compile(
    r"\b(?:is|was|has\s+been|had\s+been|became|becomes|remains?|remained)\s+"
    r"(?:(?:also|now|long|still)\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+)?$",
    re.I,
)


def _partners_of(
    text: str, actors: list[Slot], tier: TierMention
) -> list[tuple[Actor, Actor]] | None:
    """ "A and B are strategic partners of C": each of A and B with the owner C; ``[]`` where
    the owner is not a state we code ("partners of the bloc"); ``None`` for other wordings."""
    of = _PARTNERS_OF.match(text, tier.end)
    if of is None or _FRONTED_TAIL.match(text, tier.end):
        return None  # "As strategic partners of each other, A and B …": the pair itself
    owner = next((s for s in actors if s.start == of.end()), None)
    if text[tier.start : tier.end].lower().endswith("partner"):
        # "The Philippines, a treaty ally of the US, has been a strategic partner of Japan"
        if owner is None or not _COPULA.search(text[max(0, tier.start - 40) : tier.start]):
            return None
        subject = _clause_subject(text, actors, tier.start)
        if subject is None or subject.code == owner.code:
            return None
        return [(subject.actor, owner.actor)]
    if not text[tier.start : tier.end].lower().endswith("partners"):
        return None
    before = [s for s in actors if s.end <= tier.start]
    if owner is None:
        return []
    if before:
        subjects = _run(text, actors, before[-1], False)
    else:  # "As strategic partners of ASEAN, Japan and India back …": the members follow
        subjects = _fronted_members(text, actors, tier, owner.end)
    return [(s.actor, owner.actor) for s in subjects if s.code != owner.code]


def _fronted_members(text: str, actors: list[Slot], tier: TierMention, end: int) -> list[Slot]:
    """The states a fronted "As <tier> partners of B," or "As one of B's <tier> partners,"
    describes: the list right after its comma."""
    if not _FRONTED_AS.search(text[: tier.start]) and not (
        (m := _member_phrase(text, tier))
        and (_FRONTED_AS.search(text[: m.start()]) or re.fullmatch(r"\W*", text[: m.start()]))
    ):  # "Among Japan's strategic partners, A …"
        return []
    first = next((s for s in actors if s.start >= end), None)
    if first is None or not re.fullmatch(r"\s*,\s*(?:the\s+)?", text[end : first.start]):
        return []
    return _run(text, actors, first, True)


# what sits between a member and "one of"/"among": "A is one of", "A, one of", "A among"
_MEMBER_GAP = re.compile(
    r"\s*(?:,\s*|(?:is|are|was|were|remains?|remained|becomes?|became|has\s+(?:become|been)|"
    r"have\s+been|had\s+been)\s+(?:(?:also|now|still|already|long|firmly)\s+)?)?"
)


def _member_pairs(
    text: str, actors: list[Slot], tier: TierMention
) -> list[tuple[Actor, Actor]] | None:
    """ "A is one of B's strategic partners", "B counts A among its strategic partners", "As one
    of B's strategic partners, A …": (A, B). ``[]`` where the owner is no state we code ("one of
    the bloc's strategic partners"); ``None`` for other wordings."""
    m = _member_phrase(text, tier)
    if m is None:
        return None
    if m.group("poss"):
        owner = next(
            (s for s in actors if m.start("poss") <= s.start
             and re.match(r"['’]s?\s", text[s.end : s.end + 3])),  # "Japan's", "Philippines'"
            None,
        )  # fmt: skip
    elif m.group("det") == "the":
        of = _PARTNERS_OF.match(text, tier.end)
        owner = next((s for s in actors if of and s.start == of.end()), None)
    else:  # "its", "their": the clause's subject
        owner = _clause_subject(text, actors, m.start())
    before = [s for s in actors if s.end <= m.start() and (owner is None or s is not owner)]
    if before and _MEMBER_GAP.fullmatch(text[before[-1].end : m.start()]):
        members = _run(text, actors, before[-1], False)
    else:
        members = _fronted_members(text, actors, tier, tier.end)
    if owner is None or not members:
        return []
    return [(s.actor, owner.actor) for s in members if s.code != owner.code]


# the tier set right after the pair as its apposition: "A and B, (as) strategic partners, …"
_APPOSED_TIER = re.compile(r"\s*,\s*(?:(?:as|both|now|long-?time)\s+)?(?:an?\s+|the\s+)?$", re.I)


def _switched_pairs(text: str, actors: list[Slot], tier: TierMention) -> list[tuple[Actor, Actor]]:
    """ "Panama switched diplomatic relations from Taiwan to China": the switcher with the
    capital it left and with the one it chose."""
    m = re.match(r"\s+from\s+(?:the\s+)?", text[tier.end :])
    before = re.search(
        r"\bswitch\w*\s+(?:(?:its|their)\s+)?$", text[max(0, tier.start - 30) : tier.start]
    )
    if m is None or (_SWITCHED.match(text, tier.start) is None and before is None):
        return []
    left = next((s for s in actors if s.start == tier.end + m.end()), None)
    if left is None:
        return []
    to = re.match(r"\s+to\s+(?:the\s+)?", text[left.end :])
    chosen = next((s for s in actors if to and s.start == left.end + to.end()), None)
    subject = _clause_subject(text, actors, tier.start)
    if chosen is None or subject is None:
        return []
    return [(subject.actor, s.actor) for s in (left, chosen) if s.code != subject.code]


def _passive_with(
    text: str, actors: list[Slot], tier: TierMention, home: Actor | None
) -> tuple[Actor, Actor] | None:
    """ "…, while ties with Israel were set up in 1993": the clause's subject (else the speaking
    home) with the state named after "with"."""
    if text[tier.start : tier.end].lower() not in ("ties", "relations"):
        return None
    if not _TIES_SET_UP.match(text, tier.start):
        return None
    w = re.match(r"\s+with\s+(?:the\s+)?", text[tier.end :])
    other = next((s for s in actors if w and s.start == tier.end + w.end()), None)
    if other is None:
        return None
    subject = _clause_subject(text, actors, tier.start)
    owner = subject.actor if subject is not None else home
    if owner is None or owner.code == other.code:
        return None
    return (owner, other.actor)


def _pairs_near(
    text: str, slots: list[Slot], tier: TierMention, home: Actor, home_speaks: bool = True
) -> list[tuple[Actor, Actor]]:
    actors = [s for s in slots if not s.location]
    codes = {s.code for s in actors}
    if len(codes) < 1:
        return []
    members = _member_pairs(text, actors, tier)
    if members is not None:
        return members
    with_pairs = _with_lists(text, actors, tier)
    if with_pairs:
        return with_pairs
    switched = _switched_pairs(text, actors, tier)
    if switched:
        return switched
    passive = _passive_with(text, actors, tier, home if home_speaks else None)
    if passive is not None:
        return [passive]
    raised_list = _raised_list(text, actors, tier)
    if raised_list is not None:
        return raised_list
    after_pairs = _after_list(text, actors)
    if after_pairs:
        return after_pairs
    which = _with_which(text, actors, tier)
    if which is not None:
        return [which]
    owned = _partners_of(text, actors, tier)
    if owned is not None:
        return owned
    raised = _subject_with(text, actors, tier)
    if raised is not None and any(
        s.code == raised[1].code and _TO_TIER.match(text[s.end : tier.start]) for s in actors
    ):
        return [raised]  # "Kenya upgraded ties with Ghana to a …", whoever else the clause names
    # explicit pairs: "A-B", "A and B"
    best: tuple[int, Actor, Actor] | None = None
    for a, b in zip(actors, actors[1:], strict=False):
        in_list = re.search(r",\s*(?:the\s+)?$", text[max(0, a.start - 10) : a.start]) or (
            re.match(r"\s*,", text[b.end : b.end + 3])
            and not re.match(r"\s*,\s*(?:which|who)\b", text[b.end : b.end + 12])
            and not _APPOSED_TIER.match(text[b.end : tier.start])
        )  # "A and B, which have both …", "A and B, strategic partners, …": no list
        if _WITH_BEFORE.search(text[max(0, a.start - 12) : a.start]):
            continue  # "partnerships with Spain and Greece": the objects of "with", no pair
        if a.code != b.code and _PAIR_GAP.match(text[a.end : b.start]) and not in_list:
            dist = min(abs(tier.start - b.end), abs(a.start - tier.end))
            if b.end <= tier.start and _THEIR_TIES.search(text[b.end : tier.start]):
                dist = 0  # "A and B, which …, upgraded their ties to": the pair's own ties
            if best is None or dist < best[0]:
                best = (dist, a.actor, b.actor)
    # "Egypt has a … partnership with the EU": an organisation named as the other side
    direct_org = _subject_tier_with(text, actors, tier)
    # organisations only count when named as one side of a pair ("ASEAN-Japan")
    actors = [s for s in actors if "ORG" not in s.labels]
    codes = {s.code for s in actors}
    others = [s for s in actors if s.code != home.code]
    has_home = any(s.code == home.code for s in actors)
    # "(A and B were included ...)" right after the tier: home + each
    after = [s for s in others if 0 <= s.start - tier.end < 40]
    if has_home and len(after) >= 2 and _CONTAINED.search(text[tier.end : after[0].start + 1]):
        listed = [after[0]]
        for s in after[1:]:
            if re.match(r"^\s*(?:,|and)\s*(?:the\s+)?$", text[listed[-1].end : s.start]):
                listed.append(s)
        return [(home, s.actor) for s in listed]
    direct = _subject_tier_with(text, actors, tier) or direct_org
    if direct is not None and not any(home.code == a.code for a in direct):
        return [direct]  # "Bolivia severed ties with Israel, and Chile and Honduras …"
    two = re.search(
        r"\b(?:the\s+two|both)\s+(?:countries|nations|sides|states)|\bbilateral\b", text, re.I
    )
    if best is not None and (best[0] < 90 or len(codes) == 2 or two):
        return [(best[1], best[2])]
    if raised is not None and not has_home:
        return [raised]
    if re.match(r"\s+with\s+(?:the\s+)?(?-i:[A-Z])", text[tier.end : tier.end + 12]) and not any(
        0 <= s.start - tier.end < 15 for s in actors
    ):
        return []  # "with <an actor we cannot code>"
    first = actors[0] if actors else None
    if (
        first is not None
        and home_speaks
        and first.code != home.code
        and _TIES_WITH.search(text[max(0, first.start - 40) : first.start])
    ):
        return [(home, first.actor)]  # "ties with the United States were raised to …": ours
    if len(codes) == 2:
        a = actors[0]
        b = next(s for s in actors if s.code != a.code)
        return [(a.actor, b.actor)]
    if not others:
        return []
    if has_home or (len(codes) == 1 and home_speaks):
        nearest = min(others, key=lambda s: min(abs(s.start - tier.end), abs(tier.start - s.end)))
        return [(home, nearest.actor)]
    return []


# GUIDELINES (Relations): "Vietnam's named variants are normalised to the tier … Other states'
# named frameworks are kept in lower case ('comprehensive global strategic partnership')".
# A framework's name is the tier phrase with the words that name a distinct framework
# ("special strategic and global", "all-weather strategic cooperative"); descriptive words
# ("close", "new", "deep") are not part of it.
FRAMEWORK_HOME = "VNM"
_FW_WORD = r"(?:special|global|all-round|all-weather|enhanced|strengthened|privileged|cooperative)"
# the name may go on: "… partnership of coordination", "… featuring ever-lasting friendship"
_FRAMEWORK = re.compile(
    rf"\b(?:{_FW_WORD}\s+(?:and\s+)?|comprehensive\s+)*(?:strategic|comprehensive)"
    rf"(?:\s+and\s+(?:global|comprehensive)|\s+{_FW_WORD}|\s+strategic)*\s+partner(?:ship|s)?\b"
    r"(?:\s+of\s+(?:cooperation|coordination)\b)?"
    r"(?:\s+featuring\s+[\w\s-]{3,60}?\bfriendship\b(?:\s+for\s+\w+\s+and\s+\w+)?)?"
    # "… of coordination for a new era"; a tail in title case is the name's own ("… for Peace
    # and Prosperity"), one in lower case describes it
    r"(?:\s+(?:for|in)\s+(?:a|the)\s+new\s+era\b|"
    r"(?-i:(?<=Partnership)\s+for\s+(?:the\s+)?[A-Z][\w-]+"
    r"(?:(?:,\s+|\s+and\s+(?:the\s+)?|\s+in\s+(?:the\s+)?)[A-Z][\w-]+)*))?",
    re.I,
)
# the tier's own words reordered name the tier, not a framework
_TIER_REORDERED = {"strategic and comprehensive partnership": "comprehensive strategic partnership"}


def base_tier(level: str) -> str:
    """The tier a level names: itself for a tier, the tier inside another pair's named framework
    ("special strategic partnership" → "strategic partnership"), as the rules and the trained
    tier decider read it before ``framework_level`` words it."""
    tiers = find_tiers(level)
    return tiers[0].level if tiers else level


def framework_level(sentence: str, level: str, a: str, b: str) -> str:
    """The level a relation is labelled with: its tier for the home's pairs and for plain
    tiers; another pair's named framework ("special strategic and global partnership")
    in lower case, as the sentence words it."""
    if FRAMEWORK_HOME in (a, b) or "partnership" not in level:
        return level
    tiers = [t for t in find_tiers(sentence) if t.level == level]
    for m in _FRAMEWORK.finditer(sentence):
        if any(m.start() <= t.start and t.end <= m.end() for t in tiers):
            name = " ".join(m.group(0).lower().split())  # the tier phrase, or its framework
            name = re.sub(r"\bpartners?\b", "partnership", name)  # "… cooperative partners"
            return _TIER_REORDERED.get(name, name)
    return level


_RAISED_WITH = re.compile(
    r"^\s+(?:(?:has|have|had|on\s+\w+)\s+)?"
    # "was the first country to upgrade …", "agreed to elevate …"
    r"(?:(?:was|is|became)\s+the\s+[\w-]+\s+(?:[\w-]+\s+)?(?:country|nation|state|partner)\s+to\s+|"
    r"(?:agreed|decided|moved|voted)\s+to\s+)?"
    r"(?:elevat|upgrad|rais|lift|establish|restor)\w*\s+"
    r"(?:(?:its|their|the)\s+)?(?:bilateral\s+)?(?:relations(?:hip)?|ties)\s+with\s+(?:the\s+)?$|"
    # the subject's own ties: "New Zealand's relationship with ASEAN was elevated to …"
    r"^['’]s?\s+(?:bilateral\s+)?(?:relations(?:hip)?|ties)\s+with\s+(?:the\s+)?$",
    re.I,
)


def _subject_with(text: str, actors: list[Slot], tier: TierMention) -> tuple[Actor, Actor] | None:
    """ "Chile raised its relations with Peru to a strategic partnership": (Chile, Peru)."""
    before = [s for s in actors if s.end <= tier.start]
    for x, y in zip(before, before[1:], strict=False):
        if x.code != y.code and _RAISED_WITH.match(text[x.end : y.start]):
            return (x.actor, y.actor)
        if _AND_RAISED_WITH.search(text[x.end : y.start]):
            subject = _clause_subject(text, actors, y.start)
            if subject is not None and subject.code != y.code:
                return (subject.actor, y.actor)  # "A cut ties with B … and raised ties with C to"
    return None


# a second verb of the clause's subject: "… in 1960 and upgraded ties with", "… and established"
_AND = r"\band\s+(?:(?:then|later|also|has|have|had|formally|officially)\s+)*"
_AND_RAISED_WITH = re.compile(
    _AND + r"(?:elevat|upgrad|rais|lift|establish|restor)\w*\s+(?:(?:its|their|the)\s+)?"
    r"(?:bilateral\s+)?(?:relations(?:hip)?|ties)\s+with\s+(?:the\s+)?$",
    re.I,
)
_PREP_BEFORE = re.compile(r"\b(?:with|of|to|from|by|in|on|at|for|between|and)\s+(?:the\s+)?$", re.I)


# a state's organ heading the clause: "The government of the Dominican Republic said …"
_HEAD_OF = re.compile(
    r"^\W*(?:the\s+)?(?:government|president|prime\s+minister|king|foreign\s+ministry|"
    r"ministry\s+of\s+foreign\s+affairs|authorities)\s+of\s+(?:the\s+)?$",
    re.I,
)


def _clause_subject(text: str, actors: list[Slot], at: int) -> Slot | None:
    """The subject of the clause that ``at`` is in: its first actor not after a preposition."""
    clause = max((m.end() for m in re.finditer(r"[;:]", text[:at])), default=0)
    for s in actors:
        if clause <= s.start < at and (
            not _PREP_BEFORE.search(text[max(0, s.start - 14) : s.start])
            or _HEAD_OF.search(text[clause : s.start])
        ):
            return s
    return None


# "Niger broke off diplomatic relations with Ukraine", "Egypt, which has maintained diplomatic
# relations with Israel since 1980": the subject's verb, then the tier, then "with" the other
# a verb that makes a tier one side's, up to the tier: "established (its) …", "has a …"
_TIER_VERBS = (
    r"(?:br(?:oke|eak|eaks|eaking)(?:\s+off)?|sever\w*|cut|cuts|cutting|maintain\w*|establish\w*|"
    r"re-?establish\w*|restor\w*|resum\w*|normali[sz]\w*|set\s+up|forg\w*|enjoy\w*|"
    r"ha(?:s|ve|d)|hold\w*|shar\w*|sign\w*|launch\w*)"  # "Egypt has a … partnership with the EU"
    r"(?:\s+(?:an?|its|their|own|full|formal))*\s*$"
)
_TIER_VERB = re.compile(
    r"^(?:,\s*which)?\s+(?:(?:has|have|had|will|would|also|then|formally|officially)\s+)*"
    # "China was the first dialogue partner to forge …", "… one of the first countries to set up"
    r"(?:(?:was|is|became)\s+(?:also\s+)?(?:the|one\s+of\s+the)\s+(?:[\w-]+\s+){1,3}?"
    r"(?:country|countries|nation|nations|state|states|partner|partners|member)\s+to\s+)?"
    + _TIER_VERBS,
    re.I,
)
_AND_TIER_VERB = re.compile(_AND + _TIER_VERBS, re.I)  # "… and established relations with C"
_AFTER_RELATIVE = re.compile(r",\s+" + _TIER_VERBS, re.I)  # "A, which cut ties with B, restored"
_APPOSITIVE = re.compile(r"^,\s+(?:the|a|an|its|which|who)\s[^,;:()]{0,50},(?=\s)")
_TIER_WITH = re.compile(
    r"^\s+with\s+(?:the\s+)?(?:[A-Z]\w+\s+of\s+(?:the\s+)?)?"
    # "with regional rival Iran", "with the Pacific island nation of Nauru"
    r"(?:(?:its\s+)?(?:[\w-]+\s+){0,3}?(?:rival|neighbou?r|neighbou?ring|ally|nation|country|state|"
    r"kingdom|republic)\s+(?:of\s+)?)?$"
)


# "Peru said it would sever …", "Niger's government announced on Tuesday that it was breaking
# off …", "Bolivia has decided to cut …": the subject reports its own decision
_REPORTED = re.compile(
    r"^(?:['’]s\s+(?:[\w-]+\s+){0,2}?(?:government|authorities|junta|leadership))?"
    # "Nicaragua went further and announced it was breaking off …": a first verb before
    r"(?:(?:\s+[\w-]+){1,4}?\s+and(?=\s+(?:said|announced|declared|confirmed|stated)\b))?"
    r"(?:\s+(?:said|announced|declared|confirmed|stated)(?:\s+(?:on|late|early|in)\s+\w+"
    r"(?:\s+\w+)?)?(?:\s+that)?\s+(?:it|they|its\s+government|his\s+government|"
    r"her\s+government)(?:\s+(?:was|were|would|will|had|has|is|is\s+to))?)?"
    r"(?:\s+(?:has|have|had))?(?:\s+(?:decided|agreed|voted)\s+to)?"
)


def _subject_tier_with(
    text: str, actors: list[Slot], tier: TierMention
) -> tuple[Actor, Actor] | None:
    """ "Niger broke off diplomatic relations with Ukraine": (Niger, Ukraine)."""
    after = next((s for s in actors if s.start >= tier.end), None)
    before = [s for s in actors if s.end <= tier.start]
    if after is None or not before or not _TIER_WITH.match(text[tier.end : after.start]):
        return None
    x, between = before[-1], text[before[-1].end : tier.start]
    between = _APPOSITIVE.sub("", between, count=1)  # "Nauru, the latest to switch, cut ties"
    reported = _REPORTED.match(between)
    if reported and reported.end() > 0 and not _TIER_VERB.match(between):
        between = between[reported.end() :]
    holds_verb = _TIES_CHANGED.fullmatch(text[tier.start : tier.end])
    verb_in_tier = re.fullmatch(r"(?:,\s*which)?\s*", between) and holds_verb
    # "Bolivia severed ties with Israel": the tier phrase holds the verb
    if not (_TIER_VERB.match(between) or verb_in_tier):
        second = _AND_TIER_VERB.search(between) or (
            holds_verb and re.search(_AND + r"$", between, re.I)
        )  # "A cut ties with B in May and established diplomatic relations with C"
        if holds_verb and re.match(r"\w+ing\b", text[tier.start : tier.end]):
            second = second or re.search(r",\s*$", between)  # "…, cutting ties with Taiwan"
        subject = _clause_subject(text, actors, tier.start) if second else None
        if subject is None and _AFTER_RELATIVE.search(between):
            subject = _clause_subject(text, actors, tier.start)  # "A, which cut … B, restored"
            if subject is not None and not re.match(
                r",\s*(?:which|who)\b", text[subject.end : subject.end + 10]
            ):
                subject = None
        if subject is None or subject is x:
            return None
        x = subject
    if x.code == after.code:
        return None
    return (x.actor, after.actor)


# a sentence whose first actor is the other side of the speaking home's ties
_TIES_WITH = re.compile(
    r"(?:^|[:;,]\s*|\b(?:[Tt]he|[Oo]ur|[Ii]ts)\s+)(?:bilateral\s+)?(?:ties|relations(?:hip)?)\s+"
    r"with\s+(?:the\s+)?$"
)
# the objects of "with" or of "followed by": "partnerships with Spain and Greece", "lifted ties
# with A in May, followed by B and C in June": the subject's partners, no pair of their own
_WITH_BEFORE = re.compile(r"\b(?:with|followed\s+by)\s+(?:the\s+)?$", re.I)
_WITH_NEXT = re.compile(r"^[^.;:]{0,40}?(?:,\s*(?:and\s+)?|\s+and\s+)with\s+(?:the\s+)?$", re.I)


def _later_withs(
    text: str, slots: list[Slot], tier: TierMention, pairs: list[tuple[Actor, Actor]]
) -> list[tuple[Actor, Actor]]:
    """ "raised its ties with A to a … in March, with B in October and with C in November":
    the one subject's pair with each later "with X" of the same clause."""
    if len(pairs) != 1:
        return []
    subject, first = pairs[0]
    actors = [s for s in slots if not s.location]
    head = next((s for s in actors if s.code == first.code and s.end <= tier.start), None)
    if head is None or not _WITH_BEFORE.search(text[max(0, head.start - 12) : head.start]):
        return []
    out: list[tuple[Actor, Actor]] = []
    end = tier.end
    for s in (s for s in actors if s.start >= tier.end):
        if not _WITH_NEXT.match(text[end : s.start]):
            break
        if s.code not in (subject.code, first.code):
            out.append((subject, s.actor))
        end = s.end
    return out


# "A and B upgraded ties to <tier> in March, while C and D did so in May": the same tier
_DID_SO = re.compile(
    r"^\s+(?:(?:also|later|then)\s+)?(?:did\s+(?:so|the\s+same|likewise)|followed\s+suit)\b",
    re.I,
)


def _did_so(text: str, slots: list[Slot], tier: TierMention) -> list[tuple[Actor, Actor]]:
    """Pairs after the tier that repeat its change: "…, while C and D did so in May"."""
    actors = [s for s in slots if not s.location and s.start >= tier.end]
    return [
        (a.actor, b.actor)
        for a, b in zip(actors, actors[1:], strict=False)
        if a.code != b.code
        and _PAIR_GAP.match(text[a.end : b.start])
        and _DID_SO.match(text[b.end :])
        and not re.search(r"[.;]", text[tier.end : a.start])
    ]


def _level_alias(text: str) -> str | None:
    for t in find_tiers(text):
        return t.level
    return None


# ties the sentence says the pair does not have
_NO_TIES = re.compile(
    r"\b(?:no|without|absence\s+of|lack\s+of|never(?:\s+(?:had|established))?|"
    # "do not have a strategic partnership", "is not yet a strategic partner"
    r"(?:do|does|did)(?:\s+not|n['’]t)(?:\s+yet)?\s+(?:have|hold|share|maintain|enjoy)"
    r"(?:\s+(?:an?|any))?|(?:is|are|was|were)(?:\s+not|n['’]t)(?:\s+yet)?(?:\s+an?)?)"
    r"\s+(?:formal\s+|full\s+)?$",
    re.I,
)


# a tier held with a number of states: "strategic partnerships with 30 countries, including …"
_WITH_COUNT = re.compile(
    r"\s+with\s+(?:(?:more\s+than|over|some|about|nearly|at\s+least)\s+)?(?:\d+|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|a\s+dozen|dozens\s+of|several|many|"
    r"a\s+(?:small\s+|large\s+)?number\s+of)\s+(?:other\s+)?(?:countries|nations|states)\b",
    re.I,
)
_DOWNGRADE = re.compile(r"\bdowngrad\w*\s+(?:(?:its|their|the)\s+)?(?:bilateral\s+)?$", re.I)
# ties broken: "broke off diplomatic relations", "cut its ties": a past tier, not the current one
_BROKEN = re.compile(
    rf"\b(?:{_BREAK})\s+(?:off\s+)?"
    r"(?:all\s+)?(?:(?:its|their|the)\s+(?:own\s+)?)?(?:diplomatic\s+)?(?:ties|relations)$",
    re.I,
)


# the level left, told after the new one: "to a comprehensive strategic partnership from a
# comprehensive partnership", "to an 'all-weather …' from the previous plainer '…'"
_TO_FROM = re.compile(
    r"[\"'”’]?\s+from\s+(?:(?:an?|the|their|its)\s+)?(?:(?:previous|former|earlier|current|"
    r"existing|old|plainer|plain)\s+)*[\"'“‘]?(?:[\w-]+\s+){0,2}",
    re.I,
)
# a rung passed over: "upgraded … from a comprehensive partnership, skipping the strategic
# partnership stage"
_SKIPPED = re.compile(
    r"\b(?:skipp\w*|bypass\w*|leap\w*\s+over|jump\w*\s+over)\s+(?:the\s+)?$", re.I
)


# a tier phrase inside an agreement's name: "Framework Agreement on Comprehensive Partnership
# and Cooperation", "Partnership and Cooperation Agreement"
_PCA = re.compile(r"\s+and\s+Co-?operation\b")


def _left_after(text: str, tiers: list[TierMention]) -> dict[TierMention, TierMention]:
    """Each tier whose previous level follows it ("to Y from X"): Y → X."""
    out: dict[TierMention, TierMention] = {}
    for t, nxt in zip(tiers, tiers[1:], strict=False):
        if _TO_FROM.fullmatch(text[t.end : nxt.start]) and re.search(
            r"\bto\s+(?:an?\s+|the\s+)?[\"'“‘]?(?:[\w-]+\s+){0,3}$",
            text[max(0, t.start - 40) : t.start],
        ):
            out[t] = nxt
    return out


@dataclass(frozen=True)
class TierReading:
    """One tier phrase of a unit with what its clause says: status, date, previous level.

    ``skip`` names the rule that keeps the phrase from being a pair's tier (an intention, a
    count, ties the pair does not have ...); the trained tier decider reads it as a feature.
    """

    tier: TierMention
    status: str
    date: str | None
    previous: str | None
    skip: str | None = None


def read_tiers(
    text: str,
    date: str | None,
    year_hint: int | None,
    dates: list[DateMention] | None = None,
    seen: tuple[str, ...] = (),
) -> list[TierReading]:
    """Every tier phrase of a unit, read for status and date in its own clause.

    In "established diplomatic relations in 1950 and upgraded their ties to a comprehensive
    strategic partnership in 2012" each tier gets its own verb and year. ``seen``: the levels
    the document named before, for anaphoric tiers (``find_tiers``).
    """
    out: list[TierReading] = []
    ft = _FROM_TO.search(text)
    prev_level = _level_alias(ft.group("prev")) if ft else None
    prev_end = 0
    tiers = find_tiers(text, seen)
    left = _left_after(text, tiers)
    for tier in tiers:
        if prev_level and ft and ft.start() <= tier.start < ft.end():
            continue  # the "from X" part is the previous level, not a new claim
        if tier in left.values():
            continue  # "… to Y from X": X is the level left, told after the new one
        clause_start = max(prev_end, tier.start - 120)
        prev_end = tier.end
        skip: str | None = None
        if (
            re.match(r"\s*(?:countries|nations)\b", text[tier.end : tier.end + 12])
            or re.search(r"\b\d+\s+(?:countries\s+with\s+)?$|\bwith\s+$", text[: tier.start][-30:])
            and not re.search(r"\(", text[tier.end : tier.end + 6])
        ) and not re.search(r"\(", text[tier.end : tier.end + 6]):
            skip = "count"  # "12 strategic partnership countries": a count, not a pair
        if skip == "count" and _member_phrase(text, tier) is not None:
            skip = None  # "one of Japan's 14 strategic partners": one member, not a count
        if skip is None and _WITH_COUNT.match(text, tier.end):
            skip = "count"  # "has such partnerships with 33 nations, including A and B"
        status = "mentioned"
        tier_text = text[tier.start : tier.end]
        clause = text[clause_start : tier.end]
        if text[tier.end : tier.end + 3].strip().startswith("("):
            clause += text[tier.end : tier.end + 100]  # "(A and B joined this group ...)"
        if _UPGRADE.search(clause):
            status = "upgraded"
        elif _ESTABLISH.search(text[max(clause_start, tier.start - 80) : tier.end]):
            status = "established"
        if (
            skip is None
            and (
                text[tier.start : tier.end].lower().endswith("partners")
                and not re.match(r"\s*\(", text[tier.end : tier.end + 3])
                and not _PAIR_AS_PARTNERS.search(text[: tier.start][-30:])
                and not _FRONTED_AS.search(text[: tier.start])
                and _member_phrase(text, tier) is None
                and not re.match(r"\s+since\b", text[tier.end : tier.end + 8])
                # "Vietnam's comprehensive strategic partners include A, B and C": one owner's list
                and not (
                    re.search(
                        r"['’]s?\s+(?:(?:new|current|other)\s+)?$",
                        text[max(0, tier.start - 12) : tier.start],
                    )
                    and re.match(r"\s+(?:include|includes|including)\s", text[tier.end :])
                )
            )
        ):
            skip = "group"  # "strategic partners" as a group, no pair
        changed = next(
            (
                m
                for m in _TIES_CHANGED.finditer(text, max(0, tier.start - 40))
                if m.start() <= tier.start and m.end() >= tier.end
            ),
            None,
        )  # "said it would sever diplomatic relations": a decision announced, not an intention
        decided = (
            changed
            and _DECIDED.search(text[max(0, changed.start() - 30) : changed.start()])
            # "would establish relations with Israel if …": ties to be set up stay an intention
            and not re.match(r"(?:establish|forg|set)", changed.group(0), re.I)
        )
        if (
            skip is None
            and not decided
            and _future_before(text, tier.start)
            and not (
                status == "mentioned" and _TEND.search(text[max(0, tier.start - 80) : tier.start])
            )
        ):
            skip = "future"  # an intention ("would be to upgrade", "will ... recognize")
        if (
            skip is None
            and _CORPORATE.search(text[max(0, tier.start - 100) : tier.start])
            and not _STATE_CUE.search(text)
        ):
            skip = (
                "corporate"  # "Vietnam Airlines and Japan Airlines signed a strategic partnership"
            )
        if skip is None and "partner" in tier_text.lower() and _SECTOR.match(text, tier.end):
            skip = "sector"  # "a strategic partnership in semiconductors": one field's, no tier
        if skip is None and _NETWORK.search(text[max(0, tier.start - 80) : tier.start]):
            skip = "network"  # "the highest level of Viet Nam's diplomatic relations"
        if skip is None and _NO_TIES.search(text[max(0, tier.start - 40) : tier.start]):
            skip = "no_ties"  # "have no diplomatic relations", "in the absence of ..."
        if skip is None and _PCA.match(text, tier.end):
            skip = "agreement"  # "the Framework Agreement on Comprehensive Partnership and …"
        if skip is None and _SKIPPED.search(text[max(0, tier.start - 30) : tier.start]):
            skip = "skipped"  # "skipping the strategic partnership stage": a rung never held
        if skip is None and _DOWNGRADE.search(text[max(0, tier.start - 40) : tier.start]):
            skip = "downgrade"  # "downgraded diplomatic ties": ties kept, at a lower rank
        rel_date = date
        # "Vision 2035", "Agenda 2030": a year inside a name dates nothing
        real = [d for d in dates or [] if not _NAMED_YEAR.search(text[: d.start])]
        after = [d for d in real if 0 <= d.start - tier.end < 25]
        # "the partnership the two countries established in 2021": the date its verb gives
        late = [
            d
            for d in real
            if 0 <= d.start - tier.end < 70 and _ESTABLISH.search(text[tier.end : d.start])
        ]
        own = after or late or [d for d in real if clause_start <= d.start < tier.start]
        if own:
            rel_date = own[0].value
        an = _ANNIV.search(text[: tier.start])
        if an and year_hint:
            rel_date = str(year_hint - int(an.group(1) or an.group(2)))
        previous = prev_level if status == "upgraded" else None
        if status == "upgraded" and tier in left:
            previous = left[tier].level
        out.append(TierReading(tier, status, rel_date, previous, skip))
    return out


def extract_relations(
    doc_id: str,
    sent_idx: int,
    start: int,
    text: str,
    slots: list[Slot],
    home: Actor,
    date: str | None,
    year_hint: int | None,
    dates: list[DateMention] | None = None,
    home_speaks: bool = True,
    levels_seen: tuple[str, ...] = (),
) -> list[Relation]:
    """Relations stated in one unit, by the pairing rules (``_pairs_near``); ``levels_seen``:
    the tier levels the document named before the unit (for "that tier")."""
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    ev = Evidence(doc_id, sent_idx, start, start + len(text), text)
    for r in read_tiers(text, date, year_hint, dates, levels_seen):
        if r.skip:
            continue
        pairs = _pairs_near(text, slots, r.tier, home, home_speaks)
        broken = r.tier.level == "diplomatic relations" and _BROKEN.search(text[: r.tier.end][-60:])
        others = [*_later_withs(text, slots, r.tier, pairs), *_did_so(text, slots, r.tier)]
        for a, b in [*pairs, *others]:
            lo, hi = sorted((a.code, b.code))
            key = (lo, hi, r.tier.level)
            if key in seen or a.code == b.code:
                continue
            seen.add(key)
            out.append(
                Relation(
                    a=a.code,
                    b=b.code,
                    level=r.tier.level,
                    evidence=ev,
                    date=r.date,
                    status="severed" if broken else r.status,
                    previous=r.previous,
                )
            )
    return out


# ties named by their age: "the 75th anniversary of the establishment of diplomatic relations"
_TIES_AGE = re.compile(
    r"\b(?:anniversary|years|decades|half\s+a\s+century)\s+(?:of|since)\s+(?:the\s+)?"
    r"(?:establish\w*\s+of\s+)?(?:(?:the|their|bilateral)\s+)*diplomatic\s+(?:relations|ties)\b",
    re.I,
)


def names_ties_age(rel: Relation) -> bool:
    """Whether a diplomatic-relations record comes from an anniversary, not the act itself."""
    return rel.level == "diplomatic relations" and bool(_TIES_AGE.search(rel.evidence.text))


def past_tiers(rels: list[Relation]) -> list[Relation]:
    """The tier each upgrade left ("lifted their ties from a comprehensive partnership to …"):
    the pair's previous level, a tier that held earlier (status "past", no date)."""
    out: list[Relation] = []
    for r in rels:
        if r.previous in _LADDER and r.previous != r.level and r.status == "upgraded":
            out.append(
                replace(
                    r, level=r.previous, status="past", date=None, previous=None, produced_by=None
                )
            )
    return out


# a sentence that joins states to the tier the sentence before gave: "Russia followed in 2012",
# "South Korea was elevated in December", "the US and Japan were both upgraded", "B did the same"
_FOLLOW = re.compile(
    r"\b(?:followed(?!\s+(?:by|suit\s+with|with|up)\b)|did\s+the\s+same|"
    r"joined\s+(?:(?:the\s+)?(?:group|club|list|ranks)\b|(?=(?:in|on|at)\s))|"
    r"(?:was|were)\s+(?:both\s+|also\s+|then\s+)?(?:elevated|upgraded)(?!\s+to\b))",
    re.I,
)


def tier_hub(rels: list[Relation], home: Actor, home_speaks: bool) -> tuple[str, str] | None:
    """(hub code, level) of a sentence's tiers, where one side holds them all ("X's ties with
    A and B"; one pair with the speaking home): the owner a next "B followed" joins."""
    tiers = [r for r in rels if r.level in _LADDER and r.status not in ("severed", "past")]
    if not tiers or len({r.level for r in tiers}) != 1:
        return None
    common = set.intersection(*({r.a, r.b} for r in tiers))
    if len(tiers) == 1:
        common &= {home.code} if home_speaks else set()
    return (next(iter(common)), tiers[0].level) if len(common) == 1 else None


def follow_relations(
    doc_id: str,
    sent_idx: int,
    start: int,
    text: str,
    slots: list[Slot],
    hub: Actor,
    level: str,
    date: str | None,
) -> list[Relation] | None:
    """ "Russia followed in July 2012, and India joined the group in 2016" after a sentence of
    the hub's tier: the hub with each state named; ``None`` where the sentence does not go on
    the tier (no cue, or a tier of its own)."""
    if not _FOLLOW.search(text) or find_tiers(text):
        return None
    named = [
        s
        for s in slots
        if not s.location and len(s.code) == 3 and not {"PERSON", "DEMONYM", "ORG"} & set(s.labels)
    ]
    ev = Evidence(doc_id, sent_idx, start, start + len(text), text)
    codes = list(dict.fromkeys(s.code for s in named))
    if re.search(r"\bdid\s+the\s+same\b", text, re.I) and len(codes) == 2 and hub.code not in codes:
        return [Relation(codes[0], codes[1], level, ev, date, status="upgraded")]  # "A and B did"
    out: list[Relation] = []
    for code in codes:
        if code != hub.code:
            out.append(Relation(hub.code, code, level, ev, date, status="upgraded"))
    return out
