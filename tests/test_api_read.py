"""Read-only API against a real SQLite store filled by the real ingest (invented articles)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from webcorpus import HOSTILE_SCRIPT, build_store

from diplograph.server import create_app
from diplograph.settings import Settings


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path, summary = build_store(tmp_path_factory.mktemp("api"))
    assert summary.new == 5 and summary.failed == 0
    return path


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(db)))) as c:
        yield c


def test_api_events_page_has_data_and_count(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 3}).json()
    assert body["count"] == 9
    assert len(body["data"]) == 3
    assert (body["limit"], body["offset"]) == (3, 0)


def test_api_events_offset_pages_do_not_overlap(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 4}).json()["data"]
    second = client.get("/api/events", params={"limit": 4, "offset": 4}).json()["data"]
    assert {e["id"] for e in first}.isdisjoint({e["id"] for e in second})
    assert len(first) + len(second) == 8


def test_api_events_filters_like_the_cli(client: TestClient) -> None:
    r = client.get("/api/events", params={"country": "vnm", "partner": "CHL", "type": "call"})
    data = r.json()["data"]
    assert [(e["type"], e["source"]["code"], e["target"]["code"]) for e in data] == [
        ("CALL", "VNM", "CHL")
    ]
    dated = client.get("/api/events", params={"since": "2024", "until": "2024-12"}).json()
    assert dated["count"] == 3
    assert all(e["date"].startswith("2024") for e in dated["data"])


def test_api_event_carries_evidence_offsets(client: TestClient, db: Path) -> None:
    event = client.get("/api/events", params={"type": "VISIT", "country": "KEN"}).json()["data"][0]
    ev = event["evidence"]
    doc = client.get(f"/api/documents/{ev['doc_id']}").json()
    assert doc["text"][ev["start"] : ev["end"]] == ev["text"]
    assert "state visit" in ev["text"]


def test_api_documents_list_counts_records(client: TestClient) -> None:
    body = client.get("/api/documents").json()
    assert body["count"] == 5
    by_id = {d["id"]: d for d in body["data"]}
    assert by_id["vn-nigeria-upgrade-2025"]["relations"] == 1
    assert client.get("/api/documents", params={"since": "2025"}).json()["count"] == 1


def test_api_document_detail_has_sentences_and_records(client: TestClient) -> None:
    doc = client.get("/api/documents/vn-nigeria-upgrade-2025").json()
    assert doc["published"] == "2025-03-02"
    assert {e["type"] for e in doc["events"]} == {"PARTNERSHIP_UPGRADE", "MEET"}
    assert doc["relations"][0]["level"] == "strategic partnership"
    assert all(doc["text"][s["start"] : s["end"]] == s["text"] for s in doc["sentences"])
    assert HOSTILE_SCRIPT in doc["text"]  # JSON carries the text verbatim


def test_api_unknown_document_uses_error_envelope(client: TestClient) -> None:
    r = client.get("/api/documents/nope")
    assert r.status_code == 404
    assert r.json() == {
        "ok": False,
        "error": "no document 'nope'; list them at /api/documents",
        "errors": [],
        "status": 404,
    }


def test_api_figures_filter_on_indicator(client: TestClient) -> None:
    body = client.get("/api/figures", params={"type": "trade_value", "since": "2023"}).json()
    assert body["count"] == 1
    assert body["data"][0]["value"] == 500_000_000
    assert body["data"][0]["unit"] == "USD"


def test_api_relations_filter_on_level(client: TestClient) -> None:
    body = client.get("/api/relations", params={"type": "strategic partnership"}).json()
    assert [(r["a"], r["b"], r["status"]) for r in body["data"]] == [("VNM", "NGA", "upgraded")]


def test_api_search_ranks_and_highlights(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "phone call"}).json()
    assert body["count"] == 2
    hit = body["data"][0]
    spans = [hit["text"][a:b].lower() for a, b in hit["highlights"]]
    assert spans == ["phone", "call"]
    assert "[phone] [call]" in hit["snippet"]


def test_api_search_needs_a_query(client: TestClient) -> None:
    r = client.get("/api/search")
    assert r.status_code == 422
    body = r.json()
    assert body["ok"] is False and body["errors"][0]["loc"] == "query.q"


def test_api_partner_profile(client: TestClient) -> None:
    p = client.get("/api/partners/NGA").json()
    assert (p["code"], p["home"], p["tier"]) == ("NGA", "VNM", "strategic partnership")
    assert [s["source"] for s in p["timeline"]] == ["extracted"]
    assert p["events_by_type"] == {"MEET": 1, "PARTNERSHIP_UPGRADE": 1}
    assert p["events_by_year"] == {"2025": 2}
    assert p["latest_events"][0]["evidence"]["text"]


def test_api_partner_timeline_merges_reference_table(client: TestClient) -> None:
    p = client.get("/api/partners/BRA").json()
    levels = [(s["level"], s["source"]) for s in p["timeline"]]
    assert ("strategic partnership", "reference") in levels
    assert p["tier"] == "strategic partnership"
    assert p["events_by_type"] == {"CALL": 1}


def test_api_partners_grouped_by_tier(client: TestClient) -> None:
    tiers = client.get("/api/partners").json()
    assert "NGA" in {p["code"] for p in tiers["strategic partnership"]}
    assert list(tiers)[0] == "special relationship"


def test_api_unknown_partner_is_404(client: TestClient) -> None:
    assert client.get("/api/partners/QQQ").status_code == 404


def test_api_stats(client: TestClient) -> None:
    s = client.get("/api/stats").json()
    assert (s["documents"], s["events"], s["relations"]) == (5, 9, 1)
    assert s["events_by_type"]["MEET"] == 3


def test_api_rejects_malformed_filters(client: TestClient) -> None:
    r = client.get("/api/events", params={"since": "last year", "limit": 100000})
    assert r.status_code == 422
    locs = {e["loc"] for e in r.json()["errors"]}
    assert locs == {"query.since", "query.limit"}


def test_api_sql_in_parameters_is_inert(client: TestClient) -> None:
    evil = "x' OR '1'='1' --"
    assert client.get("/api/figures", params={"type": evil}).json()["count"] == 0
    assert client.get("/api/events", params={"type": evil}).status_code == 422  # not a type
    assert client.get("/api/search", params={"q": evil}).status_code == 200
    assert client.get("/api/events", params={"country": "VNM' --"}).status_code == 422
    assert client.get("/api/stats").json()["events"] == 9


def test_api_unexpected_error_hides_details(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from diplograph.store import SQLiteStore

    def boom(self: SQLiteStore, filters: object) -> list[object]:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(SQLiteStore, "events", boom)
    with TestClient(create_app(Settings(db=str(db))), raise_server_exceptions=False) as c:
        r = c.get("/api/events")
    assert r.status_code == 500
    assert r.json()["error"] == "internal error; see the server log"
    assert "secret" not in r.text and "Traceback" not in r.text


def test_api_responses_carry_security_headers(client: TestClient) -> None:
    r = client.get("/api/stats")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_api_openapi_lists_read_endpoints_only(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/search", "/api/partners/{code}", "/api/stats"} <= set(paths)
    assert "post" not in paths["/api/documents"]
    assert client.post("/api/documents", content=b"x").status_code == 405


def test_api_explain_shows_the_decision_trace(client):
    r = client.get(
        "/api/explain",
        params={"sentence": "Vietnam summoned the Chinese ambassador to protest.",
                "published": "2024-05-02"},
    )  # fmt: skip
    assert r.status_code == 200
    body = r.json()
    assert {a["code"] for a in body["actors"]} >= {"VNM", "CHN"}
    assert any(e["type"] == "PROTEST_ACCUSE" for e in body["events"])
    assert all(e["produced_by"] for e in body["events"])


def test_api_explain_rejects_a_bad_date(client):
    r = client.get("/api/explain", params={"sentence": "x", "published": "2024-13"})
    assert r.status_code == 422


def test_api_country_names_resolve_and_typos_suggest(client: TestClient) -> None:
    by_code = client.get("/api/events", params={"country": "VNM"}).json()
    by_name = client.get("/api/events", params={"country": "Viet Nam"}).json()
    assert by_name == by_code and by_code["count"] > 0
    r = client.get("/api/events", params={"country": "Vietnma"})
    assert r.status_code == 422 and "Vietnam (VNM)" in r.text


def test_api_ask_answers_with_evidence_or_says_unknown(client: TestClient) -> None:
    unknown = client.get("/api/ask", params={"q": "Which orchestra played at the summit?"})
    assert unknown.status_code == 200 and unknown.json()["answer"] is None
    assert client.get("/api/ask", params={"q": "x"}).status_code == 422
    q = "How much did Vietnam and Chile trade in 2022?"
    body = client.get("/api/ask", params={"q": q}).json()
    assert "1.8 billion" in body["answer"] and 0 < body["confidence"] <= 1
    assert body["evidence"][0]["doc"] == "vn-chile-phone-2023"


@pytest.mark.parametrize(
    "path",
    ["/api/documents/a%00b", "/documents/a%00b", "/api/events?type=VI%00SIT",
     "/api/search?q=vis%00it", "/search?q=vis%00it", "/events?type=VI%00SIT",
     # the other control characters too (issue 19): ids, free text, names, any parameter
     "/api/documents/a%01b", "/documents/a%7Fb", "/api/search?q=vis%1bit", "/search?q=a%08",
     "/api/events?doc=a%0Cb", "/api/ask?q=who%1f", "/api/conflicts?country=V%01NM",
     "/api/trends?country=VNM&partner=CH%7fN", "/map?focus=VNM%1b", "/api/search?q=a%0Bb"],
)  # fmt: skip
def test_api_nul_in_a_request_is_a_clear_400_on_both_backends(store, path: str) -> None:
    with TestClient(create_app(Settings(db=store.url)), raise_server_exceptions=False) as c:
        r = c.get(path)
    assert r.status_code == 400 and "NUL" in r.json()["error"]
    assert r.headers["x-frame-options"] == "DENY"  # the security headers still apply


def test_api_tab_and_newline_in_free_text_are_not_refused(client: TestClient) -> None:
    for q in ("visit%09Hanoi", "visit%0AHanoi", "visit%0D%0AHanoi"):
        assert client.get(f"/api/search?q={q}").status_code == 200
