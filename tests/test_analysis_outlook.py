"""Tier outlook on invented history: a planted run-up ranks first, top tiers are left out."""

from __future__ import annotations

import json

import numpy as np
from historydata import months, rows

from diplograph.analysis.outlook import backtest_outlook, month_index, rank_outlook
from diplograph.cli import app

BACKGROUND = ("KEN", "NOR", "CHL", "MEX", "PER")


def _plant(store) -> None:
    """2008-01..2015-12: steady talks with five partners; IDN's visits, calls and agreements
    surge in the two years before its reference upgrade (strategic partnership, 2013-06)."""
    rng = np.random.default_rng(4)
    span = months(96)
    n = 0
    for code in (*BACKGROUND, "IDN"):
        steady = {m: int(rng.poisson(3)) for m in span}
        store.add_imported_events(rows(steady, "VNM", code, "MEET", start_row=n))
        n += 1000
        visits = {m: int(rng.poisson(0.3)) for m in span}
        store.add_imported_events(rows(visits, code, "VNM", "VISIT", start_row=n))
        n += 1000
    surge = [m for m in span if "2011-06" <= m < "2013-06"]
    for type_ in ("VISIT", "AGREE_SIGN", "CALL"):
        store.add_imported_events(rows(dict.fromkeys(surge, 3), "VNM", "IDN", type_, start_row=n))
        n += 1000
    # China talks most, but has held the top tier since 2008-05: never a candidate after it
    store.add_imported_events(rows(dict.fromkeys(span, 40), "VNM", "CHN", "VISIT", start_row=n))


def test_outlook_ranks_planted_surge_first(store):
    _plant(store)
    result = rank_outlook(store, "VNM", as_of="2013-06")
    assert result.as_of == "2013-06"
    assert result.ranking[0].partner == "IDN"
    assert result.ranking[0].visits >= 72 and result.ranking[0].agreements == 72
    assert "CHN" not in [p.partner for p in result.ranking]


def test_outlook_uses_no_data_from_the_cutoff_month_on(store):
    _plant(store)
    before = rank_outlook(store, "VNM", as_of="2011-06")  # the surge starts in 2011-06
    assert before.ranking[0].partner != "IDN" or before.ranking[0].agreements == 0
    assert all(p.agreements == 0 for p in before.ranking)


def test_outlook_top_tier_partner_is_a_candidate_only_before_it(store):
    _plant(store)
    early = rank_outlook(store, "VNM", as_of="2008-04")
    assert "CHN" in [p.partner for p in early.ranking]


def test_outlook_backtest_hits_the_planted_upgrade(store):
    _plant(store)
    bt = backtest_outlook(store, "VNM")
    idn = next(c for c in bt.checks if c.upgrade.partner == "IDN" and c.upgrade.date == "2013-06")
    assert idn.scored and idn.rank == 1 and idn.hit(3)
    assert idn.as_of == "2013-06" and idn.leaders[0] == "IDN"
    late = next(c for c in bt.checks if c.upgrade.date.startswith("2025"))
    assert not late.scored and "does not cover" in late.reason  # history ends 2015
    assert bt.hit_rate(5) is not None and 0 <= bt.hit_rate(5) <= 1
    assert all(not c.hit(3) for c in bt.misses(3))


def test_outlook_month_index_reads_years_as_january():
    assert month_index("2010") == month_index("2010-01-15") == 2010 * 12


def test_outlook_cli_json_and_caveats(runner, store, db_url):
    _plant(store)
    result = runner.invoke(
        app, ["outlook", "-c", "VNM", "--as-of", "2013-06", "--top", "3", "--json", "--db", db_url]
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert [p["partner"] for p in body["ranking"]][0] == "IDN" and len(body["ranking"]) == 3
    assert set(body["backtest"]["hit_rate"]) == {"3", "5"}
    assert any("2015" in c for c in body["caveats"]) and any("20%" in c for c in body["caveats"])
    # marked experimental exactly when it does not beat volume-only ranking in its backtest
    bt = body["backtest"]
    beats = (bt["hit_rate"]["3"] or 0) > (bt["volume_hit_rate"]["3"] or 0)
    assert body["experimental"] is (not beats) and (body["warning"] is None) is beats
    table = runner.invoke(app, ["outlook", "-c", "VNM", "--db", db_url])
    assert table.exit_code == 0 and "Backtest" in table.stdout and "misses" in table.stdout


def test_outlook_cli_refuses_a_bad_date(runner, db_path):
    result = runner.invoke(app, ["outlook", "-c", "VNM", "--as-of", "soon", "--db", str(db_path)])
    assert result.exit_code == 2


def test_outlook_without_history_says_so(runner, db_path):
    from diplograph.store import SQLiteStore

    SQLiteStore(str(db_path)).close()  # an empty store: no history yet
    result = runner.invoke(app, ["outlook", "-c", "VNM", "--db", str(db_path)])
    assert result.exit_code == 0 and "No event history" in result.stdout
