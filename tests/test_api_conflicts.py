"""/api/conflicts and canonical counts in /api/stats, on a store filled by the real ingest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conflictcorpus import HOSTILE, fill_store
from fastapi.testclient import TestClient

from diplograph.server import create_app
from diplograph.settings import Settings
from diplograph.store import Store


@pytest.fixture
def client(store: Store, tmp_path: Path) -> Iterator[TestClient]:
    summary = fill_store(store, tmp_path / "articles")
    assert summary.new == 2 and summary.failed == 0
    with TestClient(create_app(Settings(db=store.url))) as c:
        yield c


def test_api_conflicts_lists_both_sides_with_evidence(client: TestClient) -> None:
    body = client.get("/api/conflicts").json()
    assert body["count"] == 2 and (body["limit"], body["offset"]) == (50, 0)
    by_kind = {c["kind"]: c for c in body["data"]}
    fig = by_kind["figure"]
    assert fig["subject"] == "visits_abroad VNM 2023"
    assert fig["values"] == ["25 count", "27 count"]
    assert [e["doc_id"] for e in fig["evidence"]] == ["year-a", "year-b"]
    assert HOSTILE in fig["evidence"][1]["text"]  # JSON carries the text as it is
    assert set(by_kind["event_date"]["values"]) == {"2023-09-05", "2023-09-06"}


def test_api_conflicts_evidence_offsets_point_into_the_document(client: TestClient) -> None:
    ev = client.get("/api/conflicts").json()["data"][0]["evidence"][1]
    doc = client.get(f"/api/documents/{ev['doc_id']}").json()
    assert doc["text"][ev["start"] : ev["end"]] == ev["text"]


def test_api_conflicts_pages_and_filters(client: TestClient) -> None:
    first = client.get("/api/conflicts", params={"limit": 1}).json()
    second = client.get("/api/conflicts", params={"limit": 1, "offset": 1}).json()
    assert first["count"] == second["count"] == 2
    assert first["data"][0] != second["data"][0]
    assert client.get("/api/conflicts", params={"country": "vnm"}).json()["count"] == 2
    assert client.get("/api/conflicts", params={"country": "FRA"}).json() == {
        "data": [],
        "count": 0,
        "limit": 50,
        "offset": 0,
    }
    assert client.get("/api/conflicts", params={"since": "2024"}).json()["count"] == 0


def test_api_conflicts_reads_country_names_in_any_spelling(client: TestClient) -> None:
    by_code = client.get("/api/conflicts", params={"country": "VNM"}).json()
    assert by_code["count"] == 2
    for name in ("Viet Nam", "Vietnam", "vietnam"):
        assert client.get("/api/conflicts", params={"country": name}).json() == by_code
    csv = client.get("/api/conflicts", params={"country": "Viet Nam", "format": "csv"})
    assert csv.status_code == 200 and csv.text.count("\n") > 1
    typo = client.get("/api/conflicts", params={"country": "Vietnm"})
    assert typo.status_code == 422 and "did you mean" in typo.json()["error"]


def test_api_conflicts_bad_parameter_uses_the_error_envelope(client: TestClient) -> None:
    r = client.get("/api/conflicts", params={"since": "yesterday"})
    assert r.status_code == 422
    body = r.json()
    assert body["ok"] is False and body["status"] == 422 and "since" in body["error"]


def test_api_stats_reports_canonical_events_beside_records(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    # the Jakarta talks are reported by both articles: 5 event records, 4 real events
    assert stats["events"] == 5
    assert stats["canonical_events"] == 4
    assert stats["events_by_type"]["MEET"] == 2
    assert stats["canonical_events_by_type"]["MEET"] == 1
