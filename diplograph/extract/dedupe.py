"""One record per action and per relation in a document: restatements merged, at the fullest
mention (GUIDELINES, General: "one record per distinct action, at its first or fullest mention")."""

from __future__ import annotations

import re

from diplograph.extract.relations import names_ties_age
from diplograph.models import Event, Relation

# either order counts: a one-sided one is completed by "the two sides", and dedupe pairs them
SYMMETRIC = frozenset(
    {"MEET", "CALL", "AGREE_SIGN", "PARTNERSHIP_UPGRADE", "CONFERENCE", "OTHER_COOPERATE"}
)


def dedupe_relations(relations: list[Relation]) -> list[Relation]:
    """One relation per pair and level in a document; an upgrade beats a mention. Ties broken
    ("cut ties with B in 2016") are another claim than ties held or restored."""
    best: dict[tuple[str, str, str, bool], Relation] = {}
    order: list[tuple[str, str, str, bool]] = []
    rank = {"upgraded": 2, "established": 2, "mentioned": 0}

    def _rank(r: Relation) -> int:
        # an anniversary of ties is a fainter record of their establishment than the act
        return min(rank.get(r.status, 0), 1) if names_ties_age(r) else rank.get(r.status, 0)

    for r in relations:
        lo, hi = sorted((r.a, r.b))
        key = (lo, hi, r.level, r.status == "severed")
        if key not in best:
            best[key] = r
            order.append(key)
        elif _rank(r) > _rank(best[key]):
            best[key] = r
    return [best[k] for k in order]


def _event_key(e: Event) -> tuple[str, ...]:
    s = e.source.code if e.source else ""
    t = e.target.code if e.target else ""
    if e.type in SYMMETRIC:
        s, t = sorted((s, t))
    return (e.type, s, t)


def _richness(e: Event) -> tuple[int, int]:
    return (int(e.target is not None), int(e.date_basis == "stated"))


# "Earlier the same day, ...", "Wang also met ...", "They also adopted ...": a later report of
# a meeting, signing, message or protest that marks itself as another occasion, not a restatement
_ANOTHER_OCCASION = re.compile(
    r"^\W*(?:earlier|later|separately|prior\s+to|(?:on\s+)?the\s+same\s+day|also\s+on)\b|"
    r"\balso\b",
    re.I,
)
_OCCASION_TYPES = frozenset({"MEET", "CALL", "AGREE_SIGN", "STATEMENT_SUPPORT", "PROTEST_ACCUSE"})


def _another_occasion(a: Event, b: Event) -> bool:
    """Whether the later of two reports marks itself as a separate meeting, call or message."""
    later = b if b.evidence.start > a.evidence.start else a
    return (
        a.type in _OCCASION_TYPES
        and a.evidence.start != b.evidence.start
        and bool(_ANOTHER_OCCASION.search(later.evidence.text))
    )


# a complaint rejected or denied is never a restatement of the act complained of. (An envoy
# summoned apart from the protest conveyed was measured and dropped: it split one protest in two
# on real news.)
_REJECTION = re.compile(r"\b(?:dismiss\w*|reject\w*|den(?:y|ies|ied|ying|ials?))\b", re.I)
# the measures of the "reduce relations" family: an expulsion, a recall and a closure reported
# in one story are three measures, not one restated
_MEASURES = {
    "expel": re.compile(r"\b(?:expel\w*|expulsion|persona\s+non\s+grata)\b", re.I),
    "recall": re.compile(
        r"\b(?:recall\w*|withdr[ae]w\w*|pull(?:s|ed|ing)?\s+(?:out\s+)?its)\b", re.I
    ),
    "close": re.compile(r"\b(?:clos(?:e|es|ed|ing|ure)|shut\w*|bar(?:s|red|ring)?)\b", re.I),
}


# the acts of the protest family: a protest, a condemnation, a warning and an accusation or demand
# reported in one story are several acts, not one restated. A summons is the protest it carries
# (the envoy is told of the concern, handed the note), and a demand is the remedy an accusation
# asks for ("accused Y of ... and demanded it stop"), so each pair is one kind. (A demand apart
# from an accusation split one statement in two on check: type+actors pred +1, tp +0.)
_COMPLAINTS = {
    "protest": re.compile(
        r"\b(?:summon\w*|call(?:s|ed|ing)?\s+in|protest\w*|notes?(?:\s+verbale)?|"
        r"representations|oppos\w*|concerns?|objections?|dissatisfaction)\b",
        re.I,
    ),
    "claim": re.compile(r"\b(?:accus\w*|blam\w*|allegations?|demand\w*|request\w*)\b", re.I),
    "condemn": re.compile(r"\b(?:condemn\w*|denounc\w*|deplor\w*)\b", re.I),
    "warn": re.compile(r"\b(?:warn\w*|threat\w*)\b", re.I),
}


def _marks(e: Event, kinds: dict[str, re.Pattern[str]]) -> set[str]:
    told = e.trigger or e.evidence.text
    return {name for name, rx in kinds.items() if rx.search(told)}


def _measures(e: Event) -> set[str]:
    return _marks(e, _MEASURES)


def _other_act(a: Event, b: Event) -> bool:
    """Whether one report is a rejection and the other is not, or the two report different
    measures (an expulsion and a recall)."""
    if a.type == "SANCTION":
        ma, mb = _measures(a), _measures(b)
        return bool(ma and mb and not ma & mb)
    if a.type == "PROTEST_ACCUSE":
        ca, cb = _marks(a, _COMPLAINTS), _marks(b, _COMPLAINTS)
        return bool(ca and cb and not ca & cb)
    if a.type != "OTHER_CONFLICT":
        return False
    marks = {bool(_REJECTION.search(e.trigger or e.evidence.text)) for e in (a, b)}
    return len(marks) == 2


def _same_action(a: Event, b: Event) -> bool:
    if a.type != b.type or a.type in ("CONFERENCE", "AID"):
        return False
    if _another_occasion(a, b) or _other_act(a, b):
        return False
    ka, kb = _event_key(a), _event_key(b)
    if ka != kb:
        # a report without a target is the same action as one with it
        sa = a.source.code if a.source else ""
        sb = b.source.code if b.source else ""
        if not (sa == sb and (a.target is None or b.target is None)):
            return False
    # the President's message and the Prime Minister's are two actions: a state that both
    # reports give a person for, with different persons
    pa = {x.code: x.person for x in (a.source, a.target) if x is not None and x.person}
    pb = {x.code: x.person for x in (b.source, b.target) if x is not None and x.person}
    if any(code in pb and pb[code] != person for code, person in pa.items()):
        return False
    # two reports whose dates disagree are two actions, whatever gave the dates (session 12:
    # the trained decider's events were all "context" and every restatement merged; with this,
    # events.type+actors held-back 0.613 → 0.618, check 0.547 → 0.565, batch 6 0.588 → 0.614)
    da, db = a.date or "", b.date or ""
    if da and db:
        return da.startswith(db) or db.startswith(da)
    return True


def dedupe_events(events: list[Event]) -> list[Event]:
    """One record per action: an action restated in the same document is kept once, at its
    fullest mention (a named target, a date stated in the sentence). Two reports with
    different dates are different events."""
    kept: list[Event] = []
    for e in events:
        twin = next((i for i, k in enumerate(kept) if _same_action(k, e)), None)
        if twin is None:
            kept.append(e)
        elif _richness(e) > _richness(kept[twin]):
            kept[twin] = e
    return sorted(kept, key=lambda e: (e.evidence.start, e.type))
