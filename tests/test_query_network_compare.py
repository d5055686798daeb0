"""The network and comparison queries on both store backends, checked against direct SQL.

Each test ingests the bundled sample corpus with the real pipeline into the ``store`` fixture
(SQLite, and PostgreSQL when one is configured) and compares the query's counts with counts
written here in plain SQL, so nothing is pinned to what the extractor finds today.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from samplestore import ingest_sample

from diplograph.query.compare import compare_countries
from diplograph.query.inputs import InputError
from diplograph.query.network import GROUPS, build_network, parse_group, parse_types
from diplograph.store import Filters, SQLiteStore, Store

PAIRED = "source_code IS NOT NULL AND target_code IS NOT NULL AND source_code <> target_code"


def sql(store: Store, query: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows of a direct SQL query (``?`` placeholders) on either backend, as tuples."""
    if isinstance(store, SQLiteStore):
        return [tuple(r) for r in store.conn.execute(query, args).fetchall()]
    rows = store.conn.execute(query.replace("?", "%s"), args).fetchall()  # type: ignore[attr-defined]
    return [tuple(r.values()) for r in rows]


def pair_counts(
    store: Store, where: str = "", args: tuple[Any, ...] = ()
) -> Counter[tuple[str, str]]:
    """Events per unordered pair, folded here from a plain GROUP BY on the directed pair."""
    out: Counter[tuple[str, str]] = Counter()
    for src, tgt, n in sql(
        store,
        f"SELECT source_code, target_code, COUNT(*) FROM events WHERE {PAIRED} {where} "
        "GROUP BY source_code, target_code",
        args,
    ):
        out[(min(src, tgt), max(src, tgt))] += int(n)
    return out


@pytest.fixture
def sample(store: Store) -> Store:
    ingest_sample(store)
    return store


def test_store_event_pairs_match_sql(sample: Store) -> None:
    got = {
        (r["source_code"], r["target_code"], r["type"]): r["count"]
        for r in sample.event_pairs(Filters())
    }
    expected = {
        (s, t, k): int(n)
        for s, t, k, n in sql(
            sample,
            f"SELECT source_code, target_code, type, COUNT(*) FROM events WHERE {PAIRED} "
            "GROUP BY source_code, target_code, type",
        )
    }
    assert got == expected and len(got) > 20
    assert all(isinstance(n, int) for n in got.values())
    dated = sample.event_pairs(Filters(since="2023", until="2023-12"))
    where = f"{PAIRED} AND date >= ? AND date <= ?"
    n_dated = sql(sample, f"SELECT COUNT(*) FROM events WHERE {where}", ("2023", "2023-12-99"))[0][
        0
    ]
    assert sum(r["count"] for r in dated) == int(n_dated) > 0


def test_network_focus_is_its_partners_and_the_events_among_them(sample: Store) -> None:
    net = build_network(sample, "VNM")
    pairs = pair_counts(sample)
    partners = {a if b == "VNM" else b for a, b in pairs if "VNM" in (a, b)}
    shown = partners | {"VNM"}
    expected = {p: n for p, n in pairs.items() if p[0] in shown and p[1] in shown}
    assert {(e.a, e.b): e.count for e in net.edges} == expected
    assert {n.code for n in net.nodes} == shown
    assert net.nodes[0].code == "VNM" and net.nodes[0].focus and net.nodes[0].name == "Vietnam"
    assert net.events == sum(expected.values())
    for e in net.edges:
        assert e.a < e.b and e.a_to_b + e.b_to_a == e.count == sum(e.by_type.values())


def test_network_neighbours_keep_their_own_ties(sample: Store) -> None:
    pairs = pair_counts(sample)
    for focus in ("DEU", "AUS", "CHN"):
        net = build_network(sample, focus)
        partners = {a if b == focus else b for a, b in pairs if focus in (a, b)}
        among = {p for p in pairs if p[0] in partners and p[1] in partners}
        assert {(e.a, e.b) for e in net.edges if focus not in (e.a, e.b)} == among


def test_network_without_focus_is_every_pair(sample: Store) -> None:
    net = build_network(sample, None, max_nodes=500)
    assert {(e.a, e.b): e.count for e in net.edges} == dict(pair_counts(sample))
    assert net.focus is None and not any(n.focus for n in net.nodes)


def test_network_conflictual_group_counts_only_those_types(sample: Store) -> None:
    conflictual = sorted(GROUPS["conflictual"])
    marks = ", ".join("?" for _ in conflictual)
    expected = pair_counts(sample, f"AND type IN ({marks})", tuple(conflictual))
    net = build_network(sample, None, group="conflictual", max_nodes=500)
    assert {(e.a, e.b): e.count for e in net.edges} == dict(expected) and expected
    assert all(e.tone == "conflictual" and e.cooperative == 0 for e in net.edges)
    assert all(set(e.by_type) <= GROUPS["conflictual"] for e in net.edges)


def test_network_types_and_dates_filter_like_sql(sample: Store) -> None:
    expected = pair_counts(
        sample,
        "AND type IN (?, ?) AND date >= ? AND date <= ?",
        ("VISIT", "MEET", "2023", "2024-99"),
    )
    net = build_network(
        sample, None, since="2023", until="2024", types=("VISIT", "MEET"), max_nodes=500
    )
    assert {(e.a, e.b): e.count for e in net.edges} == dict(expected) and expected
    both = build_network(
        sample, None, types=("VISIT", "SANCTION"), group="conflictual", max_nodes=500
    )
    assert {t for e in both.edges for t in e.by_type} <= {"SANCTION"}


def test_network_max_nodes_keeps_the_focus_and_busiest(sample: Store) -> None:
    full = build_network(sample, "VNM")
    small = build_network(sample, "VNM", max_nodes=5)
    assert len(small.nodes) == 5 and small.nodes[0].code == "VNM"
    assert small.hidden_nodes == len(full.nodes) - 5
    kept = {n.code for n in small.nodes}
    assert all(e.a in kept and e.b in kept for e in small.edges)
    busiest = sorted(
        (e.count, e.b if e.a == "VNM" else e.a) for e in full.edges if "VNM" in (e.a, e.b)
    )
    assert busiest[-1][1] in kept


def test_network_is_deterministic(sample: Store) -> None:
    assert build_network(sample, "VNM") == build_network(sample, "VNM")


def test_network_inputs_suggest_on_typos() -> None:
    assert parse_types("visit, Meet") == ("VISIT", "MEET")
    with pytest.raises(InputError, match="did you mean VISIT"):
        parse_types("VISTI")
    assert parse_group(" Conflictual ") == "conflictual" and parse_group("") is None
    with pytest.raises(InputError, match="cooperative or conflictual"):
        parse_group("hostile")


def test_compare_counts_by_type_and_year_match_sql(sample: Store) -> None:
    c = compare_countries(sample, "VNM", "IDN", "JPN")
    assert [s.code for s in c.sides] == ["VNM", "IDN"] and c.partner_name == "Japan"
    for side in c.sides:
        pair = "((source_code = ? AND target_code = ?) OR (source_code = ? AND target_code = ?))"
        args = (side.code, "JPN", "JPN", side.code)
        by_type = {
            t: int(n)
            for t, n in sql(
                sample, f"SELECT type, COUNT(*) FROM events WHERE {pair} GROUP BY type", args
            )
        }
        yearly = (
            f"SELECT substr(date, 1, 4), COUNT(*) FROM events WHERE {pair} "
            "AND length(date) >= 4 GROUP BY substr(date, 1, 4)"
        )
        by_year = {y: int(n) for y, n in sql(sample, yearly, args)}
        assert side.by_type == by_type and side.events == sum(by_type.values())
        assert {y: n for y, n in side.by_year.items() if n} == by_year
        assert side.undated == side.events - sum(by_year.values())
        assert side.cooperative + side.conflictual == side.events
        assert list(side.by_year) == c.years
    assert c.sides[0].events > c.sides[1].events > 0
    assert set(c.types) == set(c.sides[0].by_type) | set(c.sides[1].by_type)


def test_compare_period_limits_counts_and_spans_its_years(sample: Store) -> None:
    c = compare_countries(sample, "VNM", "PHL", "CHN", since="2012", until="2024")
    assert c.years == [str(y) for y in range(2012, 2025)]
    n = sql(
        sample,
        "SELECT COUNT(*) FROM events WHERE ((source_code = 'VNM' AND target_code = 'CHN') "
        "OR (source_code = 'CHN' AND target_code = 'VNM')) "
        "AND date >= '2012' AND date <= '2024-99'",
    )
    assert c.sides[0].events == int(n[0][0]) > 0
    assert c.sides[0].conflictual > 0  # the protest over the fishermen


def test_compare_tier_is_the_one_reached_by_the_end_of_the_period(sample: Store) -> None:
    now = compare_countries(sample, "VNM", "IDN", "JPN")
    before = compare_countries(sample, "VNM", "IDN", "JPN", until="2015")
    assert now.sides[0].tier == "comprehensive strategic partnership"
    assert before.sides[0].tier == "strategic partnership"
    assert now.sides[0].timeline == before.sides[0].timeline  # the history is shown whole


def test_compare_refuses_the_same_country_or_partner(sample: Store) -> None:
    with pytest.raises(InputError, match="different countries"):
        compare_countries(sample, "VNM", "vnm", "CHN")
    with pytest.raises(InputError, match="pick a third"):
        compare_countries(sample, "VNM", "PHL", "PHL")
