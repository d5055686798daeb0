"""Issue 19: a full download of a dashboard list is streamed a page at a time. The request
budget applies to each page, not to the whole file; the pages come from one snapshot; a page
past its budget or a gone client stops the stream (real stores, real app, a real server)."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from diplograph import budget as budget_module
from diplograph.models import Actor, Document, Event, Evidence, Extraction, Sentence
from diplograph.query.downloads import Record, all_rows, render_download
from diplograph.server import create_app
from diplograph.server import downloads as server_downloads
from diplograph.settings import Settings
from diplograph.store import Filters, SQLiteStore, Store, open_store

EVENTS = 30


def add_talks(store: Store, doc_id: str, n: int, year: int) -> None:
    """One document of ``n`` extracted talks between Vietnam and China in ``year``."""
    text = "Vietnam and China held talks."
    evidence = Evidence("talks", 0, 0, len(text), text)
    vnm, chn = Actor("VNM", "Vietnam"), Actor("CHN", "China")
    talks = [Event("MEET", evidence, vnm, chn, f"{year}-05-{1 + i % 28:02d}") for i in range(n)]
    x = Extraction(doc_id, "test", "VNM", sentences=[Sentence(0, 0, len(text), text)], events=talks)
    store.save_document(Document(doc_id, text), doc_id, x, None)


@pytest.fixture
def talks(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    """30 events; pages of 4 rows doubling up to 8: five pages (4, 8, 8, 8, 2)."""
    add_talks(store, "talks", EVENTS, 2020)
    monkeypatch.setattr(server_downloads, "FIRST_PAGE", 4)
    monkeypatch.setattr(server_downloads, "MAX_PAGE", 8)
    return store


class Clock:
    """The budget's clock in the timed tests: only a page reader moves it, so the real work (and
    a loaded machine) takes no time and a page's time is exactly what the test says."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Budgets read this clock instead of ``time.monotonic``."""
    fake = Clock()
    monkeypatch.setattr(budget_module, "time", fake)
    return fake


class SlowPages:
    """Stands in for the stream's page reader: counts the pages, takes ``delay`` per page
    (``delays[i]`` for page i when given) and runs ``after_first`` once the first is read.
    With a ``clock`` the delay moves that clock; without one it is slept."""

    def __init__(
        self, delay: float, delays: dict[int, float] | None = None, clock: Clock | None = None
    ) -> None:
        self.delay, self.delays, self.calls, self.clock = delay, delays or {}, 0, clock
        self.after_first: Any = None
        self.real = server_downloads.list_rows

    def __call__(self, store: Store, kind: Record, filters: Filters) -> list[dict[str, Any]]:
        rows = self.real(store, kind, filters)
        delay = self.delays.get(self.calls, self.delay)
        if self.clock is None:
            time.sleep(delay)
        else:
            self.clock.now += delay
        self.calls += 1
        if self.calls == 1 and self.after_first is not None:
            self.after_first()
        return rows


def expected(store: Store, fmt: str) -> bytes:
    rows = all_rows(store, "events", Filters(newest_first=True))
    return render_download("events", rows, fmt).encode()


def other_connection(store: Store) -> Store:
    return SQLiteStore(store.url) if isinstance(store, SQLiteStore) else open_store(store.url)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_stream_download_budget_is_per_page_not_per_file(
    talks: Store, monkeypatch: pytest.MonkeyPatch, clock: Clock, fmt: str
) -> None:
    slow = SlowPages(0.15, clock=clock)  # five pages: 0.75 s for the file, 0.15 s a page
    monkeypatch.setattr(server_downloads, "list_rows", slow)
    with TestClient(create_app(Settings(db=talks.url, request_budget=0.4))) as client:
        r = client.get("/events", params={"format": fmt})
    assert r.status_code == 200, r.text
    assert r.content == expected(talks, fmt)  # the same bytes as a whole render
    assert slow.calls == 5 and clock.now > 0.4  # the file took longer than one budget
    assert r.headers["content-disposition"] == f'attachment; filename="events.{fmt}"'


def test_stream_download_reads_every_page_from_one_snapshot(
    talks: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = expected(talks, "json")
    slow = SlowPages(0.0)

    def ingest() -> None:  # newer events, stored between the first and the second page
        writer = other_connection(talks)  # as an ingest in another process would
        add_talks(writer, "newer", 6, 2024)
        writer.close()

    slow.after_first = ingest
    monkeypatch.setattr(server_downloads, "list_rows", slow)
    with TestClient(create_app(Settings(db=talks.url))) as client:
        r = client.get("/events", params={"format": "json"})
        assert r.status_code == 200 and slow.calls == 5
        assert r.content == before  # no row repeated, none skipped: the file of one moment
        assert r.json()["count"] == EVENTS
        store = client.app.state.store_pool.acquire_idle()  # type: ignore[attr-defined]
        assert store is not None and not _in_transaction(store)  # the snapshot was ended
        client.app.state.store_pool.release(store)  # type: ignore[attr-defined]
        again = client.get("/events", params={"format": "json"}).json()
    assert again["count"] == EVENTS + 6


def _in_transaction(store: Store) -> bool:
    if isinstance(store, SQLiteStore):
        return store.conn.in_transaction
    from psycopg.pq import TransactionStatus

    conn = store.conn  # type: ignore[attr-defined]
    return bool(conn.info.transaction_status != TransactionStatus.IDLE)


def test_stream_download_page_past_its_budget_breaks_the_transfer(
    talks: Store, monkeypatch: pytest.MonkeyPatch, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="diplograph.api")
    slow = SlowPages(0.0, delays={2: 1.0}, clock=clock)  # the third page outlasts the budget
    monkeypatch.setattr(server_downloads, "list_rows", slow)
    with TestClient(create_app(Settings(db=talks.url, request_budget=0.3))) as client:
        r = client.get("/events", params={"format": "json"})
        body = r.content
        assert b'"count"' not in body  # never a complete-looking file
        with pytest.raises(ValueError):
            json.loads(body)
        assert body.startswith(b'{"data": [') and slow.calls == 3
        store = client.app.state.store_pool.acquire_idle()  # type: ignore[attr-defined]
        assert store is not None and not _in_transaction(store)
        client.app.state.store_pool.release(store)  # type: ignore[attr-defined]
        assert client.get("/events", params={"format": "json"}).json()["count"] == EVENTS
    stopped = [r.getMessage() for r in caplog.records if "stopped after" in r.getMessage()]
    assert stopped and "download of events stopped after 12 rows: [D501]" in stopped[0]


@pytest.fixture
def served(talks: Store) -> Iterator[tuple[int, Any]]:
    app = create_app(Settings(db=talks.url, request_budget=5))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield port, app
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.sqlite_only
def test_stream_download_stops_when_the_client_disconnects(
    served: tuple[int, Any], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="diplograph.api")
    port, app = served
    monkeypatch.setattr(server_downloads, "MAX_PAGE", 2)
    monkeypatch.setattr(server_downloads, "FIRST_PAGE", 2)
    slow = SlowPages(0.2)  # 15 pages: 3 s for the whole file
    monkeypatch.setattr(server_downloads, "list_rows", slow)
    with socket.create_connection(("127.0.0.1", port)) as conn:
        conn.sendall(b"GET /events?format=csv HTTP/1.1\r\nHost: test\r\n\r\n")
        assert b"200 OK" in conn.recv(4096)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not _stopped(caplog):
        time.sleep(0.05)
    assert "[D502]" in _stopped(caplog), [r.getMessage() for r in caplog.records]
    calls = slow.calls
    time.sleep(0.5)
    assert slow.calls == calls < 15  # no page read after the client left
    store = app.state.store_pool.acquire_idle()
    assert store is not None and not store.conn.in_transaction


def _stopped(caplog: pytest.LogCaptureFixture) -> str:
    return " ".join(r.getMessage() for r in caplog.records if "stopped after" in r.getMessage())
