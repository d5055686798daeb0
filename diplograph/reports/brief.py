"""The opening of a review: a summary paragraph and the comparison with the period before.

Both are built from the review's own lists, never from free text: each number in the summary
is the length of a list a section shows (a headline's events, a partner's events) and carries
that list's evidence; each comparison row counts the same list in both periods.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from diplograph.query.canonical import evidence_of
from diplograph.query.names import display
from diplograph.reports.review import Review

# Headline key → (singular, plural) phrase; "{n}" is the count.
PHRASES: dict[str, tuple[str, str]] = {
    "visits_abroad": ("made {n} visit abroad", "made {n} visits abroad"),
    "visits_received": ("received {n} visit", "received {n} visits"),
    "meetings": ("held {n} round of talks or meeting", "held {n} rounds of talks and meetings"),
    "calls": ("held {n} phone or video call", "held {n} phone or video calls"),
    "agreements": ("signed {n} agreement", "signed {n} agreements"),
    "upgrades": ("had {n} partnership upgrade", "had {n} partnership upgrades"),
    "elections": (
        "won {n} election to an international body",
        "won {n} elections to international bodies",
    ),
    "evacuations": ("evacuated citizens on {n} occasion", "evacuated citizens on {n} occasions"),
    "aid_given": ("gave aid on {n} occasion", "gave aid on {n} occasions"),
    "aid_received": ("received aid on {n} occasion", "received aid on {n} occasions"),
}
TOP_PARTNERS = 3  # partners named in the summary (more when tied with the third)
MAX_TOP_PARTNERS = 5


@dataclass
class Part:
    """A piece of the summary: text, and the evidence of the number it states (if any)."""

    text: str
    evidence: list[dict[str, Any]] = field(default_factory=list)
    key: str = ""  # the headline key or "partner:CODE" the number was counted from
    count: int | None = None


def named(code: str) -> str:
    """A code with its name for readers: "Japan (JPN)"; a code without a name stays as is."""
    name = display(code)
    return f"{name} ({code})" if name != code else code


def _join(items: list[list[Part]]) -> list[Part]:
    """``a``, ``a and b``, ``a, b and c``."""
    out: list[Part] = []
    for i, item in enumerate(items):
        if i:
            out.append(Part(" and " if i == len(items) - 1 else ", "))
        out.extend(item)
    return out


def top_partners(review: Review) -> list[str]:
    """The busiest partners: the first :data:`TOP_PARTNERS` and any tied with the last."""
    ranked = list(review.partners)
    if len(ranked) <= TOP_PARTNERS:
        return ranked
    floor = len(review.partners[ranked[TOP_PARTNERS - 1]])
    return [c for c in ranked if len(review.partners[c]) >= floor][:MAX_TOP_PARTNERS]


def summarize(review: Review) -> list[Part]:
    """The summary paragraph as parts: every number is a section's count with its evidence."""
    who = named(review.country)
    items: list[list[Part]] = []
    for key, (one, many) in PHRASES.items():
        h = review.headline(key)
        if not h.count:
            continue
        item = [Part((one if h.count == 1 else many).format(n=h.count), h.citations, key, h.count)]
        if key == "upgrades":
            pairs = sorted({e.partner(review.country) or "" for e in h.events} - {""})
            item += [Part(" (with "), *_join([[Part(named(c))] for c in pairs]), Part(")")]
        items.append(item)
    if not items:
        return [Part(f"For {review.period.label} the stored sources report no events of {who}.")]
    parts = [Part(f"In {review.period.label}, {who} "), *_join(items), Part(".")]
    top = top_partners(review)
    if top:
        listed = []
        for code in top:
            evs = review.partners[code]
            n = len(evs)
            evidence = [evidence_of(s) for e in evs for s in e.sources]
            text = f"{named(code)} with {n} event{'s' if n != 1 else ''}"
            listed.append([Part(text, evidence, f"partner:{code}", n)])
        lead = "Its busiest partner was " if len(top) == 1 else "Its busiest partners were "
        parts += [Part(" " + lead), *_join(listed), Part(".")]
    return parts


@dataclass
class Change:
    """One section's count in this period and in the one before."""

    key: str
    label: str
    now: int
    before: int

    @property
    def delta(self) -> int:
        return self.now - self.before

    @property
    def change(self) -> str:
        """ "+2", "−1" or "no change"."""
        if self.delta > 0:
            return f"+{self.delta}"
        return f"−{-self.delta}" if self.delta < 0 else "no change"


def section_counts(review: Review) -> list[tuple[str, str, int]]:
    """(key, label, count) of every headline, then of the partner, multilateral and tier
    sections: each the length of the list that section shows."""
    return [
        *((h.key, h.label, h.count) for h in review.headlines),
        ("partners", "Partners with bilateral events", len(review.partners)),
        ("multilateral", "Multilateral events", len(review.multilateral)),
        ("tiers", "Tier changes", len(review.tiers)),
    ]


def compare_periods(review: Review) -> list[Change]:
    """Each section's count now and in ``review.previous`` (empty without a previous review)."""
    if review.previous is None:
        return []
    before = {key: n for key, _, n in section_counts(review.previous)}
    return [Change(key, label, n, before[key]) for key, label, n in section_counts(review)]
