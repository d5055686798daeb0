"""Trends, alerts and forecasts on series we make, in a real SQLite store."""

from __future__ import annotations

import json

import numpy as np
import pytest

from diplograph.analysis.alerts import find_alerts, score_series
from diplograph.analysis.forecast import backtest, fit_forecast
from diplograph.analysis.trends import SeriesQuery, build_series, period_range, sparkline
from diplograph.cli import app


def _cells(counts: dict[str, int], quad: int = 3, a: str = "VNM", b: str = "CHN") -> list[dict]:
    rows = []
    for i, (month, n) in enumerate(sorted(counts.items())):
        if n:
            rows.append(
                {
                    "dataset": "csv",
                    "file": "made.csv",
                    "row": quad * 10_000 + i,
                    "date": month,
                    "source_code": a,
                    "source_name": a,
                    "target_code": b,
                    "target_name": b,
                    "quad_class": quad,
                    "count": n,
                }
            )
    return rows


def _months(n: int, start: str = "2000-01") -> list[str]:
    y, m = int(start[:4]), int(start[5:])
    return [f"{y + (m - 1 + i) // 12}-{(m - 1 + i) % 12 + 1:02d}" for i in range(n)]


def test_analysis_trend_counts_by_hand(store):
    store.add_imported_events(_cells({"2020-01": 2, "2020-03": 5}, quad=1))
    store.add_imported_events(_cells({"2020-03": 1, "2020-05": 4}, quad=4, a="CHN", b="VNM"))
    store.add_imported_events(_cells({"2020-02": 9}, quad=1, a="VNM", b="VNM"))  # domestic
    s = build_series(store, SeriesQuery("VNM", "CHN", by="month"))
    assert s.periods == ["2020-01", "2020-02", "2020-03", "2020-04", "2020-05"]
    assert s.total == [2, 0, 6, 0, 4]
    assert s.cooperation == [2, 0, 5, 0, 0] and s.conflict == [0, 0, 1, 0, 4]
    assert s.balance == [1.0, None, round(4 / 6, 3), None, -1.0]
    q = build_series(store, SeriesQuery("VNM", "CHN", by="quarter", quads=(3, 4)))
    assert (q.periods, q.total) == (["2020-Q1", "2020-Q2"], [1, 4])
    directed = build_series(store, SeriesQuery("VNM", "CHN", by="year", directed=True))
    assert directed.total == [7]


def test_analysis_series_rows_compute_the_balance_once(monkeypatch):
    """Rows read the balance series once, not once per row (it was quadratic: #19)."""
    from diplograph.analysis.trends import Series

    n = 4_800  # 1800-2199 by month, the widest range the API accepts
    s = Series(query=SeriesQuery("VNM", "CHN"), periods=[str(i) for i in range(n)],
               total=[2] * n, cooperation=[1] * n, conflict=[1] * n, extracted=[2] * n,
               imported=[0] * n)  # fmt: skip
    real = Series.balance.fget
    assert real is not None
    calls: list[int] = []
    monkeypatch.setattr(Series, "balance", property(lambda self: calls.append(1) or real(self)))
    rows = s.rows()
    assert len(rows) == n and rows[-1]["balance"] == 0.0 and len(calls) == 1


def test_analysis_period_range_and_sparkline():
    assert period_range("2019-Q4", "2020-Q2", "quarter") == ["2019-Q4", "2020-Q1", "2020-Q2"]
    assert period_range("2019-11", "2020-01", "month") == ["2019-11", "2019-12", "2020-01"]
    assert sparkline([0, 4, 8]) == "▁▄█"


def test_analysis_level_shift_flagged_at_its_onset(store):
    rng = np.random.default_rng(7)
    months = _months(72)
    counts = {m: int(rng.poisson(5 if i < 48 else 30)) for i, m in enumerate(months)}
    store.add_imported_events(_cells(counts))
    alerts = find_alerts(store, SeriesQuery("VNM", "CHN", quads=(3, 4)), top=5)
    assert alerts and alerts[0].period == months[48]
    assert alerts[0].direction == "up" and alerts[0].evidence


def test_analysis_flat_and_seasonal_series_raise_nothing():
    rng = np.random.default_rng(3)
    flat = [10] * 96
    seasonal = [int(rng.poisson(20 + 15 * np.sin(2 * np.pi * i / 12))) for i in range(120)]
    for series in (flat, seasonal):
        _, z = score_series(series, "month")
        assert np.nanmax(np.abs(z)) < 3.5


def test_analysis_obvious_spike_in_cli_json(runner, store, db_path):
    months = _months(48)
    counts = dict.fromkeys(months, 4)
    counts[months[40]] = 60
    store.add_imported_events(_cells(counts))
    result = runner.invoke(
        app,
        ["alerts", "-c", "VNM", "-p", "CHN", "--quad", "conflict", "--json", "--db", str(db_path)],
    )
    assert result.exit_code == 0, result.output
    top = json.loads(result.stdout)[0]
    assert (top["period"], top["a"], top["b"], top["observed"]) == (months[40], "VNM", "CHN", 60)
    assert top["series"] == "conflict" and top["evidence"][0]["count"] == 60


def test_analysis_forecast_shape_and_interval_order():
    rng = np.random.default_rng(1)
    fc = fit_forecast(rng.poisson(12, 60), horizon=4)
    assert len(fc.mean) == len(fc.lo80) == len(fc.hi95) == 4
    for lo95, lo80, mid, hi80, hi95 in zip(
        fc.lo95, fc.lo80, fc.mean, fc.hi80, fc.hi95, strict=True
    ):
        assert 0 <= lo95 <= lo80 <= mid <= hi80 <= hi95


def test_analysis_intervals_cover_a_stationary_process():
    rng = np.random.default_rng(11)
    result = backtest(rng.poisson(20, 160), horizon=3, origins=12, step=4)
    assert 0.65 <= result.coverage80 <= 0.95
    assert result.coverage95 >= 0.85
    # on pure noise the seasonal-naive forecast is worse than a smoothed level
    assert result.mase < result.mase_seasonal_naive


def test_analysis_backtest_needs_history():
    with pytest.raises(Exception, match="not enough history"):
        backtest([1, 2, 3, 4, 5], horizon=3)


def test_analysis_trends_and_forecast_cli(runner, store, db_path, tmp_path):
    rng = np.random.default_rng(5)
    store.add_imported_events(_cells({m: int(rng.poisson(8)) + 1 for m in _months(48)}))
    db = ["--db", str(db_path)]
    table = runner.invoke(app, ["trends", "-c", "VNM", "-p", "CHN", "--by", "year", *db])
    assert table.exit_code == 0 and "2003" in table.stdout
    rows = json.loads(runner.invoke(app, ["trends", "-c", "VNM", "-f", "json", *db]).stdout)
    assert len(rows) == 48
    fc = runner.invoke(app, ["forecast", "-c", "VNM", "-p", "CHN", "--horizon", "3", "--json", *db])
    assert fc.exit_code == 0, fc.output
    assert [r["period"] for r in json.loads(fc.stdout)["forecast"]] == [
        "2004-01",
        "2004-02",
        "2004-03",
    ]
    bt = runner.invoke(app, ["forecast", "-c", "VNM", "-p", "CHN", "--backtest", "--json", *db])
    assert set(json.loads(bt.stdout)) >= {"series", "model", "mase", "mase_mean", "coverage80"}
    png = runner.invoke(
        app, ["trends", "-c", "VNM", "-f", "png", "-o", str(tmp_path / "t.png"), *db]
    )
    assert png.exit_code == 0 and (tmp_path / "t.png").stat().st_size > 1000


def test_analysis_alerts_rank_by_magnitude_not_by_a_tiny_baseline(store):
    months = _months(60)
    counts = {m: (1 if i < 30 else 7) for i, m in enumerate(months)}
    counts[months[18]] = 33  # a small early spike over a near-empty baseline …
    counts[months[50]] = 76  # … and a large one over an established level
    store.add_imported_events(_cells(counts))
    alerts = find_alerts(store, SeriesQuery("VNM", "CHN", quads=(3, 4)), top=5)
    assert [a.period for a in alerts[:2]] == [months[50], months[18]]
    top = alerts[0]
    assert top.surprise is not None and top.surprise > 3  # tail probability ≤ 1e-3
    assert top.interval is not None and top.interval[0] <= 7 <= top.interval[1]
    old = find_alerts(store, SeriesQuery("VNM", "CHN", quads=(3, 4)), top=5, method="z")
    assert old and old[0].surprise is None  # the former z-score, kept for comparison


def test_analysis_media_growth_is_no_crisis(store):
    months = _months(60)
    # the whole store's volume triples at month 36, and the pair grows with it
    big = {m: (300 if i < 36 else 900) for i, m in enumerate(months)}
    pair = {m: (10 if i < 36 else 30) for i, m in enumerate(months)}
    store.add_imported_events(_cells(big, quad=4, a="USA", b="RUS"))
    store.add_imported_events(_cells(pair, a="VNM", b="CHN"))
    q = SeriesQuery("VNM", "CHN", quads=(3, 4))
    assert find_alerts(store, q, top=5) == []


def test_analysis_the_same_step_without_media_growth_is_an_escalation(store):
    months = _months(60)
    store.add_imported_events(_cells(dict.fromkeys(months, 300), quad=4, a="USA", b="RUS"))
    store.add_imported_events(_cells({m: (10 if i < 36 else 30) for i, m in enumerate(months)}))
    alerts = find_alerts(store, SeriesQuery("VNM", "CHN", quads=(3, 4)), top=5)
    assert alerts and alerts[0].period == months[36] and alerts[0].through >= months[36]


def test_analysis_down_alerts_only_when_asked(store):
    months = _months(48)
    counts = {m: (40 if i < 36 else 3) for i, m in enumerate(months)}
    store.add_imported_events(_cells(counts))
    q = SeriesQuery("VNM", "CHN", quads=(3, 4))
    assert find_alerts(store, q, top=5) == []  # escalations are the default
    down = find_alerts(store, q, top=5, direction="down")
    assert down and down[0].period == months[36] and down[0].direction == "down"
    with pytest.raises(ValueError):
        find_alerts(store, q, direction="sideways")


def test_analysis_forecasts_restart_after_a_coverage_gap():
    from diplograph.analysis.forecast import trim

    assert list(trim([0, 0, 5, 4, 6, 0, 0, 0, 0, 0, 0, 3, 4])) == [3, 4]
    assert list(trim([0, 1, 0, 0, 0, 0, 0, 0, 1, 2])) == [1, 0, 0, 0, 0, 0, 0, 1, 2]  # quiet


def test_analysis_forecast_uses_a_baseline_when_it_wins():
    pytest.importorskip("statsmodels")
    season = [3, 9, 20, 7, 2, 15, 30, 4, 8, 11, 25, 6]
    fc = fit_forecast(np.array(season * 6, dtype=float), horizon=6)
    assert fc.model == "seasonal naive"  # a rhythm repeated exactly: nothing beats it
    assert fc.mean == [float(v) for v in season[:6]]
    assert all(lo <= m <= hi for lo, m, hi in zip(fc.lo80, fc.mean, fc.hi80, strict=True))
