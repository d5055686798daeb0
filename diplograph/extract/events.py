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

import re
from dataclasses import dataclass
from typing import Any

from diplograph.extract.dates import DateMention, is_bound
from diplograph.extract.plover import to_plover
from diplograph.extract.slots import Slot
from diplograph.models import Actor, Event, Evidence

EVENT_RULES_VERSION = "diplograph.event_rules.v1"

_ADJ = r"(?:\w+[\s-]+){0,4}?"
_AGREEMENT = (
    r"(?:agreements?|treat(?:y|ies)|memorand(?:um|a)|MoUs?|MOUs?|accords?|deals?|declarations?|"
    r"FTAs?|conventions?|protocols?|pacts?|communiqu[ée]s?|charters?|contracts?|"
    r"documents|letters? of intent|arrangements?|statements?|plans? of action|action plans?|"
    r"partnership framework)"
)
_CONF = (
    r"(?:summits?|conferences?|forums?|fora|sessions?|dialogues?|meetings? of|meetings?|"
    r"ceremon(?:y|ies)|congress|assembly|G20|G7|APEC|COP\s?\d+|retreat|expo|festival|games)"
)


@dataclass(frozen=True)
class Rule:
    type: str
    pattern: re.Pattern[str]
    frame: str
    confidence: float = 0.7
    needs: re.Pattern[str] | None = None  # another phrase the sentence must contain


def _r(p: str) -> re.Pattern[str]:
    return re.compile(p, re.I)


RULES: list[Rule] = [
    Rule(
        "MEET",
        _r(
            r"\b(?:host(?:s|ed|ing)?|held|hold|chair(?:s|ed)?|organi[sz]ed)\s+"
            r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}welcom(?:e|ing)\s+ceremony\s+for\b"
        ),
        "svo",
        0.8,
    ),
    Rule(
        "MEET",
        _r(
            r"\b(?:(?:at|during|after|in)\s+(?:their|the|its|his|her)\s+(?:\w+\s+)?"
            r"(?:talks|meeting|summit talks)|(?:after|during|following)\s+talks)\b(?!\s+with)"
        ),
        "pair",
        0.75,
    ),
    # --- visits -------------------------------------------------------------------------------
    Rule(
        "VISIT",
        _r(
            rf"\b(?:pa(?:y|ys|id|ying)|ma(?:ke|kes|de|king)|conduct(?:s|ed|ing)?|"
            rf"beg(?:in|an|un|ins)|start(?:s|ed)?|undert(?:ake|ook|aking|akes)|"
            rf"wrap(?:s|ped)? up|conclud(?:e|es|ed|ing)|(?:is|was|are|were|be|been) on|"
            rf"embark(?:s|ed)? on)\s+(?:an?|his|her|their|the|its)?\s*{_ADJ}"
            rf"(?:visit|trip|tour|journey)s?\s+(?:to|in)\b"
        ),
        "svo",
        0.9,
    ),
    Rule(
        "VISIT",
        _r(
            r"\b(?:state|official|working|first|historic|two-day|three-day|"
            r"four-day|five-day)\s+(?:visit|trip|tour)s?\s+(?:to|in)\b"
        ),
        "svo",
        0.85,
    ),
    Rule("VISIT", _r(r"\bvisits?\s+(?:by|of)\b(?=.{0,80}\bto\b)"), "of_to", 0.8),
    Rule("VISIT", _r(r"\b(?:visit(?:s|ed|ing)?)\b(?=\s+(?:the\s+)?(?-i:[A-Z]))"), "svo", 0.75),
    Rule(
        "VISIT",
        _r(r"\b(?:arriv(?:e|es|ed|ing)|land(?:s|ed)?)\s+in\b"),
        "svo",
        0.7,
        needs=_r(r"\bvisit|\btrip|\btour|delegation"),
    ),
    Rule("VISIT", _r(r"\btravel(?:s|ed|led|ing|ling)?\s+to\b"), "svo", 0.75),
    Rule("VISIT", _r(r"\bfor\s+an?\s+(?:\w+\s+){0,2}visit\b"), "in_for", 0.8),
    Rule(
        "VISIT",
        _r(
            r"\b(?:receiv(?:e|es|ed|ing)|welcom(?:e|es|ed|ing)|host(?:s|ed|ing)?)\b"
            r"(?=\s+(?:and\s+(?:receiv|welcom)\w*\s+)?(?:the\s+)?(?:visiting|(?-i:[A-Z])))"
        ),
        "ovs",
        0.7,
    ),
    Rule(
        "VISIT",
        _r(
            r"\b(?:was|were|is|are|been)\s+(?:warmly\s+)?(?:received|welcomed|hosted)"
            r"\s+by\b"
        ),
        "passive",
        0.7,
    ),
    # --- meetings and calls ----------------------------------------------------------------------
    Rule(
        "MEET",
        _r(
            r"\b(?:pa(?:y|ys|id|ying)|ma(?:de|ke|kes|king))\s+(?:a\s+)?courtesy\s+(?:call|visit)s?\s+"
            r"(?:on|to)\b"
        ),
        "svo",
        0.8,
    ),
    Rule(
        "MEET",
        _r(
            r"\bco-?chair(?:s|ed|ing)?\s+(?:the\s+|a\s+)?(?:\w+\s+){0,3}(?:meeting|talks|session)\b"
        ),
        "pair",
        0.7,
    ),
    Rule(
        "CALL",
        _r(
            r"\b(?:(?:tele)?phone|video|virtual|online)\s+(?:talks?|calls?|"
            r"conversations?)\b|\b(?:tele)?phone\s+(?:conference|meeting)s?\b|"
            r"\bspoke\s+by\s+(?:tele)?phone\b|"
            r"\bphoned\b|\b(?<!courtesy )call(?:ed)?\s+(?:with|to)\b|"
            r"\bspoke\s+(?:\w+\s+){0,2}?with\s+(?=(?-i:[A-Z]))"
        ),
        "svo",
        0.85,
    ),
    Rule("MEET", _r(r"\btalks\s+(?:in\s+\w+(?:\s+\w+)?\s+)?between\b"), "between", 0.85),
    Rule(
        "MEET",
        _r(
            r"\b(?:held|hold|holds|holding|had|have)\s+(?:\w+\s+){0,2}"
            r"(?:talks|meetings?|discussions?|a working session|working sessions|"
            r"consultations?|a bilateral meeting)\b"
        ),
        "svo",
        0.85,
    ),
    Rule("MEET", _r(r"\b(?:met|meets|meet)\s+(?:with\s+)?(?=.{0,60}(?-i:[A-Z]))"), "svo", 0.8),
    Rule(
        "MEET",
        _r(
            r"\bconven(?:e|es|ed|ing)\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,2}"
            r"(?:meeting|summit|talks)\b"
        ),
        "pair",
        0.7,
    ),
    Rule(
        "MEET",
        _r(
            r"\b(?-i:talks|meeting|working session|bilateral meeting|courtesy call)s?\s+"
            r"with\b"
        ),
        "svo",
        0.75,
    ),
    # --- agreements and tiers ------------------------------------------------------------------
    Rule(
        "AGREE_SIGN",
        _r(
            r"\b(?:sign(?:s|ed|ing)?|ink(?:s|ed)?|adopt(?:s|ed)|"
            r"ratif(?:y|ies|ied)|conclud(?:ed)|exchang(?:ed|e))\b"
            rf"(?=(?:\W+[\w’'-]+){{0,9}}?\W+{_AGREEMENT}\b|.{{0,40}}$)"
        ),
        "svo",
        0.8,
        needs=_r(_AGREEMENT),
    ),
    Rule(
        "AGREE_SIGN",
        _r(
            r"\bagreed\s+(?:to|on)\s+(?:an?\s+|the\s+)?(?:[\w\"“”'-]+\s+){0,3}?"
            r"(?:ceasefire|truce|joint\s+statement|peace\s+deal|trade\s+deal|framework)\b"
        ),
        "svo",
        0.7,
    ),
    Rule(
        "MEET",
        _r(r"\breceiv(?:e|es|ed|ing)\s+(?:the\s+)?(?:letters\s+of\s+)?credentials\s+(?:of|from)\b"),
        "svo",
        0.8,
    ),
    # --- support, aid ----------------------------------------------------------------------------
    Rule(
        "STATEMENT_SUPPORT",
        _r(
            r"\b(?:express(?:es|ed)?|voic(?:es|ed)|reaffirm(?:s|ed)?|"
            r"reiterat(?:es|ed)|affirm(?:s|ed)?|pledg(?:es|ed))\s+"
            r"(?:\S+\s+){0,4}?(?:support|solidarity)\s+(?:for|with|to)\b|"
            r"\bback(?:s|ed)(?=\s+(?-i:[A-Z]))|\bendors(?:e|es|ed)\b|"
            r"\bsupports?\s+(?=(?-i:[A-Z])\S*(?:’s|'s)\s)"
        ),
        "svo",
        0.65,
    ),
    Rule(
        "AID",
        _r(
            r"\b(?:donat(?:e|es|ed|ing)|provid(?:e|es|ed|ing)|sen(?:d|ds|t|ding)|"
            r"deliver(?:s|ed)?|hand(?:s|ed)?\s+over|pledg(?:e|es|ed)|grant(?:s|ed)?|"
            r"gift(?:s|ed)?|offered|allocat(?:e|es|ed)|dispatch(?:es|ed)?|"
            r"airlift(?:s|ed)?|ship(?:s|ped)?|disburs(?:e|es|ed)|deploy(?:s|ed)?|"
            r"approv(?:e|es|ed)(?=\s+(?:an?\s+|the\s+)?(?:[\w$.-]+\s+){0,3}?"
            r"(?:disbursement|loan|grant|aid|assistance))|"
            r"announc(?:e|es|ed)(?=\s+(?:an?\s+|the\s+)?(?:[\w$.-]+\s+){0,5}?"
            r"(?:aid|assistance|relief|funding|grant)))\b"
        ),
        "svo",
        0.7,
        needs=_r(
            r"\b(?:aid|assistance|relief|rescue|supplies|vaccines?|doses|donations?|"
            r"emergency|humanitarian|masks|medical|grant|food|tents|funding|"
            r"disaster|support materials|materials|equipment|finance|help|recover|victims|"
            r"hurricane|earthquake|flood|typhoon|storm|cyclone|quake|disburs\w*|loans?)\b"
        ),
    ),
    # --- elections -------------------------------------------------------------------------------
    Rule(
        "ELECTED",
        _r(
            r"\b(?:(?:was|were|been|be|is|are|got|get|gets|being)\s+(?:re-?)?elected|"
            r"won\s+(?:a\s+)?(?:seat|election|\w+\s+seat)|wins\s+(?:a\s+)?seat|"
            r"won\s+(?:[\w-]+\s+){0,2}seats|(?:countries|states|nations|members)\s+elected|"
            r"won\s+(?:\w+\s+){0,3}votes?|"
            r"will\s+join)\b"
        ),
        "svo",
        0.8,
        needs=_r(
            r"\b(?:Council|Commission|Committee|Board|Court|Assembly|member|seat|UN"
            r"\w*|vote|body)"
        ),
    ),
    Rule(
        "AID",
        _r(
            r"\bthank(?:s|ed)\s+(?=(?:the\s+)?(?-i:[A-Z]).{0,60}\bfor\s+(?:its\s+|their\s+|the\s+)?"
            r"(?:\w+\s+)?(?:aid|assistance|relief|donations?|help)\b)"
        ),
        "ovs",
        0.65,
    ),
    # --- conferences -----------------------------------------------------------------------------
    Rule(
        "CONFERENCE",
        _r(
            rf"\b(?:attend(?:s|ed|ing)?|host(?:s|ed|ing)?|chair(?:s|ed|ing)|"
            rf"held|hold(?:s|ing)?|conven(?:e|es|ed|ing)|"
            rf"co-chair(?:s|ed|ing)?|participat(?:e|es|ed|ing)\s+in|"
            rf"t(?:ook|ake|akes|aking)\s+part\s+in|address(?:es|ed|ing)?|"
            rf"join(?:s|ed)?|organi[sz](?:e|es|ed))\s+(?:[\w’'-]+[\s-]+){{0,8}}?"
            rf"{_CONF}\b"
        ),
        "svo",
        0.75,
    ),
    Rule(
        "CONFERENCE",
        _r(
            r"\b(?:at|to)\s+the\s+(?:[\w-]+\s+){0,5}?(?-i:Summit|Forum|"
            r"Conference|Dialogue)\b|\bat\s+COP\s?\d+\b"
        ),
        "svo",
        0.6,
    ),
    Rule(
        "CONFERENCE",
        _r(r"\bled\s+(?:the\s+|a\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,3}delegation\s+(?:to|at)\b"),
        "svo",
        0.7,
    ),
    # --- conflict --------------------------------------------------------------------------------
    Rule(
        "PROTEST_ACCUSE",
        _r(
            r"\b(?:(?:resolutely\s+|firmly\s+|strongly\s+)?oppos(?:e|es|ed)\s+(?=\S*\s*(?-i:[A-Z]))|"
            r"protest(?:s|ed)?\s+(?:against|over|the)|(?:stern|solemn|strong)\s+"
            r"representations|lodg(?:e|es|ed)\s+"
            r"(?:a\s+)?(?:\W?\w+\W?\s+)?protest|condemn(?:s|ed)?|"
            r"denounc(?:e|es|ed)|accus(?:e|es|ed)(?!\s+of\b)|criticiz(?:e|es|ed)|"
            r"criticis(?:e|es|ed)|summon(?:s|ed)|reject(?:s|ed)\s+"
            r"(?:the\s+)?(?:claims?|accusations?)|blam(?:e|es|ed))\b"
        ),
        "svo",
        0.75,
    ),
    # told from the receiving side: "X's diplomats were declared persona non grata by Y"
    Rule(
        "SANCTION",
        _r(
            r"\b(?:(?:was|were|been|being|is|are)\s+(?:\w+\s+){0,2}?(?:declared\s+[\"'‘“]?"
            r"persona non grata|expelled|sanctioned|blacklisted|hit\s+(?:\w+\s+){0,2}?with\s+"
            r"(?:\w+\s+){0,3}?(?:sanctions|tariffs))|received\s+a\s+list\s+of\s+(?:\w+\s+){0,3}?"
            r"diplomats\s+(?:\w+\s+){0,3}?declared\s+[\"'‘“]?persona non grata[\"'’”]?)"
        ),
        "undergo",
        0.75,
    ),
    Rule(
        "SANCTION",
        _r(
            r"\b(?:impos(?:e|es|ed|ing)\s+(?:\w+\s+){0,5}?(?:sanctions|tariffs|"
            r"embargo|ban|restrictions)|(?:adopt(?:s|ed)|approv(?:es|ed)|"
            r"announc(?:es|ed)|agreed|unveil(?:s|ed)|introduc(?:es|ed)|extend(?:s|ed)|"
            r"slap(?:s|ped))\s+(?:\w+\s+){0,5}?sanctions|sanction(?:s|ed)\s+"
            r"(?=(?-i:[A-Z]))|expel(?:s|led|ling)?|persona non grata|blacklist(?:s|ed)?|"
            r"impos(?:e|es|ed|ing)\s+(?:[\w%-]+\s+){0,5}?(?:duty|duties|levies)|"
            r"slap(?:s|ped)\s+(?:[\w%-]+\s+){0,5}?(?:tariffs|duties)|retaliatory\s+tariffs|"
            r"(?:ordered|announced)\s+the\s+closure\s+of|freez(?:e|es|ing)\s+(?:the\s+)?assets|"
            r"add(?:s|ed|ing)?\s+(?:\w+\s+){0,4}to\s+its\s+(?:sanctions|entity)\s+list)"
        ),
        "svo",
        0.8,
    ),
    Rule(
        "OTHER_CONFLICT",
        _r(
            r"\b(?:seiz(?:e|es|ed)|detain(?:s|ed)|ram(?:s|med|ming)|fired\s+"
            r"(?:on|at)|attack(?:ed|ing)|attacks\s+(?=(?-i:[A-Z]))|clash(?:es|ed)|cut\s+(?:off\s+)?"
            r"(?:diplomatic\s+)?ties|sever(?:s|ed)\s+(?:diplomatic\s+)?"
            r"(?:ties|relations)|recall(?:s|ed)\s+(?:its|their)\s+ambassador|"
            r"harass(?:es|ed)|threaten(?:s|ed)(?!\s+to\b)|urg(?:e|es|ed)\s+\w+\s+to\s+"
            r"(?:change|stop|halt|refrain|withdraw|cease)|fired\s+(?:[\w-]+\s+){0,4}?"
            r"(?:missiles?|rockets?|shells?|drones?)|launch(?:es|ed|ing)?\s+(?:[\w-]+\s+){0,5}?"
            r"(?:missiles?|rockets?|air\s?strikes?|strikes|drones?)|blast(?:s|ed)\s+|"
            r"board(?:ed|ing)(?=\s+(?:[\w-]+\s+){0,3}(?:vessels?|ships?|boats?))|"
            r"fought\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}war)\b"
        ),
        "svo",
        0.65,
    ),
    # --- evacuation and other cooperation ------------------------------------------------------
    Rule(
        "EVACUATE",
        _r(
            r"\b(?:evacuat(?:e|es|ed|ing)|repatriat(?:e|es|ed|ing)|"
            r"(?:evacuation|repatriation|rescue)\s+flights?|"
            r"brought\s+(?:\w+\s+){0,4}home|bring(?:s|ing)?\s+(?:\w+\s+){0,4}home|"
            r"return(?:ed)?\s+(?:\w+\s+){0,4}(?:citizens|nationals)\s+home|"
            r"(?:safely\s+)?return\s+(?:[\d,.]+\s+)?(?:\w+\s+){0,2}"
            r"(?:citizens|nationals)|airlift(?:s|ed)?\s+(?:[\w,]+\s+){0,5}?(?:citizens|nationals)|"
            r"flown\s+(?:[\d,]+\s+)?(?:\w+\s+){0,2}out|help(?:ed)?\s+(?:[\w,]+\s+){0,4}to\s+leave|"
            r"pulled\s+(?:\w+\s+){0,3}out|brought\s+out|fly\s+(?:\w+\s+){0,2}home|"
            r"mov(?:e|es|ed|ing)\s+(?:its\s+|their\s+)?(?:citizens|nationals)\s+out)\b"
        ),
        "evac",
        0.8,
    ),
    Rule(
        "OTHER_COOPERATE",
        _r(
            r"\b(?:open(?:s|ed)?\s+(?:an?\s+|its\s+|the\s+)?(?:\w+\s+)?"
            r"(?:office|embassy|consulate|representative office)|"
            r"co-?sponsor(?:s|ed)?|establish(?:es|ed)?\s+diplomatic\s+"
            r"relations|inscrib(?:ed)|recogni[sz]ed?\s+(?:by\s+UNESCO|as\s+a\s+"
            r"(?:world|UNESCO)|(?:\w+\s+){0,3}(?:heritage|world\s+heritage))|"
            r"draft(?:s|ed)?\s+(?:\w+\s+){0,3}resolution|"
            r"(?:stag|held|hold|conduct)\w*\s+(?:\w+\s+){0,2}?joint\s+(?:[\w-]+\s+){0,2}?"
            r"(?:drills?|exercises?|patrols?))"
        ),
        "svo",
        0.65,
    ),
]

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
    r"\b(?:the\s+)?(?:two|both)\s+(?:leaders|sides|governments|countries|nations|PMs|"
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


def _usable_dates(ctx: UnitContext, pos: int) -> list[DateMention]:
    """Dates that can date the action at ``pos``: near it, and not a term bound."""
    return [
        d
        for d in ctx.dates
        if (d.kind != "relative" or abs(d.start - pos) < 160)
        and not is_bound(ctx.text, d)
        and not (d.kind == "year" and _YEAR_AS_NAME.search(ctx.text[max(0, d.start - 8) : d.start]))
    ]


def _date_for(ctx: UnitContext, pos: int) -> str | None:
    dates = _usable_dates(ctx, pos)
    if not dates:
        return ctx.fallback_date
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


# Cheap substring pre-check per type: a rule's regex only runs when one of these occurs.
TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "VISIT": (
        "visit",
        "trip",
        "tour",
        "journey",
        "arriv",
        "land",
        "travel",
        "receiv",
        "welcom",
        "host",
    ),
    "MEET": (
        "courtesy",
        "chair",
        "talks",
        "meet",
        "met",
        "meeting",
        "session",
        "discussion",
        "consultation",
        "welcom",
        "courtesy",
        "conven",
        "credentials",
    ),
    "CALL": ("phone", "video", "virtual", "online", "call", "spoke"),
    "AGREE_SIGN": ("sign", "ink", "adopt", "ratif", "conclud", "exchang", "agreed"),
    "STATEMENT_SUPPORT": ("support", "solidarity", "back", "endors"),
    "AID": (
        "thank",
        "donat",
        "provid",
        "send",
        "sent",
        "deliver",
        "hand",
        "pledg",
        "grant",
        "gift",
        "offered",
        "allocat",
        "dispatch",
        "airlift",
        "ship",
        "disburs",
        "deploy",
        "announc",
        "approv",
    ),
    "ELECTED": ("elect", "won", "wins", "will join"),
    "CONFERENCE": (
        "delegation",
        "attend",
        "host",
        "chair",
        "held",
        "hold",
        "conven",
        "particip",
        "part in",
        "address",
        "join",
        "organi",
        "summit",
        "forum",
        "conference",
        "dialogue",
        "cop",
    ),
    "PROTEST_ACCUSE": (
        "oppos",
        "protest",
        "condemn",
        "denounc",
        "accus",
        "critici",
        "summon",
        "reject",
        "blam",
        "representations",
    ),
    "SANCTION": (
        "sanction",
        "impos",
        "expel",
        "persona non grata",
        "blacklist",
        "slap",
        "tariff",
        "closure",
        "freez",
    ),
    "OTHER_CONFLICT": (
        "seiz",
        "detain",
        "ram",
        "fired",
        "attack",
        "clash",
        "cut",
        "sever",
        "recall",
        "harass",
        "threaten",
        "urg",
        "launch",
        "blast",
        "board",
        "fought",
    ),
    "EVACUATE": (
        "evacuat",
        "repatriat",
        "home",
        "return",
        "flight",
        "airlift",
        "flown",
        "leave",
        "pulled",
        "brought out",
        "citizens out",
        "nationals out",
    ),
    "OTHER_COOPERATE": (
        "open",
        "sponsor",
        "diplomatic relations",
        "inscrib",
        "recogni",
        "draft",
        "joint",
    ),
}


_KEY_TYPES: dict[str, set[str]] = {}
for _type, _keys in TYPE_KEYS.items():
    for _key in _keys:
        _KEY_TYPES.setdefault(_key, set()).add(_type)


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
    if not ctx.slots:
        present &= _HOME_SOURCE  # no actor in the unit: only home-led types can apply
    for rule in RULES:
        if rule.type not in present:
            continue
        if not ctx.slots and rule.type not in _HOME_SOURCE:
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
            if (
                _NEGATION.search(before[-45:])
                or _HYPOTHETICAL.search(before[-50:])
                or _MODAL.search(before[-120:])
            ):
                continue
            if rule.type in ("VISIT", "CALL", "MEET", "AGREE_SIGN", "CONFERENCE") and (
                (_AGGREGATE.search(before[-30:]) and not TWO_SIDES.search(before[-40:]))
                or (rule.type != "CONFERENCE" and re.search(r"\d", m.group(0)))
            ):
                continue
            if rule.type in ("VISIT", "CALL", "MEET", "AGREE_SIGN", "CONFERENCE") and re.match(
                r"\s+(?:more\s+than\s+|over\s+|nearly\s+|about\s+|some\s+)?\d", ctx.text[m.end() :]
            ):
                continue  # "signed over 70 documents": an aggregate, kept as a figure
            if (
                rule.type == "VISIT"
                and m.group(0).lower().startswith("visiting")
                and re.search(
                    r"\b(?:receiv\w*|welcom\w*|host\w*|met|meets|greet\w*|the|a|an)\s+$",
                    before,
                    re.I,
                )
            ):
                continue  # "received the visiting Indonesian President": an adjective
            if rule.type == "VISIT" and re.search(
                r"\binvitations?\s+(?:\w+\s+){0,3}to\s+$", before
            ):
                continue  # "accepted the invitation to visit": no visit yet
            if rule.type == "OTHER_CONFLICT" and re.search(r"\b(?:of|for)\s+$", before):
                continue  # "accused X of ramming": the accusation is the event
            if rule.type == "AGREE_SIGN" and re.search(r"\b(?:by|through|in|for)\s+$", before):
                continue  # "efforts ... by signing FTAs": a means, not an act
            if (
                rule.type == "AID"
                and re.search(r"\b(?:that|which|who)\s+(?:\w+\s+)?$", before)
                and m.group(0).lower().endswith("s")
            ):
                continue  # "an NGO that provides assistance": a description
            if rule.type in ("CONFERENCE", "VISIT") and _GENERIC_PLURAL.search(m.group(0)):
                continue
            if rule.type == "CONFERENCE" and _DOMESTIC.search(ctx.text[m.start() : m.end() + 60]):
                continue
            if (
                rule.type == "AGREE_SIGN"
                and re.search(
                    r"\b(?:enforc\w*|implement\w*|the|all|newly|already|previously)\s+$", before
                )
                and not re.search(r"\b(?:witness\w*|attend\w*|oversaw|observed)\s+the\s+$", before)
            ):  # "the signed deal" is no act; "witnessed the signing of" is one
                continue
            made = False
            for src_slot, tgt_slot in _roles(ctx, rule, m):
                src = src_slot.actor if src_slot else None
                tgt = tgt_slot.actor if tgt_slot else None
                if (
                    src is None
                    and rule.type in _HOME_SOURCE
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
