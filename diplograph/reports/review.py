"""Review data for one country and period; every number carries the evidence it was counted from.

Counts come from canonical events (:mod:`diplograph.query.canonical`), so a visit reported by
three articles counts once and cites all three; tier upgrades come from merged tier changes
(:mod:`diplograph.query.tiers`). Every headline count is the length of the list its section
renders, so the two cannot disagree. Where a source states an aggregate for the same country
and period ("22 overseas visits"), it is shown beside our count. The same counts for the
period of the same length just before are kept for comparison.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from diplograph.analysis.trends import Coverage, data_coverage
from diplograph.query.canonical import CanonicalEvent, cluster_events, evidence_of
from diplograph.query.tiers import UPGRADE, TierChange, merge_tier_changes
from diplograph.reports.period import Period, parse_period, previous_period
from diplograph.store import Filters, Store

Row = dict[str, Any]
MIN_DOCUMENTS = 3  # fewer sources than this for a period: the review says it is thin

Rule = Callable[[CanonicalEvent, str], bool]
HEADLINES: list[tuple[str, str, Rule, tuple[str, ...]]] = [
    (
        "visits_abroad",
        "Visits abroad",
        lambda e, c: e.type == "VISIT" and e.source == c,
        ("visits_abroad", "overseas_visits"),
    ),
    (
        "visits_received",
        "Visits received",
        lambda e, c: e.type == "VISIT" and e.target == c,
        ("visits_received", "incoming_visits"),
    ),
    ("calls", "Phone and video calls", lambda e, c: e.type == "CALL", ("phone_calls",)),
    ("meetings", "Talks and meetings", lambda e, c: e.type == "MEET", ()),
    (
        "agreements",
        "Agreements signed",
        lambda e, c: e.type == "AGREE_SIGN",
        ("agreements_signed",),
    ),
    ("upgrades", "Tier upgrades", lambda e, c: e.type == UPGRADE, ()),
    (
        "elections",
        "Elections to bodies",
        lambda e, c: e.type == "ELECTED" and e.source == c,
        (),
    ),
    (
        "evacuations",
        "Evacuations of citizens",
        lambda e, c: e.type == "EVACUATE" and e.source == c,
        (),
    ),
    ("aid_given", "Aid given", lambda e, c: e.type == "AID" and e.source == c, ()),
    ("aid_received", "Aid received", lambda e, c: e.type == "AID" and e.target == c, ()),
]
VISIT_KEYS = ("visits_abroad", "visits_received")
# The visitor's role (the event's source person) gives a visit its level.
LEVELS: dict[str, str] = {
    **dict.fromkeys(
        ("president", "prime_minister", "general_secretary", "king", "queen", "emperor",
         "chancellor", "premier", "supreme_leader", "state_counsellor", "chairman"),
        "Head of state or government",
    ),
    **dict.fromkeys(
        ("foreign_minister", "deputy_prime_minister", "minister", "secretary_of_state"),
        "Minister",
    ),
    **dict.fromkeys(
        ("vice_president", "parliament_chair", "crown_prince"), "Other senior leader"
    ),
}  # fmt: skip
LEVEL_ORDER = ("Head of state or government", "Minister", "Other senior leader")
CITIZENS = "citizens_repatriated"
WHY_DIFFERENT = (
    "a stated total covers every trip or call, including those no stored article reports, and "
    "may count levels (party, state, government, parliament) differently; our count is only "
    "what the stored articles describe one by one"
)


@dataclass
class Headline:
    """One headline number: ``count`` is always the length of ``events``, the list shown."""

    key: str
    label: str
    events: list[CanonicalEvent] = field(default_factory=list)
    stated: list[Row] = field(default_factory=list)  # aggregate figures from sources
    levels: dict[str, list[CanonicalEvent]] = field(default_factory=dict)  # visits by level

    @property
    def count(self) -> int:
        return len(self.events)

    @property
    def citations(self) -> list[dict[str, Any]]:
        return [evidence_of(s) for e in self.events for s in e.sources]


@dataclass
class Review:
    """Everything a rendered review shows, with evidence for each number."""

    country: str
    period: Period
    headlines: list[Headline]
    partners: dict[str, list[CanonicalEvent]]
    multilateral: list[CanonicalEvent]
    tiers: list[TierChange]
    documents: list[Row]
    sparse: bool
    regions: dict[str, list[str]] = field(default_factory=dict)  # region → partner codes
    citizens: list[Row] = field(default_factory=list)  # citizens_repatriated figures
    previous: Review | None = None  # the period of the same length just before, same counts
    coverage: Coverage | None = None  # months with stored documents: gaps and partial periods

    def headline(self, key: str) -> Headline:
        return next(h for h in self.headlines if h.key == key)

    @property
    def note(self) -> str:
        if not self.sparse:
            return ""
        return (
            f"The store holds too little for {self.country} in {self.period.label} "
            f"({len(self.documents)} source document(s)); numbers below are a floor, not a "
            "total. Ingest more articles for this period."
        )


@cache
def country_regions() -> dict[str, str]:
    """ISO3 → region, from the bundled ``data/regions.csv``."""
    path = resources.files("diplograph") / "data" / "regions.csv"
    with path.open(encoding="utf-8") as fh:
        return {r["code"]: r["region"] for r in csv.DictReader(fh)}


def region_of(code: str) -> str:
    """The region of a country code; "Other" for codes the table does not list."""
    return country_regions().get(code.upper(), "Other")


def visit_level(event: CanonicalEvent) -> str | None:
    """The level of a visit from the visitor's role in any of its reports; None if unknown."""
    for r in event.sources:
        level = LEVELS.get(r.get("source_role") or "")
        if level:
            return level
    return None


def group_by_level(events: list[CanonicalEvent]) -> dict[str, list[CanonicalEvent]]:
    """Visits whose level is known, grouped in :data:`LEVEL_ORDER`."""
    out: dict[str, list[CanonicalEvent]] = {}
    for e in events:
        level = visit_level(e)
        if level:
            out.setdefault(level, []).append(e)
    return {k: out[k] for k in LEVEL_ORDER if k in out}


def _is_org(code: str | None) -> bool:
    """Organisations (WHO, ASEAN, UN …) are not countries: their events are multilateral."""
    return bool(code) and (code or "") not in country_regions()


def _tier_relations(store: Store, code: str, p: Period, events: list[CanonicalEvent]) -> list[Row]:
    """Tier records of the period, and undated ones from the documents of upgrade events
    (they may join those events, see :func:`~diplograph.query.tiers.merge_tier_changes`)."""
    rows = [
        r
        for r in store.relations(Filters(country=code, since=p.since, until=p.until))
        if p.contains(r.get("date"))
    ]
    for doc in sorted({d for e in events if e.type == UPGRADE for d in e.docs}):
        rows += [r for r in store.relations(Filters(country=code, doc=doc)) if not r.get("date")]
    return rows


def build_review(
    store: Store,
    country: str,
    period: str | Period,
    compare: bool = True,
    coverage: Coverage | None = None,
) -> Review:
    """Count, group and cite the records of ``country`` in ``period``; with ``compare``, the
    same for the period of the same length just before (``Review.previous``). ``coverage``
    (read from the store when not given) is what the stored documents cover, for charts."""
    p = period if isinstance(period, Period) else parse_period(period)
    cov = coverage if coverage is not None else data_coverage(store, ("extracted",))
    code = country.upper()
    rows = [
        r
        for r in store.events(Filters(country=code, since=p.since, until=p.until))
        if (r.get("status") or "happened") == "happened" and p.contains(r.get("date"))
    ]
    clustered = cluster_events(rows)
    tiers = merge_tier_changes(clustered, _tier_relations(store, code, p, clustered), p)
    # Upgrades are counted and listed as merged tier changes, everything else as clustered.
    events = [e for e in clustered if e.type != UPGRADE]
    events += [t.event for t in tiers if t.status == "upgraded"]
    events.sort(key=lambda e: (e.date or "", e.type, e.source or "", e.target or ""))
    figures = [
        f
        for f in store.figures(Filters(country=code, since=p.since, until=p.until))
        if p.contains(f.get("period"))
    ]
    headlines = []
    for key, label, rule, indicators in HEADLINES:
        chosen = [e for e in events if rule(e, code)]
        stated = [f for f in figures if f["indicator"] in indicators]
        levels = group_by_level(chosen) if key in VISIT_KEYS else {}
        headlines.append(Headline(key, label, chosen, stated, levels))
    partners: dict[str, list[CanonicalEvent]] = {}
    multilateral: list[CanonicalEvent] = []
    for e in events:
        other = e.partner(code)
        if other is None or _is_org(other) or e.type in ("CONFERENCE", "ELECTED"):
            multilateral.append(e)
        else:
            partners.setdefault(other, []).append(e)
    citizens = [f for f in figures if f["indicator"] == CITIZENS and f.get("subject") == code]
    ordered = dict(sorted(partners.items(), key=lambda kv: (-len(kv[1]), kv[0])))
    regions: dict[str, list[str]] = {}
    for other in ordered:
        regions.setdefault(region_of(other), []).append(other)
    docs = {str(s["doc_id"]) for e in events for s in e.sources}
    docs |= {str(x["doc_id"]) for x in figures + [r for t in tiers for r in t.rows]}
    documents = [store.get_document(d) or {"id": d} for d in sorted(docs)]
    return Review(
        country=code,
        period=p,
        headlines=headlines,
        partners=ordered,
        multilateral=multilateral,
        tiers=tiers,
        documents=documents,
        sparse=len(documents) < MIN_DOCUMENTS,
        regions=dict(
            sorted(
                regions.items(),
                key=lambda kv: (kv[0] == "Other", -sum(len(ordered[c]) for c in kv[1]), kv[0]),
            )
        ),
        citizens=citizens,
        previous=build_review(store, code, previous_period(p), False, cov) if compare else None,
        coverage=cov,
    )
