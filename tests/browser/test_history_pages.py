"""The alerts page and the partner trend chart in a real browser: they load without console
errors (no CSP violation), and hostile imported text stays inert."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from conftest import SHOTS
from historydata import months, rows
from webcorpus import build_store

from diplograph.server import create_app
from diplograph.settings import Settings
from diplograph.store import SQLiteStore

pytestmark = pytest.mark.browser

SPAN = months(48, "2010-01")
HOSTILE_EVENT = '<img src=x onerror="alert(2)">'


@pytest.fixture(scope="module")
def history_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The invented articles plus an invented conflict history VNM–CHN with one spike."""
    db, _ = build_store(tmp_path_factory.mktemp("history-browser"))
    store = SQLiteStore(str(db))
    counts = dict.fromkeys(SPAN, 4)
    counts[SPAN[40]] = 60
    store.add_imported_events(rows(counts, "VNM", "CHN", quad=3, event_name=HOSTILE_EVENT))
    store.close()
    config = uvicorn.Config(
        create_app(Settings(db=str(db))), host="127.0.0.1", port=0, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 20 s")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_history_alerts_page_loads_with_evidence(page: Any, history_server: str) -> None:
    response = page.goto(history_server + "/alerts?country=VNM&quad=conflict")
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    card = page.locator(".alert").first
    assert card.is_visible() and SPAN[40] in card.inner_text()
    assert HOSTILE_EVENT in page.locator(".evidence-list").first.inner_text()
    assert page.locator(".evidence-list img").count() == 0
    assert page.errors == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "alerts.png"), full_page=True)


def test_history_alerts_filter_submits_on_change(page: Any, history_server: str) -> None:
    page.goto(history_server + "/alerts?country=VNM")
    with page.expect_navigation():
        page.select_option("select[name=quad]", "cooperation")
    assert "quad=cooperation" in page.url
    assert page.locator(".alert").count() == 0
    assert page.errors == []


def test_history_partner_trend_chart_loads(page: Any, history_server: str) -> None:
    response = page.goto(history_server + "/partners/CHN")
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    chart = page.locator("#trend svg")
    assert chart.is_visible()
    assert page.locator("#trend rect.bar").count() == 48
    assert page.locator("#trend polygon.band80").count() == 1
    assert page.errors == []
