"""Answers read from extracted records (events, tiers) before any sentence is searched.

A record answer exists only when the question names the actors it needs and the store holds a
matching record; every answer cites the sentence(s) its records came from. What records cannot
answer falls through to the sentence spans of :mod:`diplograph.query.ask`.

| question | records |
|---|---|
| when did A and B upgrade / elevate their ties | PARTNERSHIP_UPGRADE events, else tiers |
| which tier / level / partnership do A and B have | the pair's highest tier |
| which countries are A's <tier> partners | every partner with that tier, each cited |
| how many visits / calls / agreements did A make in YEAR | canonical events, every one cited |
| which partners did A upgrade ties with in YEAR | canonical upgrades, every one cited |
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from diplograph.extract.relations import LEVELS
from diplograph.query.names import display
from diplograph.query.terms import content_terms
from diplograph.store import Filters, Store

# the tiers of GUIDELINES.md, highest and most specific first: the one vocabulary of extraction
TIERS = tuple(LEVELS)
RECORD_CONFIDENCE = 0.9  # scaled by the record's own confidence where it has one

_UPGRADE_WHEN = re.compile(
    r"\b(?:when|what\s+date|(?:what|which)\s+(?:date|day|month|year))\b.*"
    r"\b(?:upgrad|elevat|rais|lift|establish|set\s+up|form|launch)\w*|"
    r"\bsince\s+(?:when|what\s+year)\b.*\b(?:upgrad|elevat|rais|lift|establish|partner|relations|"
    r"ties)\w*",
    re.I,
)
_TIER_WHICH = re.compile(
    r"\b(?:which|what)\s+(?:tier|level|kind\s+of\s+(?:partnership|relationship|relations)|"
    r"partnership|status)\b",
    re.I,
)
_PARTNER_LIST = re.compile(
    r"\b(?:which\s+(?:countries|nations|states)|who\s+are|list|name)\b.*\bpartners?\b", re.I
)


@dataclass
class RecordAnswer:
    answer: str
    evidence: list[dict[str, Any]]
    confidence: float
    calibrate: bool = True  # False: an aggregate, whose confidence is not fitted


def _evidence(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "doc": row["doc_id"],
        "sentence": row["sentence"],
        "start": row["start"],
        "end": row["end"],
        "record": row.get("produced_by"),
    }


def spoken_date(value: str) -> str:
    """ISO date → "September 10, 2023", "September 2023" or "2023"."""
    parts = value.split("-")
    if len(parts) == 3:
        d = date(int(parts[0]), int(parts[1]), int(parts[2]))
        return f"{d.strftime('%B')} {d.day}, {d.year}"
    if len(parts) == 2:
        return f"{date(int(parts[0]), int(parts[1]), 1).strftime('%B')} {parts[0]}"
    return value


def _tier_in(question: str) -> str | None:
    low = question.lower()
    return next((t for t in TIERS if t in low or t.removesuffix("ship") + "s" in low), None)


def _year(question: str) -> str | None:
    m = re.search(r"\b((?:19|20)\d\d)\b", question)
    return m.group(1) if m else None


def _by_overlap(question: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows whose sentence shares most content words with the question first (stable)."""
    want = set(content_terms(question))
    return sorted(rows, key=lambda r: -len(want & set(content_terms(str(r.get("sentence"))))))


def _in_year(rows: list[dict[str, Any]], year: str | None) -> list[dict[str, Any]]:
    """Rows dated in the question's year (an undated row cannot show it is about that year)."""
    if year is None:
        return rows
    return [r for r in rows if str(r.get("date") or "").startswith(year)]


def _pair_rows(
    rows: list[dict[str, Any]], a: str, b: str, ka: str, kb: str
) -> list[dict[str, Any]]:
    return [r for r in rows if {r.get(ka), r.get(kb)} == {a, b}]


_DIPLOMATIC = re.compile(r"\bdiplomatic\s+(?:relations|ties)|\b(?:relations|ties)\b", re.I)
_ASKS_DATE = re.compile(r"\b(?:what|which)\s+(?:date|day)\b", re.I)
_ASKS_YEAR = re.compile(r"\b(?:what|which)\s+year\b|\bsince\s+when\b", re.I)


def tier_date(store: Store, question: str, codes: list[str]) -> RecordAnswer | None:
    """When a pair set up a named tier or diplomatic relations: the tier record's date."""
    if len(codes) != 2 or not _UPGRADE_WHEN.search(question + " " + question):
        return None
    tier = _tier_in(question)
    if tier is None and not re.search(r"\bdiplomatic\s+(?:relations|ties)\b", question, re.I):
        return None
    level = tier or "diplomatic relations"
    a, b = codes
    rels = _pair_rows(store.relations(Filters(country=a, partner=b)), a, b, "a", "b")
    rels = [r for r in rels if r.get("level") == level and r.get("date")]
    if not rels:
        return None
    # a stated establishment or upgrade first, then the earliest date (when it began)
    best = min(rels, key=lambda r: (r.get("status") not in ("established", "upgraded"),
                                    str(r["date"])))  # fmt: skip
    when = str(best["date"])
    same = _by_overlap(question, [r for r in rels if str(r["date"]) == when])[:3]
    if len(when) == 4 and _ASKS_DATE.search(question):
        return None  # a year cannot answer "on what date": let the sentences answer
    text = when[:4] if _ASKS_YEAR.search(question) else spoken_date(when)
    return RecordAnswer(text, [_evidence(r) for r in same], RECORD_CONFIDENCE * 0.8)


def upgrade_date(store: Store, question: str, codes: list[str]) -> RecordAnswer | None:
    if len(codes) != 2 or not _UPGRADE_WHEN.search(question):
        return None
    if _tier_in(question) or re.search(r"\bdiplomatic\b|\bestablish", question, re.I):
        return None  # a named tier or the start of relations: tier_date reads those
    a, b = codes
    year = _year(question)
    events = _pair_rows(
        store.events(Filters(country=a, partner=b, type="PARTNERSHIP_UPGRADE")),
        a,
        b,
        "source_code",
        "target_code",
    )
    events = [e for e in events if e.get("date") and (not year or str(e["date"]).startswith(year))]
    if events:
        best = max(events, key=lambda e: (float(e.get("confidence") or 0), -len(str(e["date"]))))
        conf = RECORD_CONFIDENCE * float(best.get("confidence") or 1.0)
        return RecordAnswer(spoken_date(str(best["date"])), [_evidence(best)], conf)
    rels = _pair_rows(store.relations(Filters(country=a, partner=b)), a, b, "a", "b")
    rels = [r for r in rels if r.get("status") in ("upgraded", "established") and r.get("date")]
    if year:
        rels = [r for r in rels if str(r["date"]).startswith(year)]
    if not rels:
        return None
    best = max(rels, key=lambda r: TIERS[::-1].index(r["level"]) if r["level"] in TIERS else -1)
    return RecordAnswer(spoken_date(str(best["date"])), [_evidence(best)], RECORD_CONFIDENCE * 0.8)


def pair_tier(store: Store, question: str, codes: list[str]) -> RecordAnswer | None:
    if len(codes) != 2 or not _TIER_WHICH.search(question):
        return None
    a, b = codes
    rels = _pair_rows(store.relations(Filters(country=a, partner=b)), a, b, "a", "b")
    rels = [r for r in rels if r.get("level") in TIERS and r["level"] != "diplomatic relations"]
    # a question about one year is answered from that year's records, or by the sentences
    rels = _in_year(rels, _year(question))
    if not rels:
        return None
    # the highest tier the pair is said to hold; later dates break ties
    best = max(rels, key=lambda r: (-TIERS.index(r["level"]), str(r.get("date") or "")))
    # every sentence that states it supports the answer: those nearest the question first
    same = _by_overlap(question, [r for r in rels if r["level"] == best["level"]])[:3]
    return RecordAnswer(
        tier_surface(same[0]), [_evidence(r) for r in same], RECORD_CONFIDENCE * 0.9
    )


# the words that make a tier a named framework: "all-weather comprehensive strategic
# partnership for the new era", "special strategic and global partnership", "Strategic
# Partnership of Cooperation Featuring Ever-lasting Friendship"
_FW_BEFORE = re.compile(
    r"(?:\b(?:all-weather|special|enhanced|strengthened|global|all-round|privileged|extensive)"
    r"\s+)+$",
    re.I,
)
_FW_AFTER = re.compile(
    r"\s+for\s+(?:the\s+)?new\s+era\b|\s+of\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,5}"
)


def tier_surface(rel: dict[str, Any]) -> str:
    """The tier as the sentence words it ("strategic partners", "all-weather comprehensive
    strategic partnership for the new era"), else the normalised level."""
    words = str(rel["level"]).split()
    last = words[-1].removesuffix("ship").removesuffix("s")
    inner = r"(?:\s+(?:cooperative|and\s+global|global|and\s+comprehensive))?"
    stem = r"\s+".join(words[:-1]) + inner + rf"\s+{last}" if len(words) > 1 else last
    sentence = str(rel.get("sentence") or "")
    m = re.search(rf"\b{stem}\w*", sentence, re.I)
    if m is None:
        return str(rel["level"])
    before = _FW_BEFORE.search(sentence[: m.start()])
    after = _FW_AFTER.match(sentence, m.end())
    start = before.start() if before else m.start()
    end = after.end() if after else m.end()
    return sentence[start:end]


def tier_partners(store: Store, question: str, codes: list[str]) -> RecordAnswer | None:
    tier = _tier_in(question)
    if len(codes) != 1 or tier is None or not _PARTNER_LIST.search(question):
        return None
    home = codes[0]
    seen: dict[str, dict[str, Any]] = {}
    for r in store.relations(Filters(country=home)):
        if r.get("level") != tier or home not in (r.get("a"), r.get("b")):
            continue
        other = r["b"] if r["a"] == home else r["a"]
        seen.setdefault(other, r)
    if len(seen) < 2:
        return None  # one record is no list: let the sentences answer
    names = [display(c) for c in seen]
    return RecordAnswer(
        ", ".join(names), [_evidence(r) for r in seen.values()], RECORD_CONFIDENCE * 0.8
    )


# aggregates over the store: the question's noun → event type
_AGG_NOUNS = (
    (r"visits?|trips?|tours?", "VISIT"),
    (r"(?:phone\s+)?calls?|phone\s+talks", "CALL"),
    (r"agreements?|deals?|memorand\w*|mous?", "AGREE_SIGN"),
    (r"meetings?|talks", "MEET"),
    (r"upgrades?", "PARTNERSHIP_UPGRADE"),
    (r"protests?|condemnations?", "PROTEST_ACCUSE"),
    (r"sanctions?", "SANCTION"),
    (r"evacuations?|airlifts?", "EVACUATE"),
)
_HOW_MANY = re.compile(r"\bhow\s+many\s+(?:[\w-]+\s+){0,2}?(?P<noun>[\w-]+(?:\s+\w+)?)\b", re.I)
# a question about one article's own figure ("according to VNA") is for the sentences
_ONE_SOURCE = re.compile(r"\baccording\s+to\b|\breport\w*\b|\bsaid\b|\bsays\b|\bper\s+the\b", re.I)
_RECEIVED = re.compile(r"\breceiv\w*|\bhost\w*|\bvisits?\s+to\b|\bwelcom\w*", re.I)
_UPGRADED_WITH = re.compile(
    r"\b(?:which|what)\s+(?:partners|countries|states|nations)\b.*\b(?:upgrad|elevat|rais|lift)\w*",
    re.I,
)


def _canonical_in(store: Store, code: str, etype: str, year: str) -> list[Any]:
    from diplograph.query.canonical import cluster_events

    rows = store.events(Filters(country=code, type=etype, since=year, until=year))
    return [c for c in cluster_events(rows) if c.status == "happened"]


def aggregate_count(store: Store, question: str, codes: list[str]) -> RecordAnswer | None:
    """ "How many visits abroad did Vietnam make in 2023?": canonical events, all cited."""
    m = _HOW_MANY.search(question)
    year = _year(question)
    if not m or len(codes) != 1 or not year or _ONE_SOURCE.search(question):
        return None
    noun = m.group("noun").lower()
    etype = next((t for pat, t in _AGG_NOUNS if re.match(rf"(?:{pat})\b", noun)), None)
    if etype is None:
        return None
    code = codes[0]
    events = _canonical_in(store, code, etype, year)
    if etype == "VISIT":
        inbound = bool(_RECEIVED.search(question))
        events = [c for c in events if (c.target if inbound else c.source) == code]
    if not events:
        return None
    evidence = [_evidence(c.sources[0]) for c in events]
    word = noun if len(events) != 1 else re.sub(r"s$", "", noun.split()[0])
    # a count of what the store holds: not calibrated on questions about one article
    return RecordAnswer(f"{len(events)} {word}", evidence, 0.6, calibrate=False)


def upgraded_partners(store: Store, question: str, codes: list[str]) -> RecordAnswer | None:
    """ "Which partners did Vietnam upgrade ties with in 2024?": every canonical upgrade, cited."""
    year = _year(question)
    if len(codes) != 1 or not year or not _UPGRADED_WITH.search(question):
        return None
    code = codes[0]
    events = [c for c in _canonical_in(store, code, "PARTNERSHIP_UPGRADE", year) if c.partner(code)]
    partners = {str(c.partner(code)): c for c in events}
    if not partners:
        return None
    names = [display(p) for p in partners]
    evidence = [_evidence(c.sources[0]) for c in partners.values()]
    return RecordAnswer(", ".join(names), evidence, 0.6, calibrate=False)


# the question kinds (``ask.classify``) a record can answer; a yes/no or either/or question,
# or a "what did they agree when they upgraded" question, is for the sentences
_RECORD_KINDS = {
    tier_date: ("when",),
    upgrade_date: ("when",),
    pair_tier: ("tier", "which"),
}


def answer_from_records(
    store: Store, question: str, codes: list[str], kind: str | None = None
) -> RecordAnswer | None:
    """The first record answer that applies to a question of ``kind``, or None."""
    if kind in ("yes_no", "choice"):
        return None
    for fn in (
        tier_date,
        upgrade_date,
        pair_tier,
        tier_partners,
        aggregate_count,
        upgraded_partners,
    ):
        kinds = _RECORD_KINDS.get(fn)
        if kind is not None and kinds is not None and kind not in kinds:
            continue
        got = fn(store, question, codes)
        if got is not None:
            return got
    return None
