"""Issue 19: a country's conflicts derived from the cached conflicts of every country equal a
computation from scratch; the server warms those at start; results weigh by size; a cached
result waits its turn behind the queued list requests; a late cancel hits no other task."""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections import OrderedDict
from collections.abc import Coroutine
from dataclasses import replace
from pathlib import Path
from typing import Any

import anyio
import numpy as np
import pytest
import syntheticdocs
from fastapi.testclient import TestClient
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

from diplograph.budget import check_budget
from diplograph.models import (
    Actor,
    Event,
    Evidence,
    Figure,
    Mention,
    Relation,
)
from diplograph.query import conflicts
from diplograph.query.canonical import stats_with_canonical
from diplograph.query.conflicts import (
    ConflictList,
    country_base,
    derive_conflicts,
    find_conflicts,
    update_conflicts,
)
from diplograph.server import create_app
from diplograph.server.cache import ResultCache, weight
from diplograph.server.compute import ComputePool
from diplograph.server.deps import StorePool
from diplograph.settings import Settings
from diplograph.store import Filters, SQLiteStore, Store

BASES = [
    Filters(),
    Filters(since="2023-03"),
    Filters(until="2023-12"),
    Filters(since="2023", until="2024-02"),
]


def make_doc(i: int, rnd: random.Random) -> SyntheticDoc:
    """An article whose records overlap with others' (pairs, dates, figures, tiers), with
    undated and one-sided events, and a sentence holding a bilateral figure of one country
    beside another country's figure: whether that sentence names a country decides the
    second figure's partners, and so whether a country's figures compare as they did among
    every country's."""
    a, b = rnd.sample(CODES[:3], 2) if rnd.random() < 0.7 else rnd.sample(CODES, 2)
    day = f"{rnd.choice([2023, 2024])}-{rnd.randint(1, 4):02d}-{rnd.randint(1, 6):02d}"
    date = rnd.choice([day] * 8 + [day[:7], None])  # some only by month, some undated
    lines = [
        f"Leaders of {a} met {b} on {date or 'Monday'} in {rnd.choice(PLACES)}.",
        f"Trade between {a} and {b} reached USD {rnd.choice([100, 101, 120, 150])} million, "
        f"and {b} made {rnd.choice([12, 15, 30])} visits abroad.",
        f"{a} and {b} upgraded ties to a {rnd.choice(LEVELS)}.",
        f"{a} sent {rnd.choice([20, 25, 40])} delegations abroad.",
    ]
    sents = sentences_of(lines)
    doc_id = f"doc-{i:04d}"

    def ev(k: int) -> Evidence:
        return evidence_at(doc_id, sents, k)

    events = [
        Event(type=t, evidence=ev(0), source=Actor(a, a),
              target=Actor(b, b) if rnd.random() < 0.9 else None, date=date,
              location=rnd.choice(PLACES), trigger="met", date_basis="stated")
        for t in rnd.sample(TYPES, 2)
    ]  # fmt: skip
    qualifier = rnd.choice([None, None, "about", "over"])
    figures = [
        Figure("trade_value", rnd.choice([100, 101, 120, 150]) * 1e6, "USD", ev(1),
               qualifier=qualifier, period="2023", subject=a),
        Figure("visits_abroad", float(rnd.choice([12, 15, 30])), "visit", ev(1),
               period=rnd.choice(["2023", "2024"]), subject=b),
        Figure("delegations_abroad", float(rnd.choice([20, 25, 40])), "count", ev(3),
               period=rnd.choice(["2023", "2024"]), subject=a),
    ]  # fmt: skip
    relations = [
        Relation(a, b, rnd.choice(LEVELS), ev(2), date=rnd.choice([date, None]), status="upgraded")
    ]
    mentions = [
        Mention(k, 0, 3, c, "COUNTRY", Actor(c, c))
        for k in range(len(lines))
        for c in (a, b, rnd.choice(CODES))
        if rnd.random() < (0.15 if k == 1 else 0.5)  # the figures' sentence mostly names none
    ]
    return pack(doc_id, lines, sents, f"{a}-{b}", date, mentions=mentions, events=events,
                figures=figures, relations=relations)  # fmt: skip


def add_docs(store: Store, ids: range, seed: int) -> None:
    syntheticdocs.add_docs(store, ids, seed, make_doc)


def assert_same(derived: ConflictList, full: ConflictList) -> None:
    """Equal conflicts, in the same order, from the same records, with the same state."""
    assert [c.to_dict() for c in derived] == [c.to_dict() for c in full]
    assert derived._figures == full._figures and derived._others == full._others
    assert np.array_equal(derived._a, full._a) and np.array_equal(derived._b, full._b)
    assert derived.state == full.state


def test_country_base_drops_the_country_of_country_and_date_filters() -> None:
    assert country_base(Filters(country="VNM", since="2023")) == Filters(since="2023")
    assert country_base(Filters(country="VNM")) == Filters()
    for f in (
        Filters(),
        Filters(since="2023"),
        Filters(country="VNM", partner="CHN"),
        Filters(country="VNM", type="MEET"),
        Filters(country="VNM", limit=5),
    ):
        assert country_base(f) is None, f


def test_derived_country_conflicts_equal_a_computation_from_scratch(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_docs(store, range(0, 160, 2), seed=21)
    compared: list[int] = []  # figure groups compared again while deriving
    real_group_pairs = conflicts._group_pairs

    def counting(*args: Any) -> Any:
        compared.append(1)
        return real_group_pairs(*args)

    kinds: set[str] = set()
    groups = 0
    for base_filters in BASES:
        base = find_conflicts(store, base_filters)
        kinds |= {c.kind for c in base}
        for code in [*CODES, "vnm", "XXX"]:
            f = replace(base_filters, country=code)
            with monkeypatch.context() as m:
                m.setattr(conflicts, "_group_pairs", counting)
                m.setattr(conflicts, "find_conflicts", _fail)  # no store behind a derivation
                derived = derive_conflicts(base, f)
            assert_same(derived, find_conflicts(store, f))
            groups += len(derived.state.groups) if derived.state is not None else 0
    assert {"figure", "event_date", "event_place", "tier", "tier_double_count"} <= kinds
    # a sentence's partners depended on another country's figure in some groups: those
    # were compared again, the others carried over
    assert 0 < len(compared) < groups

    # a derived result updates after an append like one computed from scratch
    f = Filters(country="VNM", since="2023-02")
    derived = derive_conflicts(find_conflicts(store, Filters(since="2023-02")), f)
    add_docs(store, range(1, 160, 4), seed=22)
    assert_same(update_conflicts(store, derived, f), find_conflicts(store, f))


def test_derive_refuses_conflicts_it_cannot_narrow(store: Store) -> None:
    add_docs(store, range(10), seed=23)
    every = find_conflicts(store)
    with pytest.raises(ValueError, match="do not narrow"):
        derive_conflicts(every, Filters(country="VNM", since="2023"))  # other dates
    with pytest.raises(ValueError, match="do not narrow"):
        derive_conflicts(every, Filters(country="VNM", partner="CHN"))


def _fail(*args: Any) -> Any:
    raise AssertionError("computed from scratch")


def _run_loop(make: Any) -> Any:
    """Run a coroutine in an event loop of its own thread (this one may have one running)."""
    out: list[Any] = []
    thread = threading.Thread(target=lambda: out.append(asyncio.run(make())))
    thread.start()
    thread.join()
    return out[0]


def _get(cache: ResultCache, f: Filters) -> Coroutine[Any, Any, ConflictList]:
    return cache.get(("conflicts", f), find_conflicts, f, update=update_conflicts)


@pytest.mark.sqlite_only  # PostgreSQL's version moves with any write to the server
def test_cache_derives_country_conflicts_from_the_warmed_ones(store: Store) -> None:
    add_docs(store, range(60), seed=24)
    app = create_app(Settings(db=store.url), warm=False)  # its cache, without a server
    cache: ResultCache = app.state.result_cache
    try:
        cache.warm(("conflicts", Filters()), find_conflicts, Filters(), update=update_conflicts)
        assert (cache.warmed, cache.computing()) == (1, 1)
        vnm = Filters(country="VNM")
        # under way or done: the country waits for it, then derives from it in a worker
        found = _run_loop(lambda: _get(cache, vnm))
        assert [c.to_dict() for c in found] == [c.to_dict() for c in find_conflicts(store, vnm)]
        assert (cache.misses, cache.derived, cache.hits) == (1, 1, 0)
        assert len(_run_loop(lambda: _get(cache, Filters()))) >= len(found) > 0
        assert cache.hits == 1  # the warmed result itself
        # dates with a country whose dates are not cached: computed from scratch
        _run_loop(lambda: _get(cache, Filters(country="VNM", since="2024")))
        assert (cache.misses, cache.derived) == (2, 1)
    finally:
        app.state.compute_pool.close()
        app.state.store_pool.close()


@pytest.mark.sqlite_only
def test_server_warms_the_conflicts_and_derives_a_countrys(store: Store) -> None:
    add_docs(store, range(60), seed=25)
    app = create_app(Settings(db=store.url))
    with TestClient(app) as client:
        cache = app.state.result_cache
        deadline = time.monotonic() + 30
        while not cache.warmed and time.monotonic() < deadline:  # the workers start first
            time.sleep(0.02)
        r = client.get("/api/conflicts", params={"country": "Viet Nam", "limit": 500})
        assert r.status_code == 200, r.text
        assert (cache.warmed, cache.derived, cache.misses) == (1, 1, 1)
        expected = [c.to_dict() for c in find_conflicts(store, Filters(country="VNM"))]
        assert r.json()["count"] == len(expected) > 0
        assert [(c["kind"], c["subject"], c["values"]) for c in r.json()["data"]] == [
            (c["kind"], c["subject"], c["values"]) for c in expected[:500]
        ]
        assert client.get("/api/conflicts").status_code == 200 and cache.hits == 1
    assert not create_app(Settings(db=store.url), warm=False).state.result_cache.warmed


def test_cache_weighs_long_results_more() -> None:
    assert weight(7) == weight([]) == 1 and weight([0] * 250_000) == 3

    class Versions:
        def data_version(self) -> int:
            return 1

    cache = ResultCache(Versions(), ComputePool(Settings(db=":memory:")), size=4)
    table: OrderedDict[Any, Any] = OrderedDict()
    cache._keep(table, "long", [0] * 150_000)  # weighs 2
    cache._keep(table, "b", 1)
    cache._keep(table, "c", 1)
    assert list(table) == ["long", "b", "c"]
    cache._keep(table, "d", 1)  # 5 > 4: the least recently used goes
    assert list(table) == ["b", "c", "d"]


def test_cached_result_waits_its_turn_behind_the_queued_lists(tmp_path: Path) -> None:
    SQLiteStore(str(tmp_path / "empty.db")).close()
    settings = Settings(db=str(tmp_path / "empty.db"))
    pool, compute = StorePool(settings), ComputePool(settings)

    async def scenario() -> tuple[bool, object, object]:
        turns = anyio.CapacityLimiter(1)  # one list request at a time
        cache = ResultCache(pool, compute, turns=turns)
        first = await cache.get(("stats",), stats_with_canonical)
        held, done = anyio.Event(), anyio.Event()

        async def list_request() -> None:
            async with turns:
                held.set()
                await done.wait()

        async with anyio.create_task_group() as tg:
            tg.start_soon(list_request)
            await held.wait()
            with anyio.move_on_after(0.3) as waiting:
                await cache.get(("stats",), stats_with_canonical)  # cached, not its turn
            done.set()
        return waiting.cancelled_caught, first, await cache.get(("stats",), stats_with_canonical)

    try:
        waited, first, then = _run_loop(scenario)
    finally:
        compute.close()
        pool.close()
    assert waited and then == first


def _spin(store: Store, seconds: float) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        check_budget()
        time.sleep(0.01)
    return "done"


def test_cancelling_an_ended_task_leaves_the_next_one_alone(tmp_path: Path) -> None:
    """A cancel that comes late (the task ended meanwhile) must not stop the next task that
    took its flag."""
    SQLiteStore(str(tmp_path / "empty.db")).close()
    compute = ComputePool(Settings(db=str(tmp_path / "empty.db")), size=1)
    try:
        first = compute.submit(30, "spin", _spin, 0.0)
        assert first.future.result(timeout=60) == "done" and first.started
        deadline = time.monotonic() + 10
        while first.index not in compute._free and time.monotonic() < deadline:
            time.sleep(0.01)
        second = compute.submit(30, "spin", _spin, 0.5)
        assert second.index == first.index
        first.cancel()
        assert second.future.result(timeout=60) == "done"
    finally:
        compute.close()
