"""``/api/trends``, ``/api/alerts`` and ``/api/forecast`` on a small invented import."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from historydata import months, rows

from diplograph.server import create_app
from diplograph.settings import Settings

SPAN = months(48, "2010-01")


@pytest.fixture
def client(store) -> Iterator[TestClient]:
    counts = dict.fromkeys(SPAN, 4)
    counts[SPAN[40]] = 60  # one obvious spike of conflict
    store.add_imported_events(rows(counts, "VNM", "CHN", quad=3, file="made.csv"))
    store.add_imported_events(rows({"2010-03": 5, "2011-07": 2}, "CHN", "VNM", "VISIT", quad=1,
                                   file="visits.csv"))  # fmt: skip
    with TestClient(create_app(Settings(db=store.url))) as c:
        yield c


def test_api_trends_counts_by_year(client):
    body = client.get("/api/trends", params={"country": "VNM", "partner": "CHN", "by": "year"})
    assert body.status_code == 200, body.text
    data = body.json()
    assert (data["count"], data["offset"]) == (4, 0)
    by_year = {r["period"]: r for r in data["data"]}
    assert by_year["2010"]["count"] == 48 + 5 and by_year["2010"]["cooperation"] == 5
    assert by_year["2013"]["count"] == 4 * 11 + 60 and by_year["2013"]["conflict"] == 104
    assert by_year["2011"]["imported"] == 50 and by_year["2011"]["extracted"] == 0


def test_api_trends_filters_and_pages(client):
    params = {"country": "VNM", "partner": "CHN", "quad": "cooperation", "types": "VISIT"}
    body = client.get("/api/trends", params=params).json()
    assert sum(r["count"] for r in body["data"]) == 7
    page = client.get("/api/trends", params={"country": "VNM", "limit": 5, "offset": 10}).json()
    assert page["count"] == 48 and len(page["data"]) == 5 and page["data"][0]["period"] == SPAN[10]
    dated = client.get("/api/trends", params={"country": "VNM", "since": "2012", "until": "2012"})
    assert dated.json()["count"] == 12
    none = client.get("/api/trends", params={"country": "VNM", "sources": "extracted"}).json()
    assert none == {"data": [], "count": 0, "limit": 500, "offset": 0}


@pytest.mark.parametrize(
    "params",
    [
        {"country": "VNM", "by": "week"},
        {"country": "VNM", "quad": "friendly"},
        {"country": "VNM", "sources": "rumours"},
        {"country": "VNM", "since": "last year"},
        {"country": "<script>"},
        {"partner": "CHN"},  # country is required
    ],
)
def test_api_trends_bad_parameters_use_the_envelope(client, params):
    r = client.get("/api/trends", params=params)
    assert r.status_code == 422
    body = r.json()
    assert body["ok"] is False and body["status"] == 422 and body["error"]


@pytest.mark.parametrize("path", ["/api/trends", "/api/alerts"])
@pytest.mark.parametrize(
    "dates", [{"until": "9999"}, {"since": "0001"}, {"since": "1799-12"}, {"until": "2200"}]
)
def test_api_history_dates_outside_1800_2199_are_422(client, path, dates):
    r = client.get(path, params={"country": "VNM", "partner": "CHN", **dates})
    assert r.status_code == 422 and r.json()["ok"] is False  # never minutes of work (#19)


def test_api_trends_extreme_dates_span_the_data_not_the_range(client):
    """since=1800&until=2199 gives the 48 months that hold data, not 4,800 zero-filled ones."""
    params = {"country": "VNM", "partner": "CHN", "since": "1800", "until": "2199"}
    body = client.get("/api/trends", params=params).json()
    assert body["count"] == 48 and body["data"][0]["period"] == SPAN[0]
    assert body["data"][-1]["period"] == SPAN[-1]


def test_api_alerts_flag_the_spike_with_evidence(client):
    r = client.get("/api/alerts", params={"country": "VNM", "quad": "conflict", "top": 3})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["count"] == len(body["data"]) >= 1 and body["limit"] == 3
    top = body["data"][0]
    assert (top["period"], top["a"], top["b"], top["observed"]) == (SPAN[40], "VNM", "CHN", 60)
    ev = top["evidence"][0]
    assert (ev["origin"], ev["dataset"], ev["file"], ev["count"]) == ("imported", "csv",
                                                                       "made.csv", 60)  # fmt: skip
    assert isinstance(ev["row"], int)
    assert client.get("/api/alerts", params={"top": 0}).status_code == 422
    quiet = client.get("/api/alerts", params={"country": "VNM", "until": "2012"}).json()
    assert quiet["data"] == []


def test_api_forecast_has_intervals_or_a_clear_501(client, monkeypatch):
    params = {"country": "VNM", "partner": "CHN", "series": "conflict", "horizon": 3}
    r = client.get("/api/forecast", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["last_observed"] == SPAN[-1] and len(body["forecast"]) == 3
    p = body["forecast"][0]
    assert p["lo95"] <= p["lo80"] <= p["forecast"] <= p["hi80"] <= p["hi95"]
    assert client.get("/api/forecast", params={**params, "horizon": 13}).status_code == 422
    short = client.get("/api/forecast", params={"country": "VNM", "partner": "KEN"})
    assert short.status_code == 422 and "D406" in short.json()["error"]
    monkeypatch.setattr("diplograph.api.routes.history.forecasting_available", lambda: False)
    missing = client.get("/api/forecast", params=params)
    assert missing.status_code == 501
    assert missing.json()["ok"] is False and "statsmodels" in missing.json()["error"]


@pytest.mark.parametrize("path", ["/api/trends", "/api/alerts", "/api/forecast"])
def test_api_history_reads_names_in_any_spelling(client, path):
    if path == "/api/forecast":
        pytest.importorskip("statsmodels")
    by_code = client.get(path, params={"country": "VNM", "partner": "CHN"})
    by_name = client.get(path, params={"country": "Viet Nam", "partner": "China"})
    assert by_code.status_code == by_name.status_code == 200
    assert by_name.json() == by_code.json() and by_code.json()
    typo = client.get(path, params={"country": "Vietnm", "partner": "China"})
    assert typo.status_code == 422 and "did you mean" in typo.json()["error"]
