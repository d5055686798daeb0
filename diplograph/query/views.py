"""Library functions behind the API and the dashboard: partner profiles, tiers, highlights.

Plain functions over a :class:`~diplograph.store.Store` so tests can call them directly.
"""

from __future__ import annotations

import csv
from collections import Counter
from functools import cache
from importlib import resources

from diplograph import vocabulary
from diplograph.query.identifiers import wikidata_id
from diplograph.query.schemas import (
    DocumentDetail,
    EventPublic,
    FigurePublic,
    PartnerProfile,
    PartnerSummary,
    RelationPublic,
    SentencePublic,
    TierStep,
    YearTypeCount,
)
from diplograph.store import Filters, Store

TIERS = list(vocabulary.TIERS)  # highest first


def tier_rank(level: str | None) -> int:
    """0 for the highest tier; unknown levels rank last."""
    return TIERS.index(level) if level in TIERS else len(TIERS)


def _gazetteer(name: str) -> list[dict[str, str]]:
    path = resources.files("diplograph") / "data" / "gazetteer" / name
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def actor_names() -> dict[str, str]:
    """Code → display name for countries and organisations in the bundled gazetteers."""
    names = {r["code"]: r["name"] for r in _gazetteer("organizations.csv")}
    names.update({r["code"]: r["name"] for r in _gazetteer("countries.csv")})
    return names


def actor_name(code: str) -> str:
    return actor_names().get(code.upper(), code.upper())


@cache
def reference_partnerships() -> tuple[dict[str, str], ...]:
    """The bundled reference table of tiers (``data/gazetteer/partnerships.csv``)."""
    return tuple(_gazetteer("partnerships.csv"))


def _other(a: str, b: str, home: str) -> str | None:
    if a == home:
        return b
    if b == home:
        return a
    return None


def tier_timeline(store: Store, home: str, code: str) -> list[TierStep]:
    """Tier steps of the pair, oldest first: the reference table plus tiers found in text."""
    home, code = home.upper(), code.upper()
    steps: list[TierStep] = []
    for r in reference_partnerships():
        if _other(r["a"], r["b"], home) == code:
            steps.append(
                TierStep(
                    level=r["level"], date=r["since"] or None, source="reference",
                    note=(r.get("source") or "").split(" | ")[0] or None,
                )
            )  # fmt: skip
    for r in store.relation_pairs(Filters(country=home, partner=code)):
        steps.append(
            TierStep(
                level=r["level"], date=r["date"], source="extracted", doc_id=r["doc_id"],
                note=f"{r['mentions']} mention(s) in documents",
            )
        )  # fmt: skip
    return sorted(steps, key=lambda s: (s.date or "9999", -tier_rank(s.level), s.source))


def current_tier(steps: list[TierStep]) -> TierStep | None:
    """The highest tier reached (tiers are upgraded, rarely lowered); earliest date for it."""
    if not steps:
        return None
    best = min(tier_rank(s.level) for s in steps)
    return min((s for s in steps if tier_rank(s.level) == best), key=lambda s: s.date or "9999")


def partners_by_tier(store: Store, home: str) -> dict[str, list[PartnerSummary]]:
    """Every partner of ``home`` grouped under its current tier, highest tier first."""
    home = home.upper()
    steps: dict[str, list[TierStep]] = {}
    for r in reference_partnerships():
        other = _other(r["a"], r["b"], home)
        if other:
            steps.setdefault(other, []).append(
                TierStep(level=r["level"], date=r["since"] or None, source="reference")
            )
    for r in store.relation_pairs(Filters(country=home)):
        other = _other(r["a"], r["b"], home)
        if other:
            steps.setdefault(other, []).append(
                TierStep(level=r["level"], date=r["date"], source="extracted")
            )
    grouped: dict[str, list[PartnerSummary]] = {}
    for code, its in steps.items():
        top = current_tier(its)
        if top is None or top.level not in TIERS:
            continue
        grouped.setdefault(top.level, []).append(
            PartnerSummary(
                code=code,
                name=actor_name(code),
                tier=top.level,
                since=top.date,
                wikidata=wikidata_id(code),
            )  # fmt: skip
        )
    return {
        level: sorted(grouped[level], key=lambda p: (p.since or "9999", p.name))
        for level in TIERS
        if level in grouped
    }


def partner_profile(
    store: Store, home: str, code: str, latest: int = 10, figures: int = 20
) -> PartnerProfile:
    """Tier timeline, event counts by type and year, latest events and figures of a pair."""
    home, code = home.upper(), code.upper()
    timeline = tier_timeline(store, home, code)
    pair = Filters(country=home, partner=code) if code != home else Filters(country=home)
    hist = store.event_histogram(pair, "year")
    by_type: Counter[str] = Counter()
    by_year: Counter[str] = Counter()
    for r in hist:
        by_type[r["type"]] += r["count"]
        by_year[r["period"]] += r["count"]
    events = store.events(Filters(pair.country, pair.partner, limit=latest, newest_first=True))
    figs = store.figures(Filters(country=code, limit=figures, newest_first=True))
    top = current_tier(timeline)
    return PartnerProfile(
        code=code,
        name=actor_name(code),
        home=home,
        wikidata=wikidata_id(code),
        tier=top.level if top else None,
        timeline=timeline,
        event_counts=[
            YearTypeCount(year=r["period"], type=r["type"], count=r["count"]) for r in hist
        ],
        events_by_type=dict(by_type.most_common()),
        events_by_year=dict(sorted(by_year.items())),
        latest_events=[EventPublic.from_row(r) for r in events],
        figures=[FigurePublic.from_row(r) for r in figs],
    )


def snippet_spans(text: str, snippet: str) -> list[tuple[int, int]]:
    """Character spans of ``text`` that the store's ``snippet`` marks with ``[`` and ``]``.

    The snippet is ``text`` with markers inserted; aligning the two recovers the spans, so
    callers highlight by offsets instead of trusting markup (brackets in the text are kept).
    """
    spans: list[tuple[int, int]] = []
    i = 0
    start: int | None = None
    for ch in snippet:
        if i < len(text) and ch == text[i]:
            i += 1
        elif ch == "[" and start is None:
            start = i
        elif ch == "]" and start is not None:
            if i > start:
                spans.append((start, i))
            start = None
    return spans


def segments(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Split ``text`` into (piece, highlighted) for escaped rendering of highlights."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in sorted(spans):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def find_spans(text: str, needles: list[str | None]) -> list[tuple[int, int]]:
    """Spans of the first occurrence of each needle in ``text`` (case-insensitive)."""
    low = text.lower()
    spans = []
    for n in needles:
        if n:
            at = low.find(n.lower())
            if at >= 0:
                spans.append((at, at + len(n)))
    return spans


def document_detail(store: Store, doc_id: str) -> DocumentDetail | None:
    """A document with its sentences, events, figures and relations (None if unknown)."""
    row = store.get_document(doc_id)
    if row is None:
        return None
    f = Filters(doc=doc_id)
    return DocumentDetail(
        id=row["id"],
        title=row["title"],
        url=row["url"],
        published=row["published"],
        outlet=row["outlet"],
        lang=row["lang"],
        version=row["version"],
        text=row["text"],
        sentences=[SentencePublic(**s) for s in store.sentences(doc_id)],
        events=[EventPublic.from_row(r) for r in store.events(f) if r["doc_id"] == doc_id],
        figures=[FigurePublic.from_row(r) for r in store.figures(f) if r["doc_id"] == doc_id],
        relations=[RelationPublic.from_row(r) for r in store.relations(f) if r["doc_id"] == doc_id],
    )
