"""Downloads of the analysis views (#17): the map, the network, the comparison, the alerts
and a partner's page, on the dashboard (``?format=csv|json``) and in the API.

Each download holds exactly the rows the view shows, with the kind's fixed columns, and the
API with the same filters gives the same rows. The store is the bundled sample corpus
ingested with the real pipeline (alerts: an invented import); expected rows are read from the
HTML view or the API's structured JSON, never from the code under test.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from historydata import months, rows
from samplestore import build_sample_store

from diplograph.query.downloads import COLUMNS
from diplograph.server import create_app
from diplograph.settings import Settings
from diplograph.store import SQLiteStore

COMPARE = {"a": "Vietnam", "b": "the Philippines", "partner": "PRC", "since": "2012"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("analysis-downloads"))


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(db), home="VNM"))) as c:
        yield c


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def as_text(data: list[dict[str, object]]) -> list[dict[str, str]]:
    """JSON rows as CSV reads them (None → empty, numbers → text)."""
    return [{k: "" if v is None else str(v) for k, v in r.items()} for r in data]


def download(
    client: TestClient, path: str, params: dict[str, str], kind: str
) -> list[dict[str, str]]:
    """The CSV rows of ``path`` after checking the header, type, file name and that the JSON
    download has the same rows with the same columns."""
    got = client.get(path, params={**params, "format": "csv"})
    assert got.status_code == 200, got.text
    assert got.headers["content-type"].startswith("text/csv")
    assert got.headers["content-disposition"].startswith(f'attachment; filename="{kind}')
    assert tuple(next(csv.reader(io.StringIO(got.text)))) == COLUMNS[kind]
    body = client.get(path, params={**params, "format": "json"}).json()
    assert all(tuple(r) == COLUMNS[kind] for r in body["data"])
    assert body["count"] == len(body["data"])
    found = csv_rows(got.text)
    assert as_text(body["data"]) == [{k: v.replace("\r\n", "\n") for k, v in r.items()}
                                     for r in found]  # fmt: skip
    return found


def links_keep_filters(html: str, params: dict[str, str]) -> None:
    """The page's CSV and JSON links carry every filter of the page."""
    for fmt in ("csv", "json"):
        href = re.search(rf'href="\?([^"]*format={fmt})" rel="nofollow" download', html)
        assert href, f"no {fmt} link"
        query = href.group(1).replace("&amp;", "&")
        for k, v in params.items():
            assert f"{k}={v.replace(' ', '+')}" in query, (k, query)


# --- map ------------------------------------------------------------------------------------


def table(html: str, name: str) -> str:
    start = html.index(f'<table id="{name}">')
    return html[start : html.index("</table>", start)]


@pytest.mark.parametrize("params", [{}, {"focus": "Germany"}, {"since": "2024", "until": "2024"}])
def test_map_download_is_the_map_tables(client, params) -> None:
    found = download(client, "/map", params, "map")
    html = client.get("/map", params=params).text
    partners = [r for r in found if r["layer"] == "partner"]
    places = [r for r in found if r["layer"] == "place"]
    assert [r["code"] for r in partners] == re.findall(
        r'<tr data-code="([^"]+)">', table(html, "partners")
    )
    shown_places = table(html, "places").count("<tr><td>") if 'id="places"' in html else 0
    assert len(places) == shown_places and (places or params)
    api = client.get("/api/map", params=params).json()
    assert len(partners) == len(api["partners"]) and len(places) == len(api["places"])
    assert len(found) == len(api["partners"]) + len(api["places"]) + len(api["unplaced"])
    for row, p in zip(partners, api["partners"], strict=True):
        assert (row["tier"], row["events"], row["wikidata"]) == (
            p["tier"] or "",
            str(p["events"]),
            p["wikidata"] or "",
        )
    assert [r["name"] for r in places] == [p["name"] for p in api["places"]]
    assert csv_rows(client.get("/api/map", params={**params, "format": "csv"}).text) == found
    links_keep_filters(html, params)


def test_map_download_follows_its_filters(client) -> None:
    every = download(client, "/map", {}, "map")
    dated = download(client, "/map", {"since": "2024", "until": "2024"}, "map")
    germany = download(client, "/map", {"focus": "DEU"}, "map")
    assert every != dated and every != germany
    events = {r["code"]: int(r["events"]) for r in every if r["layer"] == "partner"}
    assert all(int(r["events"]) <= events[r["code"]] for r in dated if r["layer"] == "partner")
    assert "VNM" not in {r["code"] for r in every} and "VNM" in {r["code"] for r in germany}


# --- network --------------------------------------------------------------------------------

NETWORK = [{}, {"focus": "all", "types": "visit"}, {"focus": "Germany", "group": "conflictual"}]


@pytest.mark.parametrize("params", NETWORK)
def test_network_download_is_the_pairs_table(client, params) -> None:
    found = download(client, "/network", params, "network")
    api = client.get("/api/network", params=params).json()
    assert [(r["a"], r["b"], r["count"]) for r in found] == [
        (e["a"], e["b"], str(e["count"])) for e in api["edges"]
    ]
    html = client.get("/network", params=params).text
    shown = re.findall(r'data-pair="([^"]+)"', html)
    assert sorted(shown) == sorted(f"{r['a']}-{r['b']}" for r in found) and shown
    pairs = table(html, "pairs")
    assert pairs.count("<tr><td>") == len(found)
    names = {n["code"]: n["name"] for n in api["nodes"]}
    assert all(r["a_name"] == names[r["a"]] and r["b_name"] == names[r["b"]] for r in found)
    assert csv_rows(client.get("/api/network", params={**params, "format": "csv"}).text) == found
    links_keep_filters(html, params)


def test_network_download_follows_its_filters(client) -> None:
    every = download(client, "/network", {"focus": "all"}, "network")
    visits = download(client, "/network", {"focus": "all", "types": "VISIT"}, "network")
    hostile = download(client, "/network", {"focus": "all", "group": "conflictual"}, "network")
    assert visits and hostile and visits != every != hostile
    assert all(r["by_type"] == f"VISIT={r['count']}" for r in visits)
    assert all(r["conflictual"] == r["count"] and r["cooperative"] == "0" for r in hostile)
    vnm = [r for r in every if r["a"] == "VNM"]
    assert vnm and {r["a_wikidata"] for r in vnm} == {"Q881"}


# --- compare --------------------------------------------------------------------------------


def test_compare_download_is_years_and_types_of_both_sides(client) -> None:
    found = download(client, "/compare", COMPARE, "compare")
    api = client.get("/api/compare", params=COMPARE).json()
    assert len(found) == len(api["sides"]) * (len(api["years"]) + len(api["types"]))
    html = client.get("/compare", params=COMPARE).text
    for side in api["sides"]:
        mine = [r for r in found if r["code"] == side["code"]]
        assert {(r["partner"], r["tier"]) for r in mine} == {("CHN", side["tier"] or "")}
        years = [(r["key"], int(r["events"])) for r in mine if r["breakdown"] == "year"]
        assert years == list(side["by_year"].items())
        types = {r["key"]: r["events"] for r in mine if r["breakdown"] == "type"}
        shown = re.findall(rf'<tr data-type="(\w+)">.*?data-code="{side["code"]}">(\d+)<', html)
        assert types == dict(shown) and list(types) == api["types"]
    api_csv = client.get("/api/compare", params={**COMPARE, "format": "csv"})
    assert csv_rows(api_csv.text) == found
    assert 'filename="compare-VNM-vs-PHL-CHN-2012.csv"' in api_csv.headers["content-disposition"]
    links_keep_filters(html, COMPARE)


def test_compare_download_follows_its_filters(client) -> None:
    every = download(client, "/compare", {**COMPARE, "since": ""}, "compare")
    later = download(client, "/compare", {**COMPARE, "since": "2024"}, "compare")
    assert every != later
    assert {r["key"] for r in later if r["breakdown"] == "year"} <= {"2024", "2025", "2026"}
    japan = download(client, "/compare", {**COMPARE, "partner": "Japan"}, "compare")
    assert {r["partner"] for r in japan} == {"JPN"}
    empty = client.get("/compare", params={"format": "csv"})  # no second country yet
    assert empty.status_code == 200 and csv_rows(empty.text) == []
    assert "format=csv" not in client.get("/compare").text


# --- partner page ---------------------------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"with": "Japan"}])
def test_partner_download_is_the_partner_page(client, params) -> None:
    found = download(client, "/partners/USA", params, "partner")
    api = client.get("/api/partners/USA", params={**params, "latest": "15"}).json()
    sections = [r["section"] for r in found]
    assert sections.count("tier") == len(api["timeline"])
    assert sections.count("activity") == len(api["event_counts"])
    assert sections.count("figure") == len(api["figures"])
    html = client.get("/partners/USA", params=params).text
    shown = re.findall(r'<article class="card event" data-id="(\d+)">', html)
    assert [r["id"] for r in found if r["section"] == "event"] == shown
    assert shown or params, "Vietnam and the US have events in the sample"
    assert [r["level"] for r in found if r["section"] == "tier"] == [
        s["level"] for s in api["timeline"]
    ]
    assert {(r["home"], r["partner"]) for r in found} == {(api["home"], "USA")}
    api_csv = client.get("/api/partners/USA", params={**params, "latest": "15", "format": "csv"})
    assert csv_rows(api_csv.text) == found
    links_keep_filters(html, params)


def test_partner_download_follows_its_side(client) -> None:
    vnm = download(client, "/partners/USA", {}, "partner")
    jpn = download(client, "/partners/USA", {"with": "JPN"}, "partner")
    assert {r["home"] for r in vnm} == {"VNM"} and {r["home"] for r in jpn} == {"JPN"}
    assert vnm != jpn
    short = csv_rows(client.get("/api/partners/USA", params={"format": "csv", "latest": 2}).text)
    assert [r["section"] for r in short].count("event") == 2


# --- alerts ---------------------------------------------------------------------------------

SPAN = months(48, "2010-01")


@pytest.fixture
def history(db_path: Path) -> Iterator[TestClient]:
    """Two pairs with one burst each: VNM–CHN conflict, VNM–USA cooperation."""
    store = SQLiteStore(str(db_path))
    for partner, quad, spike in (("CHN", 3, 40), ("USA", 1, 30)):
        counts = dict.fromkeys(SPAN, 4)
        counts[SPAN[spike]] = 60
        store.add_imported_events(rows(counts, "VNM", partner, quad=quad, file=f"{partner}.csv"))
    store.close()
    with TestClient(create_app(Settings(db=str(db_path), home="VNM"))) as c:
        yield c


@pytest.mark.parametrize("params", [{}, {"partner": "CHN", "quad": "conflict"}])
def test_alerts_download_is_the_alert_cards(history, params) -> None:
    found = download(history, "/alerts", params, "alerts")
    html = history.get("/alerts", params=params).text
    assert len(found) == html.count('<article class="card alert') > 0
    same = {"country": "VNM", **params}  # the page's default country is the home; the API's: any
    api = history.get("/api/alerts", params=same).json()["data"]
    assert [(r["a"], r["b"], r["period"], r["series"]) for r in found] == [
        (a["a"], a["b"], a["period"], a["series"]) for a in api
    ]
    for row, a in zip(found, api, strict=True):
        assert int(row["evidence"]) == len(a["evidence"]) > 0
        refs = row["evidence_refs"].split("; ")
        assert refs == [f"{e['dataset']}/{e['file']}:{e['row']}" for e in a["evidence"]]
    assert csv_rows(history.get("/api/alerts", params={**same, "format": "csv"}).text) == found
    links_keep_filters(html, params)


def test_alerts_download_follows_its_filters(history) -> None:
    every = download(history, "/alerts", {}, "alerts")
    china = download(history, "/alerts", {"partner": "China"}, "alerts")
    assert {r["b"] for r in every} == {"CHN", "USA"} and {r["b"] for r in china} == {"CHN"}
    assert {r["a_wikidata"] for r in every} == {"Q881"}
    quiet = download(history, "/alerts", {"until": "2012"}, "alerts")
    assert quiet == []


# --- the API's schema -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/api/map", "/api/network", "/api/compare", "/api/alerts", "/api/partners/{code}"]
)
def test_api_openapi_lists_the_download_formats(client, path) -> None:
    op = client.get("/openapi.json").json()["paths"][path]["get"]
    assert "text/csv" in op["responses"]["200"]["content"]
    assert any(p["name"] == "format" for p in op["parameters"])


def test_api_bad_format_is_422(client) -> None:
    assert client.get("/api/map", params={"format": "xml"}).status_code == 422
    assert client.get("/map", params={"format": "xml"}).status_code in (400, 422)
