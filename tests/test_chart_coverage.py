"""Charts people can read (#17): value axes, gaps drawn as gaps, partial periods marked and
left out of forecast fits, and the overview's country selector. All data are invented."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from historydata import months, rows

from diplograph.analysis import forecast as forecast_module
from diplograph.analysis.forecast import fit_window
from diplograph.analysis.trends import SeriesQuery, build_series, data_coverage
from diplograph.jobs import ingest_documents
from diplograph.query.charts import Point, bar_chart, yearly_chart
from diplograph.query.history import forecast_series
from diplograph.server import create_app
from diplograph.settings import Settings
from diplograph.store import SQLiteStore

# VNM–CHN every month of 2010-2011 and 2012-04 … 2014-01; nothing at all stored in
# 2012-01 … 2012-03 (a gap); the store's data end on 2014-02-10 (2014-02 is partial)
BEFORE = months(24, "2010-01")
AFTER = months(22, "2012-04")
GAP = ["2012-01", "2012-02", "2012-03"]
END = "2014-02-10"


def _history(db: Path) -> None:
    store = SQLiteStore(str(db))
    counts = {m: 5 + i % 3 for i, m in enumerate(BEFORE + AFTER)}
    data = rows(counts, "VNM", "CHN", quad=1)
    last = rows({"2014-02": 2}, "VNM", "CHN", quad=1, start_row=len(data))
    last[0]["date"] = END  # a day-precision record: the data stop inside February
    store.add_imported_events(data + last)
    store.close()


@pytest.fixture
def history_db(db_path: Path) -> Path:
    _history(db_path)
    return db_path


def test_series_marks_gaps_and_the_partial_last_period(history_db: Path) -> None:
    store = SQLiteStore(str(history_db))
    try:
        series = build_series(store, SeriesQuery("VNM", "CHN", by="month"))
    finally:
        store.close()
    by_period = {r["period"]: r for r in series.rows()}
    for m in GAP:
        assert by_period[m]["gap"] is True and by_period[m]["count"] == 0
    assert not any(by_period[m]["gap"] for m in BEFORE + AFTER + ["2014-02"])
    assert [p for p, r in by_period.items() if r["partial"]] == ["2014-02"]
    assert series.partial_note(series.periods.index("2014-02")) == f"partial: data to {END}"


def test_a_zero_with_coverage_is_a_zero_not_a_gap(history_db: Path) -> None:
    store = SQLiteStore(str(history_db))
    try:  # another pair stored in 2012-02: the store covers that month, VNM–CHN had none
        store.add_imported_events(rows({"2012-02": 3}, "VNM", "USA", start_row=500))
        series = build_series(store, SeriesQuery("VNM", "CHN", by="month"))
    finally:
        store.close()
    gaps = [p for p, g in zip(series.periods, series.gap, strict=True) if g]
    assert gaps == ["2012-01", "2012-03"]


def test_series_runs_on_through_covered_months_after_its_last_event(history_db: Path) -> None:
    store = SQLiteStore(str(history_db))
    try:  # another pair goes on to 2014-05; VNM–JPN stops in 2013-06
        store.add_imported_events(rows({"2013-06": 2}, "VNM", "JPN", start_row=600))
        store.add_imported_events(rows({"2014-05": 1}, "VNM", "USA", start_row=700))
        series = build_series(store, SeriesQuery("VNM", "JPN", by="month"))
    finally:
        store.close()
    # every month after 2013-06 up to 2014-02 is covered (VNM–CHN data): real zeros; 2014-03
    # has no data at all, so the series stops there rather than zero-fill the gap to 2014-05
    assert series.periods[0] == "2013-06" and series.periods[-1] == "2014-02"
    assert series.total[1:] == [0] * (len(series.periods) - 1)
    assert not any(series.gap)


def test_yearly_series_partial_year(history_db: Path) -> None:
    store = SQLiteStore(str(history_db))
    try:
        series = build_series(store, SeriesQuery("VNM", "CHN", by="year"))
    finally:
        store.close()
    assert series.periods == ["2010", "2011", "2012", "2013", "2014"]
    assert series.partial == [False, False, False, False, True]
    assert series.gap == [False] * 5  # 2012 has data from April on
    assert series.partial_note(4) == f"partial: data to {END}"


def test_forecast_fit_skips_the_gap_and_the_partial_period(
    history_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SQLiteStore(str(history_db))
    try:
        series = build_series(store, SeriesQuery("VNM", "CHN", by="month"))
    finally:
        store.close()
    periods, counts = fit_window(series)
    assert periods == AFTER  # after the gap, without the partial 2014-02
    seen: list[np.ndarray[Any, Any]] = []
    real = forecast_module.fit_forecast

    def spy(x: Any, horizon: int, by: str = "month") -> forecast_module.Forecast:
        seen.append(np.asarray(x))
        return real(np.asarray(x), horizon, by)

    monkeypatch.setattr(forecast_module, "fit_forecast", spy)
    pytest.importorskip("statsmodels")
    fc = forecast_series(series, 3, "VNM–CHN")
    assert len(seen) == 1 and seen[0].tolist() == counts.tolist()
    assert len(seen[0]) == len(AFTER) and 0 not in seen[0]  # no gap zeros, no partial count
    assert (fc.fitted_from, fc.last_observed, fc.fitted_periods) == ("2012-04", "2014-01", 22)
    assert [p.period for p in fc.forecast] == ["2014-02", "2014-03", "2014-04"]


def test_bar_chart_has_a_value_axis_and_gap_slots() -> None:
    chart = bar_chart([Point("2010", 7), Point("2011", 0, gap=True), Point("2012", 0)])
    labels = [t for _, t in chart.yticks]
    assert labels[0] == "0" and int(labels[-1]) >= 7 and len(labels) >= 3
    ys = [y for y, _ in chart.yticks]
    assert ys == sorted(ys, reverse=True) and ys[0] == chart.bottom
    gap, zero = chart.bars[1], chart.bars[2]
    assert gap.gap and gap.height > 0 and gap.tooltip == "2011: no data"
    assert not zero.gap and zero.height == 0 and zero.tooltip == "2012: 0"


def test_yearly_chart_uses_document_coverage(history_db: Path) -> None:
    store = SQLiteStore(str(history_db))
    try:
        cov = data_coverage(store)
    finally:
        store.close()
    chart = yearly_chart({"2008": 1, "2010": 4, "2014": 2}, cov)
    by = {b.label: b for b in chart.bars}
    assert by["2009"].gap and by["2009"].css == "bar gap"
    assert not by["2011"].gap and by["2011"].value == 0  # covered: a true zero
    assert by["2014"].partial and "partial: data to 2014-02-10" in by["2014"].tooltip


def _rects(html: str) -> list[str]:
    return re.findall(r"<rect [^>]*>.*?</rect>", html)


def test_partner_trend_svg_draws_gaps_partial_and_axis(history_db: Path) -> None:
    with TestClient(create_app(Settings(db=str(history_db), home="VNM"))) as c:
        html = c.get("/partners/CHN").text
    trend = html[html.index('class="chart trend"') :]
    trend = trend[: trend.index("</figure>")]
    rects = _rects(trend)
    for m in GAP:
        (slot,) = [r for r in rects if f"<title>{m}:" in r]
        assert 'class="bar gap"' in slot and f"{m}: no data" in slot
    (last,) = [r for r in rects if "<title>2014-02:" in r]
    assert 'class="bar partial"' in last and f"partial: data to {END}" in last
    assert f"2014-02 partial: data to {END}" in trend and "dashed slots: no data" in trend
    yticks = re.findall(r'class="tick ytick">([^<]+)<', trend)
    assert yticks[0] == "0" and len(yticks) >= 3
    assert 'class="axis y-axis"' in trend


def test_api_trends_json_marks_gaps_and_partial(history_db: Path) -> None:
    with TestClient(create_app(Settings(db=str(history_db)))) as c:
        data = c.get("/api/trends", params={"country": "VNM", "partner": "CHN"}).json()["data"]
    by = {p["period"]: p for p in data}
    assert by["2012-02"]["gap"] is True and by["2012-02"]["partial"] is False
    assert by["2014-02"]["partial"] is True and by["2014-02"]["gap"] is False
    assert by["2013-05"]["gap"] is False and by["2013-05"]["partial"] is False


PHL_ARTICLE = (
    "title: Vietnam and the Philippines hold talks\npublished: 2024-03-05\n"
    "outlet: Invented Wire\n---\n"
    "MANILA – Philippine President Ferdinand Marcos Jr. held talks with Vietnamese President "
    "Vo Van Thuong in Manila on March 4, 2024.\n\n"
    "The two sides signed an agreement on rice trade.\n"
)


@pytest.fixture
def overview_db(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "ph-vn-2024.txt").write_text(PHL_ARTICLE, encoding="utf-8")
    db = tmp_path / "ov.db"
    store = SQLiteStore(str(db))
    try:
        ingest_documents([str(folder)], store, Settings(db=str(db)))
    finally:
        store.close()
    return db


def test_overview_country_selector(overview_db: Path) -> None:
    with TestClient(create_app(Settings(db=str(overview_db), home="VNM"))) as c:
        ph = c.get("/", params={"country": "Philippines"})
        typo = c.get("/", params={"country": "Phillipines"})
        plain = c.get("/")
    assert ph.status_code == 200
    assert "<h1>Overview of Philippines</h1>" in ph.text
    assert "Partners of Philippines by tier" in ph.text
    assert 'name="country" value="Philippines"' in ph.text
    assert 'id="focus-events"' in ph.text and "/events?country=PHL" in ph.text
    assert typo.status_code == 400
    assert "did you mean Philippines (PHL)?" in typo.text
    assert "<h1>Overview</h1>" in plain.text and "Partners of Vietnam by tier" in plain.text


def test_store_data_months_on_both_backends(store: Any) -> None:
    store.add_imported_events(
        rows({"2019-11": 2, "2020-01": 1}, "VNM", "CHN")
        + rows({"2020-01": 4}, "VNM", "USA", start_row=10)
    )
    got = sorted((r["origin"], r["month"], r["first"], r["last"]) for r in store.data_months())
    assert got == [
        ("csv", "2019-11", "2019-11", "2019-11"),
        ("csv", "2020-01", "2020-01", "2020-01"),
    ]
    cov = data_coverage(store)
    assert cov.months == {"2019-11", "2020-01"}
    assert (cov.start, cov.end) == ("2019-11-01", "2020-01-31")
    assert data_coverage(store, ("extracted",)).months == frozenset()  # no documents


def test_overview_downloads_the_event_records_of_its_country(overview_db: Path) -> None:
    import csv
    import io
    import re

    with TestClient(create_app(Settings(db=str(overview_db), home="VNM"))) as c:
        ph = c.get("/", params={"country": "Philippines"})
        links = re.findall(r'href="(/events\?[^"]*format=(?:csv|json))"', ph.text)
        base = "/events?country=PHL&amp;format="
        assert links == [base + "csv", base + "json"]
        rows = list(csv.DictReader(io.StringIO(c.get(links[0].replace("&amp;", "&")).text)))
        shown = re.search(r'id="focus-events"><b>([\d,]+)</b>', ph.text)
        assert shown is not None and len(rows) == int(shown.group(1).replace(",", "")) > 0
        assert all("PHL" in (r["source_code"], r["target_code"]) for r in rows)
        everything = re.findall(r'href="(/events\?format=csv)"', c.get("/").text)
        assert everything == ["/events?format=csv"]
