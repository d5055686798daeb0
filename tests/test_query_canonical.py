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
