"""Disagreements between sources, each with both evidence sentences.

- **figure**: the same indicator, subject and period with values that cannot both be true.
  A qualifier makes a value a range ("over 700" ≥ 700, "nearly 700" ≤ 700, "about 700" ±10%);
  exact values may differ by ``VALUE_TOLERANCE`` (0.5%).
- **event_date** / **event_place**: one canonical event reported with different day dates or
  different places.
- **tier**: one pair given different partnership tiers at the same time (both as the tier set
  then, neither the other's previous tier).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from diplograph.query.canonical import cluster_events, dates_compatible, evidence_of
from diplograph.query.terms import fold
from diplograph.store import Filters, Store

Row = dict[str, Any]
VALUE_TOLERANCE = 0.005
APPROX = 0.10
LOWER = frozenset({"more_than", "over", "at_least", "above", "exceeding"})
UPPER = frozenset({"nearly", "almost", "under", "less_than", "up_to", "below"})
BILATERAL = ("trade", "export", "import", "fdi", "investment", "growth", "value")
AROUND = frozenset({"about", "around", "approximately", "some", "roughly"})


@dataclass
class Conflict:
    """Two records that disagree about one thing."""

    kind: str  # figure | event_date | event_place | tier
    subject: str  # what they disagree about, e.g. "visits_abroad VNM 2023"
    values: tuple[str, str]
    evidence: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "values": list(self.values),
            "evidence": self.evidence,
            "note": self.note,
        }


def value_range(value: float, qualifier: str | None) -> tuple[float, float]:
    """The interval a stated value allows, given its qualifier."""
    q = (qualifier or "").lower().replace(" ", "_")
    if q in LOWER:
        return (value, math.inf)
    if q in UPPER:
        return (value * (1 - APPROX), value)
    if q in AROUND:
        return (value * (1 - APPROX), value * (1 + APPROX))
    return (value, value)


def _label(r: Row) -> str:
    q = (r.get("qualifier") or "").replace("_", " ")
    v = float(r["value"])
    num = f"{v:,.0f}" if v >= 10000 and v.is_integer() else f"{v:g}"
    return f"{q} {num} {r.get('unit') or ''}".strip()


def comparable_indicator(indicator: str, period: str) -> bool:
    """Generic counts ("count", "people_count") say too little to compare; stocks that change
    within a year ("comprehensive_strategic_partners") are compared only at month or day level."""
    if indicator == "count" or indicator.endswith("_count"):
        return False
    stock = any(k in indicator for k in ("partners", "with_diplomatic", "rank"))
    return not stock or len(period) >= 7


def figure_conflicts(
    rows: list[Row], partners: dict[tuple[str, int], frozenset[str]] | None = None
) -> list[Conflict]:
    """Figures of the same indicator, subject, period and unit whose ranges do not overlap.

    ``partners`` maps (doc, sentence index) to the other countries a sentence names; two
    figures whose sentences name different partners ("trade with Laos" and "trade with
    Korea") measure different things and are not compared.
    """
    partners = partners or {}
    groups: dict[tuple[str, str, str, str], list[Row]] = {}
    for r in rows:
        if not (r.get("subject") and r.get("period") and r.get("value") is not None):
            continue
        if comparable_indicator(r["indicator"], r["period"]):
            key = (r["indicator"], r["subject"], r["period"], r.get("unit") or "")
            groups.setdefault(key, []).append(r)
    out = []
    for (ind, subj, period, _), group in groups.items():
        for a, b in combinations(group, 2):
            if a["doc_id"] == b["doc_id"]:
                continue
            pa = partners.get((a["doc_id"], a["sent_idx"]), frozenset()) - {subj}
            pb = partners.get((b["doc_id"], b["sent_idx"]), frozenset()) - {subj}
            if pa != pb:
                continue
            lo_a, hi_a = value_range(float(a["value"]), a.get("qualifier"))
            lo_b, hi_b = value_range(float(b["value"]), b.get("qualifier"))
            slack = VALUE_TOLERANCE * max(abs(float(a["value"])), abs(float(b["value"])))
            if lo_a <= hi_b + slack and lo_b <= hi_a + slack:
                continue
            out.append(
                Conflict(
                    "figure",
                    f"{ind} {subj} {period}",
                    (_label(a), _label(b)),
                    [evidence_of(a), evidence_of(b)],
                    "different values for the same indicator, subject and period",
                )
            )
    return out


def event_conflicts(rows: list[Row]) -> list[Conflict]:
    """Canonical events whose sources give different day dates or different places."""
    out = []
    for ev in cluster_events(rows):
        subject = f"{ev.type} {ev.source or '?'}–{ev.target or '?'} {ev.date or ''}".strip()
        for a, b in combinations(ev.sources, 2):
            da, db = a.get("date") or "", b.get("date") or ""
            if len(da) == 10 and len(db) == 10 and da != db:
                out.append(
                    Conflict(
                        "event_date",
                        subject,
                        (da, db),
                        [evidence_of(a), evidence_of(b)],
                        "the same event is dated differently",
                    )
                )
            la, lb = a.get("location"), b.get("location")
            if la and lb and fold(la) != fold(lb):
                out.append(
                    Conflict(
                        "event_place",
                        subject,
                        (la, lb),
                        [evidence_of(a), evidence_of(b)],
                        "the same event is placed differently",
                    )
                )
    return out


def _is_tier(level: str) -> bool:
    return "partnership" in level or "special relationship" in level


def tier_conflicts(rows: list[Row]) -> list[Conflict]:
    """Different tiers set for the same pair at the same (compatible) date."""
    set_rows = [
        r
        for r in rows
        if r.get("date") and r.get("status") in ("upgraded", "established") and _is_tier(r["level"])
    ]
    by_pair: dict[frozenset[str], list[Row]] = {}
    for r in set_rows:  # only rows of the same pair can disagree: pairs, not all rows (#19)
        by_pair.setdefault(frozenset((r["a"], r["b"])), []).append(r)
    out = []
    for a, b in (ab for group in by_pair.values() for ab in combinations(group, 2)):
        if a["level"] == b["level"]:
            continue
        if a["doc_id"] == b["doc_id"] or not dates_compatible(a["date"], b["date"], 0):
            continue
        if b["level"] == a.get("previous") or a["level"] == b.get("previous"):
            continue
        out.append(
            Conflict(
                "tier",
                f"{a['a']}–{a['b']} {min(a['date'], b['date'], key=len)}",
                (a["level"], b["level"]),
                [evidence_of(a), evidence_of(b)],
                "different tiers for the same pair at the same time",
            )
        )
    return out


def find_conflicts(store: Store, filters: Filters | None = None) -> list[Conflict]:
    """Every disagreement among the records ``filters`` selects (all records by default)."""
    f = filters or Filters()
    figures = store.figures(f)
    partners: dict[tuple[str, int], set[str]] = {}
    by_doc: dict[str, list[Row]] = {}
    for r in figures:  # grouped once: a scan of all figures per document was quadratic (#19)
        by_doc.setdefault(r["doc_id"], []).append(r)
    for doc, doc_figures in by_doc.items():
        counts: Counter[str] = Counter()
        for m in store.mentions(doc):
            if m["label"] in ("COUNTRY", "DEMONYM", "CAPITAL"):
                partners.setdefault((doc, m["sent_idx"]), set()).add(m["code"])
                counts[m["code"]] += 1
        focus = [c for c, _ in counts.most_common(2)]  # the pair a bilateral article is about
        for r in doc_figures:
            own = partners.get((doc, r["sent_idx"]), set()) - {r["subject"]}
            if not own and any(k in r["indicator"] for k in BILATERAL):
                partners[(doc, r["sent_idx"])] = set(focus)
    frozen = {k: frozenset(v) for k, v in partners.items()}
    return (
        figure_conflicts(figures, frozen)
        + event_conflicts(store.events(f))
        + tier_conflicts(store.relations(f))
    )
