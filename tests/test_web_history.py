"""The alerts page and the partner trend chart, rendered server-side from an invented import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from historydata import months, rows

from diplograph.server import create_app
from diplograph.settings import Settings
from diplograph.store import SQLiteStore

HOSTILE_FILE = "<script>alert(1)</script>.csv"
HOSTILE_EVENT = '<img src=x onerror="alert(2)">'
SPAN = months(48, "2010-01")


def _client(path: Path) -> TestClient:
    return TestClient(create_app(Settings(db=str(path))))


@pytest.fixture
def client(db_path: Path) -> Iterator[TestClient]:
    store = SQLiteStore(str(db_path))
    counts = dict.fromkeys(SPAN, 4)
    counts[SPAN[40]] = 60
    store.add_imported_events(
        rows(counts, "VNM", "CHN", quad=3, file=HOSTILE_FILE, event_name=HOSTILE_EVENT)
    )
    store.close()
    with _client(db_path) as c:
        yield c


def test_web_alerts_page_shows_alert_with_evidence(client):
    r = client.get("/alerts", params={"country": "VNM", "quad": "conflict"})
    assert r.status_code == 200
    html = r.text
    assert 'class="card alert up"' in html and SPAN[40] in html
    assert "row 40" in html and "×60" in html  # provenance of the imported cell
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.csv" in html and HOSTILE_FILE not in html
    assert "&lt;img src=x" in html and "<img" not in html
    assert html.count("<script") == 1  # only /static/app.js
    assert 'href="/alerts" aria-current="page"' in html


def test_web_alerts_page_filters_and_quiet_periods(client):
    quiet = client.get("/alerts", params={"country": "VNM", "until": "2012"}).text
    assert "No alerts for these filters" in quiet
    assert client.get("/alerts", params={"quad": "friendly"}).status_code == 400
    assert client.get("/alerts", params={"since": "soon"}).status_code == 400


def test_web_alerts_empty_state_without_history(db_path: Path):
    SQLiteStore(str(db_path)).close()
    with _client(db_path) as c:
        html = c.get("/alerts").text
    assert "No event history yet" in html and "diplograph import-events" in html


def test_web_partner_page_has_trend_chart_with_forecast_band(client):
    html = client.get("/partners/CHN").text
    assert 'id="trend"' in html and 'class="chart trend"' in html
    assert 'class="band80"' in html and 'class="band95"' in html
    assert "248 in all (0 extracted, 248 imported)" in html  # 47 × 4 + 60
    assert html.count("<script") == 1


def test_web_partner_trend_without_events_is_an_empty_state(db_path: Path):
    SQLiteStore(str(db_path)).close()
    with _client(db_path) as c:
        html = c.get("/partners/KEN").text
    assert "No dated events for this pair yet" in html
