"""Canonical events: the same visit reported by two documents is one event with two sources."""

from __future__ import annotations

from diplograph.jobs import ingest_documents
from diplograph.query.canonical import canonical_events, cluster_events, dates_compatible

VISIT_A = """url: https://example.org/a
outlet: Example Daily
published: 2023-03-10
title: Prime Minister visits Singapore
---
HANOI – Prime Minister Pham Minh Chinh began an official visit to Singapore on March 9, 2023.

The two sides agreed to expand cooperation in digital trade and green energy.
"""
VISIT_B = """url: https://example.org/b
outlet: Example Wire
published: 2023-03-11
title: Vietnam and Singapore deepen ties
---
Vietnamese Prime Minister Pham Minh Chinh paid an official visit to Singapore on March 9, 2023.
"""


def _row(doc: str, type_: str, src: str, tgt: str, date: str | None) -> dict[str, object]:
    return {
        "doc_id": doc,
        "sent_idx": 0,
        "start": 0,
        "end": 10,
        "sentence": f"{src} {type_} {tgt}",
        "type": type_,
        "source_code": src,
        "target_code": tgt,
        "date": date,
        "location": None,
        "status": "happened",
    }


def test_canonical_same_visit_two_documents_is_one_event(store, settings, write):
    folder = write("in/sg-visit-a.txt", VISIT_A).parent
    write("in/sg-visit-b.txt", VISIT_B)
    ingest_documents([str(folder)], store, settings)
    visits = [e for e in canonical_events(store) if e.type == "VISIT"]
    assert len(visits) == 1
    assert (visits[0].source, visits[0].target, visits[0].date) == ("VNM", "SGP", "2023-03-09")
    assert visits[0].docs == ["sg-visit-a", "sg-visit-b"]


def test_canonical_symmetric_types_ignore_actor_order():
    rows = [
        _row("a", "MEET", "VNM", "SGP", "2023-03-09"),
        _row("b", "MEET", "SGP", "VNM", "2023-03-09"),
    ]
    assert len(cluster_events(rows)) == 1


def test_canonical_visit_direction_matters():
    rows = [
        _row("a", "VISIT", "VNM", "SGP", "2023-03-09"),
        _row("b", "VISIT", "SGP", "VNM", "2023-03-09"),
    ]
    assert len(cluster_events(rows)) == 2


def test_canonical_dates_prefix_or_within_days():
    assert dates_compatible("2023-03", "2023-03-09")
    assert dates_compatible("2023-03-09", "2023-03-11")
    assert not dates_compatible("2023-03-09", "2023-04-09")
    rows = [
        _row("a", "CALL", "VNM", "AUS", "2023-05-04"),
        _row("b", "CALL", "VNM", "AUS", "2023-08-01"),
    ]
    assert len(cluster_events(rows)) == 2


def test_canonical_same_document_records_stay_apart():
    rows = [
        _row("a", "CALL", "VNM", "AUS", "2023-05-04"),
        _row("a", "CALL", "VNM", "AUS", "2023-05-05"),
    ]
    assert len(cluster_events(rows)) == 2


def _reference_clusters(rows: list[dict[str, object]], max_days: int) -> list[list[int]]:
    """The clustering rule written plainly: every cluster of the key is compared."""
    from diplograph.query.canonical import _similarity, pair_key
    from diplograph.query.terms import content_terms

    order = sorted(
        range(len(rows)), key=lambda i: (-len(str(rows[i]["date"] or "")), str(rows[i]["doc_id"]))
    )
    clusters: list[tuple[tuple[str, str, str], str | None, list[int], set[str]]] = []
    for i in order:
        r = rows[i]
        key = pair_key(str(r["type"]), r["source_code"], r["target_code"])  # type: ignore[arg-type]
        words = set(content_terms(str(r["sentence"])))
        best = None
        for c in clusters:
            if c[0] != key or any(rows[j]["doc_id"] == r["doc_id"] for j in c[2]):
                continue
            if not dates_compatible(c[1], r["date"], max_days):  # type: ignore[arg-type]
                continue
            rank = (int(c[1] == r["date"]), _similarity(c[3], words))
            if best is None or rank > best[0]:
                best = (rank, c)
        if best is None:
            clusters.append((key, r["date"], [i], words))  # type: ignore[arg-type]
        else:
            best[1][2].append(i)
            best[1][3].update(words)
    return sorted(sorted(c[2]) for c in clusters)


def test_canonical_date_index_finds_what_every_comparison_finds():
    import random

    rnd = random.Random(5)
    dates = [None, "", "2023", "2023-12", "2023-1", "2023-12-30", "2023-12-31", "2024-01-02",
             "2024-01-05", "2024", "2024-01", "2023-02-30", "2023-03-01"]  # fmt: skip
    for _ in range(200):
        rows = [
            {**_row(f"d{rnd.randint(0, 12)}", rnd.choice(["MEET", "VISIT"]),
                    rnd.choice(["VNM", "LAO"]), rnd.choice(["VNM", "THA"]), rnd.choice(dates)),
             "sentence": rnd.choice(["talks on trade", "a visit on trade", "a state visit"])}
            for _ in range(rnd.randint(1, 40))
        ]  # fmt: skip
        for max_days in (0, 3):
            got = cluster_events(rows, max_days)
            ids = {id(r): i for i, r in enumerate(rows)}
            clusters = sorted(sorted(ids[id(s)] for s in ev.sources) for ev in got)
            assert clusters == _reference_clusters(rows, max_days)


def test_canonical_days_across_a_year_end_and_a_year_prefix():
    rows = [
        _row("a", "CALL", "VNM", "AUS", "2023-12-31"),
        _row("b", "CALL", "VNM", "AUS", "2024-01-02"),  # two days on: a's call
        _row("c", "CALL", "VNM", "AUS", "2024"),  # fits d's date, not a's
        _row("d", "CALL", "VNM", "AUS", "2024-01-06"),  # six days after a's: another call
    ]
    assert [ev.docs for ev in cluster_events(rows)] == [["a", "b"], ["c", "d"]]
