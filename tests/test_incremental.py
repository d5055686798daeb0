"""Incremental conflicts and trends (#19): after an ingest that only added documents, the
update of a cached result equals a computation from scratch, order included; after a
deletion or a re-extraction it computes from scratch (and still equals it)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import syntheticdocs
from fastapi.testclient import TestClient
from historydata import rows as imported_rows
from syntheticdocs import (
    CODES,
    LEVELS,
    PLACES,
    TYPES,
    SyntheticDoc,
    evidence_at,
    pack,
    sentences_of,
)

from diplograph.analysis import trends
from diplograph.models import (
    Actor,
    Event,
    Evidence,
    Extraction,
    Figure,
    Mention,
    Relation,
)
from diplograph.query import conflicts, history
from diplograph.query.conflicts import ConflictList, find_conflicts, update_conflicts
from diplograph.query.history import series_query, trend_points, update_trend_points
from diplograph.server import create_app
from diplograph.settings import Settings
from diplograph.store import Filters, Store

QUERIES = [
    series_query("VNM"),
    series_query("VNM", "CHN", by="quarter"),
    series_query("CHN", by="year", sources="extracted"),
]
FILTERS = [Filters(), Filters(country="VNM"), Filters(since="2023-03", until="2024")]


def make_doc(i: int, rnd: random.Random) -> SyntheticDoc:
    """A small article whose records overlap with others': same pairs, nearby dates, close
    figures, tier upgrades (dated or not), country mentions for the partner rule."""
    a, b = rnd.sample(CODES[:3], 2) if rnd.random() < 0.7 else rnd.sample(CODES, 2)
    date = f"{rnd.choice([2023, 2024])}-{rnd.randint(1, 3):02d}-{rnd.randint(1, 6):02d}"
    if rnd.random() < 0.2:
        date = date[:7]
    lines = [
        f"Leaders of {a} met {b} on {date} in {rnd.choice(PLACES)}.",
        f"Trade between {a} and {b} reached USD {rnd.choice([100, 101, 120, 150])} million.",
        f"{a} and {b} upgraded ties to a {rnd.choice(LEVELS)}.",
        f"{a} sent {rnd.choice([20, 25, 40])} delegations abroad.",
    ]
    sents = sentences_of(lines)
    doc_id = f"doc-{i:04d}"

    def ev(k: int) -> Evidence:
        return evidence_at(doc_id, sents, k)

    events = [
        Event(type=t, evidence=ev(0), source=Actor(a, a), target=Actor(b, b), date=date,
              location=rnd.choice(PLACES), trigger="met", date_basis="stated")
        for t in rnd.sample(TYPES, 2)
    ]  # fmt: skip
    qualifier = rnd.choice([None, None, "about", "over"])
    figures = [
        Figure("trade_value", rnd.choice([100, 101, 120, 150]) * 1e6, "USD", ev(1),
               qualifier=qualifier, period="2023", subject=a),
        Figure("delegations_abroad", float(rnd.choice([20, 25, 40])), "count", ev(3),
               period="2023", subject=a),
    ]  # fmt: skip
    rel_date = rnd.choice([date, None])
    relations = [Relation(a, b, rnd.choice(LEVELS), ev(2), date=rel_date, status="upgraded")]
    mentions = [
        Mention(k, 0, 3, c, "COUNTRY", Actor(c, c))
        for k in range(len(lines))
        for c in (a, b)
        if rnd.random() < 0.5
    ]
    return pack(doc_id, lines, sents, f"{a}-{b}", date, mentions=mentions, events=events,
                figures=figures, relations=relations)  # fmt: skip


def add_docs(store: Store, ids: range, seed: int) -> None:
    syntheticdocs.add_docs(store, ids, seed, make_doc)


def dump(found: ConflictList) -> list[dict[str, Any]]:
    return [c.to_dict() for c in found]


def test_incremental_after_appends_equals_full(store: Store, monkeypatch) -> None:
    add_docs(store, range(0, 120, 2), seed=1)  # even ids first, odd ones between them next
    before = {f: find_conflicts(store, f) for f in FILTERS}
    points = {q: trend_points(store, q) for q in QUERIES}
    add_docs(store, range(1, 120, 4), seed=2)
    store.add_imported_events(imported_rows({"2023-02": 3, "2024-01": 2}, "VNM", "CHN"))
    full_f = {f: find_conflicts(store, f) for f in FILTERS}
    full_t = {q: trend_points(store, q) for q in QUERIES}
    with monkeypatch.context() as m:
        m.setattr(conflicts, "find_conflicts", _fail)
        m.setattr(trends, "series_state", _fail)
        updated_f = {f: update_conflicts(store, before[f], f) for f in FILTERS}
        updated_t = {q: update_trend_points(store, points[q], q) for q in QUERIES}
    kinds = {c.kind for c in full_f[Filters()]}
    assert {"figure", "event_date", "event_place", "tier_double_count"} <= kinds
    for f in FILTERS:
        assert len(updated_f[f]) > len(before[f]) or f.country
        assert dump(updated_f[f]) == dump(full_f[f])
    for q in QUERIES:
        assert updated_t[q] == full_t[q] and updated_t[q] != points[q]
    again = update_conflicts(store, updated_f[Filters()])  # nothing new: the same result
    assert again is updated_f[Filters()]


def _fail(*args: Any) -> Any:
    raise AssertionError("computed from scratch")


def test_incremental_falls_back_after_reextract_or_update(store: Store, monkeypatch) -> None:
    add_docs(store, range(60), seed=3)
    found = find_conflicts(store)
    points = trend_points(store, QUERIES[0])
    calls: list[str] = []
    real_find, real_series = conflicts.find_conflicts, trends.series_state

    def spy_find(*args: Any) -> Any:
        calls.append("conflicts")
        return real_find(*args)

    def spy_series(*args: Any) -> Any:
        calls.append("trends")
        return real_series(*args)

    monkeypatch.setattr(conflicts, "find_conflicts", spy_find)
    monkeypatch.setattr(trends, "series_state", spy_series)
    _, _, x = make_doc(100, random.Random(9))  # re-extraction: other records for doc-0003
    store.replace_extraction(Extraction("doc-0003", "test", "VNM", events=[
        Event(type=e.type, evidence=Evidence("doc-0003", 0, 0, 5, "Leaders met"),
              source=e.source, target=e.target, date="2024-02-02", date_basis="stated")
        for e in x.events
    ]))  # fmt: skip
    redone = update_conflicts(store, found)
    assert dump(redone) == dump(real_find(store))
    assert update_trend_points(store, points, QUERIES[0]) == trend_points(store, QUERIES[0])
    assert calls == ["conflicts", "trends"]
    doc, _, x = make_doc(5, random.Random(4))  # an updated document: its records replaced
    store.save_document(doc, "another hash", x, None)
    assert dump(update_conflicts(store, redone)) == dump(real_find(store))
    assert calls == ["conflicts", "trends", "conflicts"]


def test_store_mark_sees_appends_and_destructive_changes(store: Store) -> None:
    from diplograph.store.marks import appended_since

    add_docs(store, range(10), seed=5)
    mark = store.data_mark()
    assert mark.last_id("events") > 0 and appended_since(store, mark) == mark
    add_docs(store, range(10, 12), seed=6)
    now = appended_since(store, mark)
    assert now is not None and now.last_id("events") > mark.last_id("events")
    assert len(store.events(Filters(after_id=mark.last_id("events")))) == 4
    store.replace_extraction(Extraction("doc-0001", "test", "VNM"))
    assert appended_since(store, mark) is None and store.data_mark().changes > mark.changes


def test_api_updates_cached_conflicts_and_trends(store: Store, tmp_path: Path) -> None:
    add_docs(store, range(0, 40, 2), seed=7)
    with TestClient(create_app(Settings(db=store.url))) as client:
        first = client.get("/api/conflicts?limit=500").json()
        trend = client.get("/api/trends?country=VNM").json()
        add_docs(store, range(1, 40, 2), seed=8)
        second = client.get("/api/conflicts?limit=500").json()
        trend2 = client.get("/api/trends?country=VNM").json()
        cache = client.app.state.result_cache  # type: ignore[attr-defined]
        assert cache.updates == 2
    assert second["count"] > first["count"]
    expected = [c.to_dict() for c in find_conflicts(store)]
    assert [(c["kind"], c["subject"]) for c in second["data"]] == [
        (c["kind"], c["subject"]) for c in expected
    ]
    points = trend_points(store, series_query("VNM"))
    assert trend2["data"] == [p.model_dump() for p in points] != trend["data"]
    assert history.TrendPoints is type(points)


def test_forecast_input_is_the_updated_series(store: Store) -> None:
    """Forecasts fit the series the trends cache updates: after an append it equals the
    series built from scratch (only the model fit runs again)."""
    q = series_query("VNM", "CHN", by="quarter")
    add_docs(store, range(0, 40, 2), seed=11)
    before = trend_points(store, q)
    add_docs(store, range(1, 40, 2), seed=12)
    after = update_trend_points(store, before, q)
    assert after.series is not None and before.series is not None
    assert after.series.rows() == trends.build_series(store, q).rows() != before.series.rows()
