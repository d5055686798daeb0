"""Issue 19: every read request has a time budget, a gone client stops its request, and the
expensive results are cached per store version: their computations go on for the next request
when their requests give up, and stop at the cache's limit, when the store version moves or
when they have not started yet (real stores, real app, a real server)."""

from __future__ import annotations

import asyncio
import json
import logging
import random
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import uvicorn
from conflictcorpus import fill_store
from fastapi.testclient import TestClient
from historydata import months, rows

from diplograph.analysis.trends import SeriesQuery
from diplograph.budget import Budget, check_budget, checked
from diplograph.errors import BudgetError
from diplograph.jobs import ingest_documents
from diplograph.models import Actor, Document, Event, Evidence, Extraction, Sentence
from diplograph.query.history import alert_list
from diplograph.server import create_app
from diplograph.server.cache import ResultCache
from diplograph.server.compute import ComputePool
from diplograph.server.deps import StorePool, open_request_store
from diplograph.settings import Settings
from diplograph.store import SQLiteStore, Store

T = TypeVar("T")
CODES = ["VNM", "CHN", "USA", "JPN", "KOR", "IND", "AUS", "FRA", "DEU", "GBR", "RUS", "LAO",
         "KHM", "THA", "IDN"]  # fmt: skip


@pytest.fixture(scope="module")
def history_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twenty years of monthly counts for 105 pairs (49,000 imported cells): scanning every
    pair for alerts takes seconds. One document holds 20,000 extracted talks."""
    path = tmp_path_factory.mktemp("budget") / "history.db"
    rnd, span, cells = random.Random(5), months(240, "1995-01"), []
    for i, a in enumerate(CODES):
        for b in CODES[i + 1 :]:
            for quad in (1, 3):
                counts = {m: rnd.randint(0, 40) for m in span}
                cells += rows(counts, a, b, quad=quad, file=f"{a}{b}{quad}.csv")
    store = SQLiteStore(str(path))
    store.add_imported_events(cells)
    text = "Vietnam and China held talks."
    evidence = Evidence("talks", 0, 0, len(text), text)
    vnm, chn = Actor("VNM", "Vietnam"), Actor("CHN", "China")
    dates = [f"{1995 + i % 20}-05-0{1 + i % 9}" for i in range(20_000)]
    talks = [Event("MEET", evidence, vnm, chn, date) for date in dates]
    sentences = [Sentence(0, 0, len(text), text)]
    x = Extraction("talks", "test", "VNM", sentences=sentences, events=talks)
    store.save_document(Document("talks", text), "hash", x, None)
    store.close()
    return path


def test_budget_checks_raise_once_over_or_cancelled() -> None:
    check_budget()  # outside a budget: nothing to check
    with Budget(0.0).scope(), pytest.raises(BudgetError) as over:
        check_budget()
    assert over.value.code == "D501" and "DIPLOGRAPH_REQUEST_BUDGET" in str(over.value)
    budget = Budget(60.0)
    with budget.scope():
        assert list(checked(range(1000))) == list(range(1000))
        budget.cancel("the client disconnected")
        with pytest.raises(BudgetError) as gone:
            list(checked(range(1000)))
    assert gone.value.code == "D502" and "client disconnected" in str(gone.value)
    check_budget()  # the scope has ended


def test_server_request_over_budget_answers_503_and_its_work_stops_at_the_limit(
    history_db: Path,
) -> None:
    app = create_app(Settings(db=str(history_db), request_budget=0.3), warm=False)
    cache = app.state.result_cache
    cache.limit = 1.5  # the scan of 105 pairs needs seconds
    with TestClient(app) as client:
        app.state.compute_pool.start()  # a worker is ready: the scan starts at once
        start = time.monotonic()
        r = client.get("/api/alerts", params={"top": 5})
        elapsed = time.monotonic() - start
        body = r.json()
        assert r.status_code == 503, r.text
        assert body["ok"] is False and body["status"] == 503
        assert body["error"].startswith(
            "[D501] GET /api/alerts ran past its time budget of 0.6 s"
        )  # twice: an analysis
        assert body["errors"] == [{"code": "D501"}]
        assert elapsed < 2.5
        # nobody waits for the scan any more; it goes on for the next request, and its
        # process stops it at the cache's limit
        assert cache.computing() == 1
        _wait_until_idle(cache)
        assert (cache.computing(), cache.stopped, cache.hits) == (0, 1, 0)


def _wait_until_idle(cache: ResultCache, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while cache.computing() and time.monotonic() < deadline:
        time.sleep(0.02)


def test_server_sql_past_the_budget_is_interrupted_with_503(history_db: Path) -> None:
    store = open_request_store(Settings(db=str(history_db)))
    slow = (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000) "
        "SELECT count(*) FROM c"
    )
    with Budget(0.0).scope(), pytest.raises(sqlite3.OperationalError, match="interrupted"):
        store.conn.execute(slow).fetchone()
    assert store.conn.execute("SELECT count(*) FROM imported_events").fetchone()[0] > 40_000
    store.close()
    # through the app: a list whose statement is interrupted answers the budget's 503, not 500
    with TestClient(create_app(Settings(db=str(history_db), request_budget=0.001))) as client:
        r = client.get("/api/events", params={"country": "VNM", "limit": 500})
    assert r.status_code == 503 and r.json()["errors"] == [{"code": "D501"}], r.text


@pytest.mark.postgres
def test_server_postgres_statement_past_the_budget_is_cancelled_with_503(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diplograph.store.postgres import PostgresStore

    store = open_request_store(Settings(db=pg_url))
    assert isinstance(store, PostgresStore)
    with Budget(5.0).scope():  # in time: an ordinary answer
        assert store.conn.execute("SELECT 1 AS x").fetchone() == {"x": 1}
    start = time.monotonic()
    with Budget(0.3).scope(), pytest.raises(BudgetError) as over:
        store.conn.execute("SELECT pg_sleep(5)")  # only the server can stop it
    assert over.value.code == "D501" and time.monotonic() - start < 2
    # outside a budget the same connection runs without the timeout again
    assert store.conn.execute("SHOW statement_timeout").fetchone() == {"statement_timeout": "0"}
    store.conn.execute("SELECT pg_sleep(0.4)")
    gone = Budget(60.0)
    gone.cancel("the client disconnected")
    with gone.scope(), pytest.raises(BudgetError, match="D502"):
        store.conn.execute("SELECT 1")
    store.close()

    # through the app: a list whose count runs past the budget answers 503 D501, not 500
    def slow_count(self: PostgresStore, *args: Any, **kwargs: Any) -> int:
        self.conn.execute("SELECT pg_sleep(5)")
        return 0

    monkeypatch.setattr(PostgresStore, "count", slow_count)
    with TestClient(create_app(Settings(db=pg_url, request_budget=0.5))) as client:
        start = time.monotonic()
        r = client.get("/api/events")
        elapsed = time.monotonic() - start
    assert r.status_code == 503 and r.json()["errors"] == [{"code": "D501"}], r.text
    assert elapsed < 3


def _serve(app: object) -> tuple[uvicorn.Server, threading.Thread, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None)  # type: ignore[arg-type]
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    return server, thread, port


def test_server_client_disconnect_stops_the_request_and_the_work_is_cached(
    history_db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="diplograph.api")
    app = create_app(Settings(db=str(history_db), request_budget=120), warm=False)
    server, thread, port = _serve(app)
    try:
        with socket.create_connection(("127.0.0.1", port)) as conn:
            conn.sendall(b"GET /api/alerts?top=5 HTTP/1.1\r\nHost: test\r\n\r\n")
            time.sleep(0.5)  # the scan of 105 pairs is under way
        deadline = time.monotonic() + 30
        stopped = []
        while not stopped and time.monotonic() < deadline:
            stopped = [r for r in caplog.records if "[D502]" in r.getMessage()]
            time.sleep(0.05)
        # had nobody noticed the disconnect, the request would have waited for the scan
        assert stopped, [r.getMessage() for r in caplog.records]
        assert "GET /api/alerts was stopped: the client disconnected" in stopped[0].getMessage()
        # the scan itself goes on to its end, and the next request finds its result
        cache = app.state.result_cache
        _wait_until_idle(cache, 60)
        assert (cache.computing(), cache.stopped, cache.hits) == (0, 0, 0)
        url = f"http://127.0.0.1:{port}/api/alerts?top=5"
        with urllib.request.urlopen(url, timeout=30) as r:
            assert r.status == 200 and len(json.load(r)["data"]) == 5
        assert cache.hits == 1
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def conflicts_client(store: Store, tmp_path: Path) -> Iterator[tuple[TestClient, Store]]:
    assert fill_store(store, tmp_path / "articles").new == 2
    with TestClient(create_app(Settings(db=store.url), warm=False)) as client:
        yield client, store


THIRD = """published: 2024-01-09
title: Another count
---
Vietnam's senior leaders made 31 visits abroad in 2023.
"""


def test_server_conflicts_cached_until_an_ingest(
    conflicts_client: tuple[TestClient, Store], tmp_path: Path, backend: str
) -> None:
    client, store = conflicts_client
    cache = client.app.state.result_cache  # type: ignore[attr-defined]
    first = client.get("/api/conflicts").json()
    again = client.get("/api/conflicts", params={"limit": 1, "offset": 1}).json()
    assert first["count"] == again["count"] == 2 and again["data"] == first["data"][1:]
    if backend == "sqlite":  # PostgreSQL's version moves with any write to the server
        assert (cache.hits, cache.misses) == (1, 1)
    # an ingest through another connection (as `diplograph ingest` would) changes the version
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "year-c.txt").write_text(THIRD, encoding="utf-8")
    assert ingest_documents([str(tmp_path / "more")], store, Settings(db=store.url)).new == 1
    after = client.get("/api/conflicts").json()
    assert after["count"] == 4  # 31 visits disagrees with both 25 and 27
    assert {tuple(c["values"]) for c in after["data"]} >= {("25 count", "31 count")}
    assert backend != "sqlite" or cache.misses == 2


def _run_loop(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine in an event loop of its own thread (this one may have one running)."""
    out: list[T] = []
    thread = threading.Thread(target=lambda: out.append(asyncio.run(make())))
    thread.start()
    thread.join()
    return out[0]


def test_server_cache_shares_a_computation_and_finishes_it_for_the_next_request(
    history_db: Path,
) -> None:
    settings = Settings(db=str(history_db))
    pool, compute = StorePool(settings), ComputePool(settings)
    cache = ResultCache(pool, compute, limit=60)
    every_pair = SeriesQuery()

    async def ask(seconds: float) -> object:
        with Budget(seconds).scope():
            try:
                return await cache.get(("alerts",), alert_list, every_pair, 5, 5)
            except BudgetError as err:
                return err.code

    async def impatient_and_patient() -> list[object]:
        return await asyncio.gather(ask(0.3), ask(120))

    impatient, patient = _run_loop(impatient_and_patient)
    # one computation: the impatient request gave up, the work went on for the patient one
    assert impatient == "D501" and isinstance(patient, list) and len(patient) == 5
    assert (cache.misses, cache.stopped) == (1, 0)
    assert _run_loop(lambda: ask(120)) == patient and cache.hits == 1  # then it is cached
    cache.clear()
    assert _run_loop(lambda: ask(0.3)) == "D501"  # the only waiter gives up ...
    assert cache.computing() == 1  # ... and the computation goes on
    _wait_until_idle(cache, 60)
    assert (cache.computing(), cache.misses, cache.stopped) == (0, 2, 0)
    assert _run_loop(lambda: ask(0.3)) == patient and cache.hits == 2  # for the next request
    compute.close()
    pool.close()


def test_server_cache_stops_a_computation_at_its_limit(history_db: Path) -> None:
    settings = Settings(db=str(history_db))
    pool, compute = StorePool(settings), ComputePool(settings)
    cache = ResultCache(pool, compute, limit=0.5)

    async def ask() -> object:
        with Budget(120).scope():  # a patient request: the cache's limit stops the work
            try:
                return await cache.get(("alerts",), alert_list, SeriesQuery(), 5, 5)
            except BudgetError as err:
                return err

    err = _run_loop(ask)
    assert isinstance(err, BudgetError) and err.code == "D501"
    assert "computing alerts ran past its time budget of 0.5 s" in str(err)
    _wait_until_idle(cache)
    assert (cache.computing(), cache.stopped, cache.hits) == (0, 1, 0)
    compute.close()
    pool.close()


class _Versions:
    """A store version the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1

    def data_version(self) -> int:
        return self.now


def test_server_cache_stops_work_for_an_older_version_that_nobody_waits_for(
    history_db: Path,
) -> None:
    settings = Settings(db=str(history_db))
    versions, compute = _Versions(), ComputePool(settings)
    cache = ResultCache(versions, compute, limit=60)
    compute.start()

    async def ask() -> object:
        with Budget(0.3).scope():
            try:
                return await cache.get(("alerts",), alert_list, SeriesQuery(), 5, 5)
            except BudgetError as err:
                return err.code

    assert _run_loop(ask) == "D501" and cache.computing() == 1  # goes on for the next request
    versions.now = 2  # a write: its result would be stale before it is stored
    assert _run_loop(ask) == "D501"  # the next request starts one for the new version ...
    _wait_until_idle(cache, 60)
    assert (cache.computing(), cache.misses, cache.stopped) == (0, 2, 1)  # ... the old one stops
    assert isinstance(_run_loop(ask), list) and cache.hits == 1
    compute.close()


def test_server_cache_cancels_a_queued_computation_without_deadlock(history_db: Path) -> None:
    """A request that gives up while its computation still waits for a worker cancels it;
    the cancelled future calls back into the cache at once, under the cache's own lock (a
    deadlock froze a whole server worker under load before the lock was re-entrant)."""
    settings = Settings(db=str(history_db))
    pool, compute = StorePool(settings), ComputePool(settings, size=1)
    cache = ResultCache(pool, compute, limit=60)

    async def ask(key: str, seconds: float) -> object:
        with Budget(seconds).scope():
            try:
                return await cache.get((key,), alert_list, SeriesQuery(), 5, 5)
            except BudgetError as err:
                return err.code

    async def busy_then_queued() -> list[object]:
        # one runs, two fill the executor's call queue: a fourth is still pending
        ahead = [asyncio.ensure_future(ask(f"alerts-{k}", 120)) for k in "abc"]
        await asyncio.sleep(0.05)
        return [await ask("alerts-d", 0.3), *(await asyncio.gather(*ahead))]

    out: list[list[object]] = []
    thread = threading.Thread(target=lambda: out.append(asyncio.run(busy_then_queued())))
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the cache deadlocked cancelling a queued computation"
    queued, *ahead = out[0]
    assert queued == "D501" and all(isinstance(a, list) and len(a) == 5 for a in ahead)
    _wait_until_idle(cache)
    # the queued one had not started when its only request left: dropped, nothing computed
    assert (cache.computing(), cache.stopped) == (0, 1)
    compute.close()
    pool.close()


def test_server_computes_in_threads_when_worker_processes_cannot_start(history_db: Path) -> None:
    """Worker processes import the program's main script: a program read from stdin has none
    they can import. The pool says so and computes in threads; the answers are the same."""
    script = f"""
import warnings
warnings.simplefilter("ignore")
from fastapi.testclient import TestClient
from diplograph.server import create_app
from diplograph.settings import Settings
app = create_app(Settings(db={str(history_db)!r}))
with TestClient(app) as client:
    r = client.get("/api/trends", params={{"country": "VNM", "partner": "CHN", "by": "year"}})
    print(r.status_code, r.json()["count"], app.state.compute_pool.processes)
"""
    run = subprocess.run(
        [sys.executable, "-"], input=script, capture_output=True, text=True, timeout=120
    )
    assert run.stdout.split() == ["200", "20", "False"], run.stderr[-2000:]
    assert "computing in threads of the server" in run.stderr


def test_analyses_get_twice_a_lists_budget() -> None:
    from diplograph.server.middleware import ANALYSIS_FACTOR, RequestBudgetMiddleware

    mw = RequestBudgetMiddleware(app=None, seconds=5.0)  # type: ignore[arg-type]
    assert mw.seconds_for("/api/conflicts") == 5.0 * ANALYSIS_FACTOR == 10.0
    assert mw.seconds_for("/api/trends/") == 10.0
    assert mw.seconds_for("/api/events") == 5.0
    assert mw.seconds_for("/api/conflicts/export") == 5.0  # only the analyses themselves
